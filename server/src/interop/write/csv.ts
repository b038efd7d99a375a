import Papa from 'papaparse';
import { neutraliseFormula } from '../spreadsheetText.ts';
import type { Table } from './parcelTable.ts';

export type CsvSeparator = 'comma' | 'semicolon';

/**
 * CSV for Excel and QGIS: UTF-8 with a byte-order mark (without it Excel garbles non-ASCII names), CRLF line
 * ends, formula-looking text neutralised. The separator is a comma; Excel set to Indonesian regional settings
 * expects a semicolon, hence `semicolon`.
 */
export function csvText(table: Table, separator: CsvSeparator = 'comma'): string {
  const rows = table.rows.map((row) =>
    row.map((value) => (value === null ? '' : typeof value === 'string' ? neutraliseFormula(value) : String(value))),
  );
  const text = Papa.unparse([table.header, ...rows], {
    delimiter: separator === 'comma' ? ',' : ';',
    newline: '\r\n',
    quotes: false,
  });
  return `\uFEFF${text}\r\n`;
}
