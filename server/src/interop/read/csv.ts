import Papa from 'papaparse';
import { InteropError } from '../interopError.ts';
import type { ReadResult } from '../sourceFeature.ts';
import { type TableRow, tableToFeatures } from './table.ts';

/** CSV in UTF-8 (a BOM is fine), comma or semicolon separated (the separator is detected), header in row 1. */
export function readCsv(text: string): ReadResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) {
    throw new InteropError('csv_malformed', {
      id: `CSV tidak dapat dibaca: tanda kutip tidak tertutup di baris ${(fatal.row ?? 0) + 1}.`,
      en: `The CSV cannot be read: unclosed quote in row ${(fatal.row ?? 0) + 1}.`,
    });
  }
  const [header = [], ...records] = parsed.data;
  const rows: TableRow[] = records.map((cells, index) => ({ row: index + 2, cells }));
  return tableToFeatures(header, rows);
}
