import { crsOfGeoJsonMember } from '../crs.ts';
import { InteropError } from '../interopError.ts';
import { flattenProperties, type ReadResult, type SourceFeature } from '../sourceFeature.ts';

interface GeoJsonFeature {
  type?: unknown;
  geometry?: unknown;
  properties?: Record<string, unknown> | null;
}

function malformed(detail: string): InteropError {
  return new InteropError('geojson_malformed', {
    id: `Berkas GeoJSON tidak dapat dibaca: ${detail}`,
    en: `The GeoJSON file cannot be read: ${detail}`,
  });
}

/**
 * GeoJSON: a FeatureCollection, one Feature, an array of Features or a bare geometry. A `crs` member (older
 * GeoJSON, as GDAL writes for projected data) names the CRS; without it RFC 7946 says WGS 84.
 */
export function readGeoJson(text: string): ReadResult {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw malformed((error as Error).message);
  }
  if (!root || typeof root !== 'object') throw malformed('bukan objek JSON / not a JSON object');
  const object = root as { type?: unknown; features?: unknown; crs?: unknown };
  let items: GeoJsonFeature[];
  if (Array.isArray(root)) items = root as GeoJsonFeature[];
  else if (object.type === 'FeatureCollection' && Array.isArray(object.features)) items = object.features;
  else if (object.type === 'Feature') items = [object as GeoJsonFeature];
  else if (typeof object.type === 'string' && ('coordinates' in object || 'geometries' in object)) {
    items = [{ type: 'Feature', geometry: object, properties: {} }];
  } else
    throw malformed('bukan FeatureCollection, Feature atau geometri / not a FeatureCollection, Feature or geometry');

  const features: SourceFeature[] = items.map((item, index) => ({
    number: index + 1,
    row: null,
    geometry: item && typeof item === 'object' ? (item.geometry ?? null) : null,
    properties: flattenProperties(item && typeof item === 'object' ? item.properties : null),
  }));
  const declared = object.crs !== undefined;
  return { crs: crsOfGeoJsonMember(object.crs), crsSource: declared ? 'geojson_crs' : 'default', features, notes: [] };
}
