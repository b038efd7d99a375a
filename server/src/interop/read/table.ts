import wkx from 'wkx';
import type { CrsSource } from '../crs.ts';
import { type Crs, crsOfEpsg, wgs84 } from '../crs.ts';
import { InteropError } from '../interopError.ts';
import type { ReadResult, SourceFeature, SourceValue } from '../sourceFeature.ts';
import { restoreNeutralised } from '../spreadsheetText.ts';

export type Cell = string | number | boolean | null;

export interface TableRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  cells: Cell[];
}

const wktNames = /^(wkt|wkt_geom|geometry|geom|the_geom|geometri|shape|geometry_wkt)$/i;
const lonNames = /^(lon|lng|long|longitude|bujur|x|point_lon|koordinat_x)$/i;
const latNames = /^(lat|latitude|lintang|y|point_lat|koordinat_y)$/i;

function uniqueHeader(header: Cell[]): string[] {
  const seen = new Map<string, number>();
  return header.map((cell, index) => {
    const base = String(cell ?? '').trim() || `kolom_${index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

function cellValue(cell: Cell | undefined): SourceValue {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === 'string') {
    const text = restoreNeutralised(cell);
    return text.trim() === '' ? null : text;
  }
  return cell;
}

function coordinate(cell: Cell | undefined): number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  const value = typeof cell === 'number' ? cell : Number(String(cell).trim().replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/**
 * Rows of a CSV or XLSX sheet as features. The geometry is a WKT column (wkt, geometry, geom, the_geom…; EWKT
 * "SRID=32748;POLYGON(…)" names its CRS) or, failing that, lon/lat columns. A row with only lon/lat is a
 * point, not a parcel outline: the preview lists it (`point_only`) and the commit skips it, as it does rows
 * without any geometry (`no_geometry`), so the planner draws those parcels afterwards.
 */
export function tableToFeatures(headerCells: Cell[], rows: TableRow[]): ReadResult {
  if (headerCells.length === 0) {
    throw new InteropError('table_empty', {
      id: 'Tabel tidak memiliki baris judul.',
      en: 'The table has no header row.',
    });
  }
  const header = uniqueHeader(headerCells);
  const wktIndex = header.findIndex((name) => wktNames.test(name));
  const lonIndex = header.findIndex((name) => lonNames.test(name));
  const latIndex = header.findIndex((name) => latNames.test(name));
  let srid: number | null = null;
  const features: SourceFeature[] = [];

  for (const { row, cells } of rows) {
    if (cells.every((cell) => cell === null || cell === '')) continue;
    const properties: Record<string, SourceValue> = {};
    header.forEach((name, index) => {
      if (index !== wktIndex) properties[name] = cellValue(cells[index]);
    });
    const feature: SourceFeature = { number: features.length + 1, row, geometry: null, properties };
    const wkt = wktIndex >= 0 ? cells[wktIndex] : null;
    if (typeof wkt === 'string' && wkt.trim() !== '') {
      try {
        const parsed = wkx.Geometry.parse(wkt.trim());
        const rowSrid = parsed.srid ?? null;
        if (rowSrid !== null && srid !== null && rowSrid !== srid) {
          throw new Error(`SRID ${rowSrid} berbeda dari SRID ${srid} di baris sebelumnya / differs from SRID ${srid}`);
        }
        if (rowSrid !== null) srid = rowSrid;
        feature.geometry = parsed.toGeoJSON();
      } catch (error) {
        feature.readError = {
          reason: 'wkt_malformed',
          message: {
            id: `WKT tidak dapat dibaca (${(error as Error).message}).`,
            en: `The WKT cannot be read (${(error as Error).message}).`,
          },
        };
      }
    } else if (lonIndex >= 0 && latIndex >= 0) {
      const lon = coordinate(cells[lonIndex]);
      const lat = coordinate(cells[latIndex]);
      if (lon !== null && lat !== null) feature.geometry = { type: 'Point', coordinates: [lon, lat] };
    }
    features.push(feature);
  }

  let crs: Crs = wgs84;
  let crsSource: CrsSource = 'default';
  if (srid !== null && srid !== 4326 && srid !== 0) {
    const declared = crsOfEpsg(srid);
    if (!declared) {
      throw new InteropError('crs_unsupported', {
        id: `SRID ${srid} pada kolom WKT tidak didukung.`,
        en: `SRID ${srid} in the WKT column is not supported.`,
      });
    }
    crs = declared;
    crsSource = 'wkt_srid';
  } else if (srid === 4326) crsSource = 'wkt_srid';
  return { crs, crsSource, features, fieldNames: header.filter((_, index) => index !== wktIndex), notes: [] };
}
