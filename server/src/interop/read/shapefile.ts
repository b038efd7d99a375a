import { parseDbf, parseShp } from 'shpjs';
import { crsOfWkt, wgs84 } from '../crs.ts';
import { InteropError } from '../interopError.ts';
import type { FileNote, ReadResult, SourceFeature, SourceValue } from '../sourceFeature.ts';
import { isContentEntry, listZipEntries, readZipEntries } from './zipArchive.ts';

const decoder = new TextDecoder();

/** dBase values as plain values: blanks are null, dates (which the reader builds in local time) are YYYY-MM-DD. */
function plainValue(value: unknown): SourceValue {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'boolean') return value;
  return null;
}

/**
 * A zipped Shapefile: the .shp geometries (shpjs), the .dbf attributes (text in the .cpg encoding, UTF-8 when
 * there is none) and the .prj CRS. Without a .prj, WGS 84 is assumed and the preview says so. A ZIP with
 * several layers imports the first and names the others.
 */
export function readShapefileZip(data: Uint8Array): ReadResult {
  const names = listZipEntries(data)
    .map((entry) => entry.name)
    .filter(isContentEntry);
  const layers = names.filter((name) => name.toLowerCase().endsWith('.shp')).sort();
  const shpName = layers[0];
  if (!shpName) {
    throw new InteropError('shapefile_without_shp', {
      id: 'Arsip ZIP tidak berisi berkas .shp.',
      en: 'The ZIP archive holds no .shp file.',
    });
  }
  const base = shpName.slice(0, -4).toLowerCase();
  const sibling = (extension: string) => names.find((name) => name.toLowerCase() === `${base}.${extension}`);
  const wanted = new Set([shpName, sibling('dbf'), sibling('prj'), sibling('cpg')].filter(Boolean) as string[]);
  const files = readZipEntries(data, (name) => wanted.has(name));
  const bytesOf = (extension: string) => {
    const name = extension === 'shp' ? shpName : sibling(extension);
    return name ? files.get(name) : undefined;
  };

  const notes: FileNote[] = [];
  if (layers.length > 1) {
    notes.push({
      reason: 'other_layers_ignored',
      message: {
        id: `Arsip berisi ${layers.length} layer; hanya "${shpName}" yang dibaca (${layers.slice(1).join(', ')} diabaikan).`,
        en: `The archive holds ${layers.length} layers; only "${shpName}" is read (${layers.slice(1).join(', ')} ignored).`,
      },
    });
  }
  const prj = bytesOf('prj');
  const crs = prj ? crsOfWkt(decoder.decode(prj)) : wgs84;
  if (!prj) {
    notes.push({
      reason: 'assumed_wgs84',
      message: {
        id: 'Tidak ada berkas .prj: koordinat dianggap WGS 84 (EPSG:4326).',
        en: 'No .prj file: coordinates are taken as WGS 84 (EPSG:4326).',
      },
    });
  }

  let geometries: ReturnType<typeof parseShp>;
  let records: Array<Record<string, unknown>> = [];
  try {
    geometries = parseShp(bytesOf('shp') ?? new Uint8Array());
    const dbf = bytesOf('dbf');
    const cpg = bytesOf('cpg');
    if (dbf) records = parseDbf(dbf, cpg ? decoder.decode(cpg).trim() : 'UTF-8');
  } catch (error) {
    throw new InteropError('shapefile_malformed', {
      id: `Shapefile rusak atau tidak lengkap (${(error as Error).message}).`,
      en: `The Shapefile is damaged or incomplete (${(error as Error).message}).`,
    });
  }
  if (records.length > 0 && records.length !== geometries.length) {
    notes.push({
      reason: 'shp_dbf_count_mismatch',
      message: {
        id: `Jumlah geometri (.shp: ${geometries.length}) berbeda dengan jumlah atribut (.dbf: ${records.length}).`,
        en: `The number of geometries (.shp: ${geometries.length}) differs from the attribute records (.dbf: ${records.length}).`,
      },
    });
  }

  const count = Math.max(geometries.length, records.length);
  const features: SourceFeature[] = [];
  for (let index = 0; index < count; index++) {
    const record = records[index] ?? {};
    features.push({
      number: index + 1,
      row: null,
      geometry: geometries[index] ?? null,
      properties: Object.fromEntries(Object.entries(record).map(([key, value]) => [key, plainValue(value)])),
    });
  }
  const firstRecord = records[0];
  return {
    crs,
    crsSource: prj ? 'prj' : 'default',
    features,
    ...(firstRecord ? { fieldNames: Object.keys(firstRecord) } : {}),
    notes,
  };
}
