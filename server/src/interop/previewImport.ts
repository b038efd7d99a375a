import { randomUUID } from 'node:crypto';
import { validateAreaGeometry } from '@tapak/core';
import { maxVerticesPerParcel } from '../parcels/parcelService.ts';
import { type Crs, crsOfCodeText, reprojectGeometry } from './crs.ts';
import { detectFormat } from './detectFormat.ts';
import type { ImportIssue, ImportPreview } from './importContracts.ts';
import { classifyGeometry } from './importGeometry.ts';
import { importLifetimeMs, type StoredIssue, saveImport, sweepExpiredImports } from './importStore.ts';
import { importTargets, suggestMapping } from './importTargets.ts';
import { InteropError } from './interopError.ts';
import { readCsv } from './read/csv.ts';
import { readGeoJson } from './read/geoJson.ts';
import { readGeoPackage } from './read/geoPackage.ts';
import { readKml, readKmz } from './read/kml.ts';
import { readShapefileZip } from './read/shapefile.ts';
import { readXlsx } from './read/xlsx.ts';
import type { ImportFormat, ReadResult, SourceFeature, SourceValue } from './sourceFeature.ts';

/** More features than a kelurahan-level register ever holds; a bigger file is split first. */
export const maxImportFeatures = 20_000;
const sampleSize = 5;
const maxIssuesShown = 1000;

export interface PreviewOptions {
  format?: ImportFormat | undefined;
  crs?: string | undefined;
}

function utf8(data: Uint8Array): string {
  return new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, '');
}

export async function readUpload(data: Uint8Array, format: ImportFormat): Promise<ReadResult> {
  switch (format) {
    case 'geojson':
      return readGeoJson(utf8(data));
    case 'kml':
      return readKml(utf8(data));
    case 'kmz':
      return readKmz(data);
    case 'shp':
      return readShapefileZip(data);
    case 'gpkg':
      return readGeoPackage(data);
    case 'csv':
      return readCsv(utf8(data));
    case 'xlsx':
      return readXlsx(data);
  }
}

function firstPositions(geometry: unknown): number[][] {
  const out: number[][] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const g = node as { coordinates?: unknown; geometries?: unknown[] };
    if (Array.isArray(g.geometries)) g.geometries.forEach(walk);
    let c = g.coordinates;
    while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as number[]);
  };
  walk(geometry);
  return out;
}

/** Metre coordinates in a file that claims (or is assumed to be) WGS 84: refuse rather than misplace. */
export function requireDegrees(features: SourceFeature[]) {
  for (const feature of features) {
    for (const [x = 0, y = 0] of firstPositions(feature.geometry)) {
      if (Math.abs(x) > 180 || Math.abs(y) > 90) {
        throw new InteropError('crs_unknown', {
          id: `Koordinat fitur ${feature.number} (${x}, ${y}) tampak dalam meter, tetapi berkas tidak menyebut sistem koordinatnya. Sebutkan dengan ?crs=, mis. ?crs=EPSG:32748 (UTM 48S) atau ?crs=EPSG:23834 (TM-3 48.2).`,
          en: `Feature ${feature.number} has coordinates (${x}, ${y}) that look like metres, but the file names no coordinate system. Give it with ?crs=, e.g. ?crs=EPSG:32748 (UTM 48S) or ?crs=EPSG:23834 (TM-3 48.2).`,
        });
      }
    }
  }
}

function fieldType(values: SourceValue[]): ImportPreview['fields'][number]['type'] {
  const kinds = new Set(
    values
      .filter((v) => v !== null && v !== '')
      .map((v) => (Array.isArray(v) ? 'list' : typeof v === 'string' ? 'text' : typeof v)),
  );
  if (kinds.size === 0) return 'empty';
  if (kinds.size > 1) return 'mixed';
  const [kind] = kinds;
  return kind === 'number' || kind === 'boolean' || kind === 'list' ? kind : 'text';
}

function fieldNamesOf(read: ReadResult): string[] {
  if (read.fieldNames) return read.fieldNames;
  const names = new Set<string>();
  for (const feature of read.features) for (const name of Object.keys(feature.properties)) names.add(name);
  return [...names];
}

/**
 * Step 1 of an import: read the upload (format detected from its content unless `format` is given), bring
 * every geometry to WGS 84, sort the features into importable, skipped (no geometry, a point) and blocking
 * (unreadable or invalid geometry), suggest a field mapping, and keep the result for the commit.
 */
export async function previewImport(data: Uint8Array, options: PreviewOptions = {}): Promise<ImportPreview> {
  await sweepExpiredImports();
  const format = options.format ?? detectFormat(data);
  const read = await readUpload(data, format);
  if (read.features.length > maxImportFeatures) {
    throw new InteropError(
      'too_many_features',
      {
        id: `Berkas berisi ${read.features.length} fitur; paling banyak ${maxImportFeatures} per impor. Bagi berkas per kecamatan.`,
        en: `The file holds ${read.features.length} features; at most ${maxImportFeatures} per import. Split it by kecamatan.`,
      },
      'payload-too-large',
    );
  }
  const crs: Crs = options.crs ? crsOfCodeText(options.crs) : read.crs;
  const crsSource = options.crs ? 'query' : read.crsSource;
  if (!crs.toLonLat) requireDegrees(read.features);

  const kept: SourceFeature[] = [];
  const issues: ImportIssue[] = [];
  const skipped: StoredIssue[] = [];
  for (const feature of read.features) {
    const base = { feature: feature.number, row: feature.row };
    if (feature.readError) {
      issues.push({ ...base, ...feature.readError, effect: 'blocks_commit' });
      kept.push(feature);
      continue;
    }
    const classified = classifyGeometry(reprojectGeometry(feature.geometry, crs));
    if (classified.kind === 'skip') {
      const message =
        classified.reason === 'point_only'
          ? {
              id: 'Hanya titik, bukan batas bidang: dilewati; gambar bidangnya di peta setelah impor.',
              en: 'Only a point, not a parcel outline: skipped; draw the parcel on the map after the import.',
            }
          : {
              id: 'Tanpa geometri: dilewati; gambar bidangnya di peta setelah impor.',
              en: 'No geometry: skipped; draw the parcel on the map after the import.',
            };
      const issue = {
        ...base,
        reason: classified.reason,
        message,
        ...(classified.position ? { position: classified.position } : {}),
      };
      skipped.push(issue);
      issues.push({ ...issue, effect: 'skipped' });
      continue;
    }
    kept.push({ ...feature, geometry: classified.geometry });
    if (classified.kind === 'other') {
      issues.push({
        ...base,
        reason: 'not_polygon',
        message: {
          id: `Geometri ${classified.type} bukan poligon; perbaiki di berkas sumber (bidang harus berupa poligon).`,
          en: `A ${classified.type} geometry is not a polygon; fix it in the source file (a parcel is a polygon).`,
        },
        effect: 'blocks_commit',
      });
      continue;
    }
    const validation = validateAreaGeometry(classified.geometry, { maxVertices: maxVerticesPerParcel });
    if (!validation.ok) {
      const [first] = validation.problems;
      if (first) {
        issues.push({
          ...base,
          reason: first.reason,
          message: first.message,
          effect: 'blocks_commit',
          ...(first.position ? { position: first.position } : {}),
        });
      }
    }
  }

  const fieldNames = fieldNamesOf(read);
  const mappingSuggestion = suggestMapping(fieldNames);
  const importId = randomUUID();
  const createdAt = new Date();
  await saveImport({
    import_id: importId,
    format,
    created_at: createdAt.toISOString(),
    crs: { code: crs.code, name: crs.name, source: crsSource },
    features: kept,
    skipped,
    mapping_suggestion: mappingSuggestion,
  });

  return {
    import_id: importId,
    format,
    crs_detected: { code: crs.code, name: crs.name, source: crsSource, reprojected: crs.toLonLat !== null },
    feature_count: read.features.length,
    importable_count:
      kept.length - new Set(issues.filter((i) => i.effect === 'blocks_commit').map((i) => i.feature)).size,
    skipped_count: skipped.length,
    blocking_count: new Set(issues.filter((i) => i.effect === 'blocks_commit').map((i) => i.feature)).size,
    fields: fieldNames.map((name) => ({ name, type: fieldType(read.features.map((f) => f.properties[name] ?? null)) })),
    sample: kept.slice(0, sampleSize).map((f) => ({
      feature: f.number,
      row: f.row,
      geometry: f.geometry,
      properties: f.properties,
    })),
    errors: issues.slice(0, maxIssuesShown),
    errors_total: issues.length,
    notes: read.notes,
    mapping_suggestion: mappingSuggestion,
    targets: [...importTargets],
    expires_at: new Date(createdAt.getTime() + importLifetimeMs).toISOString(),
  };
}
