import { z } from 'zod';
import { type Crs, crsOfCodeText, reprojectGeometry } from './crs.ts';
import { detectFormat } from './detectFormat.ts';
import { classifyGeometry } from './importGeometry.ts';
import { InteropError } from './interopError.ts';
import { maxImportFeatures, readUpload, requireDegrees } from './previewImport.ts';
import { type ImportFormat, importFormats } from './sourceFeature.ts';

/**
 * Overlay layers (flood zones, RTH, roads, SUTET lines, facilities) from any file the parcel import reads:
 * the same readers and coordinate systems, every geometry brought to WGS 84. Unlike a parcel, an overlay
 * feature may be a line or a point, so Polygon, MultiPolygon, LineString, MultiLineString and Point are kept
 * as they are (a KML MultiGeometry of one kind is merged); features without geometry, unreadable ones and
 * mixed collections are listed as skipped. Nothing is stored: the web sends the features to POST /api/layers.
 */

const messageSchema = z.object({ id: z.string(), en: z.string() });

export const layerFeaturesQuerySchema = z.object({
  format: z.enum(importFormats).optional().describe('Lewati deteksi format / skip format detection'),
  crs: z
    .string()
    .regex(/^(EPSG:)?\d{4,5}$/i, 'crs: EPSG:nnnn')
    .optional()
    .describe('Sistem koordinat berkas, mis. EPSG:32748 / the file CRS, e.g. EPSG:32748'),
});

export const layerFeaturesResultSchema = z.object({
  format: z.enum(importFormats),
  crs_detected: z.object({
    code: z.string().nullable(),
    name: z.string(),
    source: z.enum(['default', 'query', 'geojson_crs', 'prj', 'geopackage', 'wkt_srid', 'format']),
    reprojected: z.boolean(),
  }),
  feature_count: z.number().int(),
  skipped: z.array(
    z.object({
      feature: z.number().int(),
      row: z.number().int().nullable(),
      reason: z.string(),
      message: messageSchema,
    }),
  ),
  features: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.unknown(),
        properties: z.record(z.string(), z.unknown()),
      }),
    ),
  }),
});
export type LayerFeaturesResult = z.infer<typeof layerFeaturesResultSchema>;

interface AnyGeometry {
  type?: unknown;
  coordinates?: unknown;
  geometries?: AnyGeometry[];
}

const keptTypes = new Set(['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString', 'Point']);

function flatten(geometry: AnyGeometry): AnyGeometry[] {
  if (geometry.type === 'GeometryCollection') return (geometry.geometries ?? []).flatMap(flatten);
  return [geometry];
}

/** The overlay geometry of a feature (WGS 84), or why it is skipped. */
function overlayGeometry(
  geometry: unknown,
): { geometry: unknown } | { reason: 'no_geometry' | 'unsupported_geometry' } {
  const area = classifyGeometry(geometry);
  if (area.kind === 'area') return { geometry: area.geometry };
  if (area.kind === 'skip' && area.reason === 'no_geometry') return { reason: 'no_geometry' };
  const parts = flatten(geometry as AnyGeometry).filter((g) => g && typeof g === 'object');
  const [first] = parts;
  if (parts.length === 1 && first && keptTypes.has(String(first.type))) return { geometry: first };
  if (parts.length > 1 && parts.every((g) => g.type === 'LineString' || g.type === 'MultiLineString')) {
    const lines = parts.flatMap((g) =>
      g.type === 'LineString' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [],
    );
    return { geometry: { type: 'MultiLineString', coordinates: lines } };
  }
  return { reason: 'unsupported_geometry' };
}

const skipMessages = {
  no_geometry: {
    id: 'Tanpa geometri: dilewati.',
    en: 'No geometry: skipped.',
  },
  unsupported_geometry: {
    id: 'Geometri bukan poligon, garis atau satu titik (mis. campuran atau MultiPoint): dilewati.',
    en: 'The geometry is not a polygon, a line or a single point (e.g. mixed or MultiPoint): skipped.',
  },
};

export interface LayerFeaturesOptions {
  format?: ImportFormat | undefined;
  crs?: string | undefined;
}

/** Reads an uploaded overlay file (format detected from its content unless given) into WGS 84 GeoJSON. */
export async function readLayerFeatures(
  data: Uint8Array,
  options: LayerFeaturesOptions = {},
): Promise<LayerFeaturesResult> {
  const format = options.format ?? detectFormat(data);
  const read = await readUpload(data, format);
  if (read.features.length > maxImportFeatures) {
    throw new InteropError(
      'too_many_features',
      {
        id: `Berkas berisi ${read.features.length} fitur; paling banyak ${maxImportFeatures} per impor. Bagi berkasnya.`,
        en: `The file holds ${read.features.length} features; at most ${maxImportFeatures} per import. Split it.`,
      },
      'payload-too-large',
    );
  }
  const crs: Crs = options.crs ? crsOfCodeText(options.crs) : read.crs;
  const crsSource = options.crs ? 'query' : read.crsSource;
  if (!crs.toLonLat) requireDegrees(read.features);

  const skipped: LayerFeaturesResult['skipped'] = [];
  const features: LayerFeaturesResult['features']['features'] = [];
  for (const feature of read.features) {
    const base = { feature: feature.number, row: feature.row };
    if (feature.readError) {
      skipped.push({ ...base, reason: feature.readError.reason, message: feature.readError.message });
      continue;
    }
    const result = overlayGeometry(reprojectGeometry(feature.geometry, crs));
    if ('reason' in result) {
      skipped.push({ ...base, reason: result.reason, message: skipMessages[result.reason] });
      continue;
    }
    features.push({ type: 'Feature', geometry: result.geometry, properties: feature.properties });
  }

  return {
    format,
    crs_detected: { code: crs.code, name: crs.name, source: crsSource, reprojected: crs.toLonLat !== null },
    feature_count: read.features.length,
    skipped,
    features: { type: 'FeatureCollection', features },
  };
}
