import { InteropError } from './interopError.ts';
import { isContentEntry, isZip, listZipEntries } from './read/zipArchive.ts';
import type { ImportFormat } from './sourceFeature.ts';

const sqliteMagic = 'SQLite format 3\0';

function unsupported(detail: { id: string; en: string }): InteropError {
  return new InteropError('format_unknown', detail, 'unsupported-media-type');
}

/**
 * The format of an upload from its content, never from a file name or content type (browsers and curl send
 * whatever they like): ZIP → what the archive holds (.shp, an Excel workbook, or a .kml = KMZ), SQLite →
 * GeoPackage, text → GeoJSON ("{" or "["), KML ("<kml"), else CSV.
 */
export function detectFormat(data: Uint8Array): ImportFormat {
  if (isZip(data)) {
    const names = listZipEntries(data)
      .map((entry) => entry.name)
      .filter(isContentEntry);
    const lower = names.map((name) => name.toLowerCase());
    if (lower.some((name) => name.endsWith('.shp'))) return 'shp';
    if (lower.includes('[content_types].xml') && lower.some((name) => name.startsWith('xl/'))) return 'xlsx';
    if (lower.some((name) => name.endsWith('.kml'))) return 'kmz';
    throw unsupported({
      id: 'Arsip ZIP ini tidak berisi Shapefile (.shp), KML, atau buku kerja Excel.',
      en: 'This ZIP archive holds no Shapefile (.shp), KML or Excel workbook.',
    });
  }
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 4096));
  if (head.toString('latin1', 0, sqliteMagic.length) === sqliteMagic) return 'gpkg';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw unsupported({
      id: 'Berkas Excel lama (.xls) tidak didukung. Simpan sebagai .xlsx lalu unggah lagi.',
      en: 'Old Excel files (.xls) are not supported. Save as .xlsx and upload again.',
    });
  }
  if (head.includes(0)) {
    throw unsupported({
      id: 'Format berkas tidak dikenali. Didukung: GeoJSON, KML, KMZ, Shapefile (ZIP), GeoPackage, CSV, XLSX.',
      en: 'Unrecognised file format. Supported: GeoJSON, KML, KMZ, Shapefile (ZIP), GeoPackage, CSV, XLSX.',
    });
  }
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return 'geojson';
  if (text.startsWith('<')) {
    if (/<kml[\s>]/i.test(text)) return 'kml';
    throw unsupported({
      id: 'Berkas XML ini bukan KML (tidak ada elemen <kml>).',
      en: 'This XML file is not KML (no <kml> element).',
    });
  }
  if (text.length === 0) {
    throw new InteropError('empty_file', { id: 'Berkas kosong.', en: 'The file is empty.' }, 'bad-request');
  }
  return 'csv';
}
