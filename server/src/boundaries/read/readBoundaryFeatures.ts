import type { BoundaryFormat, RawBoundaryFeature } from './rawBoundaryFeature.ts';
import { readGeoJsonFeatures } from './readGeoJsonFeatures.ts';
import { readWilayahSql } from './readWilayahSql.ts';
import { type OpenBoundarySourceOptions, openBoundarySource } from './source.ts';

export interface BoundaryFeatureSource {
  /** File name of the source (last path segment of a URL). */
  name: string;
  format: BoundaryFormat;
  /** Whether the source was gzip-compressed. */
  gzipped: boolean;
  /**
   * The features, streamed: iterate once. Stopping early (break, return, throw in the loop) closes the source.
   */
  features: AsyncIterable<RawBoundaryFeature>;
  /** Releases the file or connection when the features will not be iterated to the end (or at all). Idempotent. */
  close(): void;
}

/**
 * Opens a boundary source (file path, `file:` or http(s) URL; plain or gzip; GeoJSON FeatureCollection or
 * wilayah_boundaries SQL dump, told apart by content) and returns its features as a stream.
 *
 * Opening errors are thrown here as `BoundarySourceError`; content errors are thrown while iterating, as
 * `BoundaryReadError` (or `BoundarySourceError` for a download that fails midway).
 */
export async function readBoundaryFeatures(
  pathOrUrl: string,
  options: OpenBoundarySourceOptions = {},
): Promise<BoundaryFeatureSource> {
  const source = await openBoundarySource(pathOrUrl, options);
  const features = source.format === 'geojson' ? readGeoJsonFeatures(source.stream) : readWilayahSql(source.stream);
  return {
    name: source.name,
    format: source.format,
    gzipped: source.gzipped,
    features,
    close() {
      // return() runs the reader's cleanup if it is paused at a feature; destroy() covers a reader never started.
      void features.return(undefined).catch(() => undefined);
      source.stream.destroy();
    },
  };
}
