import { readSheet } from 'read-excel-file/node';
import { InteropError } from '../interopError.ts';
import type { ReadResult } from '../sourceFeature.ts';
import { type Cell, type TableRow, tableToFeatures } from './table.ts';
import { listZipEntries } from './zipArchive.ts';

function plainCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** The first sheet of an .xlsx workbook (read-excel-file), header in row 1. The ZIP limits apply first. */
export async function readXlsx(data: Uint8Array): Promise<ReadResult> {
  listZipEntries(data);
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(Buffer.from(data.buffer, data.byteOffset, data.byteLength))) as unknown[][];
  } catch (error) {
    throw new InteropError('xlsx_malformed', {
      id: `Berkas Excel tidak dapat dibaca (${(error as Error).message}). Simpan sebagai .xlsx (bukan .xls).`,
      en: `The Excel file cannot be read (${(error as Error).message}). Save it as .xlsx (not .xls).`,
    });
  }
  const [header = [], ...records] = sheet;
  const rows: TableRow[] = records.map((cells, index) => ({ row: index + 2, cells: cells.map(plainCell) }));
  return tableToFeatures(header.map(plainCell), rows);
}
