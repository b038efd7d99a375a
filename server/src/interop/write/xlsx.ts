import writeXlsxFile, { type Row } from 'write-excel-file/node';
import { neutraliseFormula } from '../spreadsheetText.ts';
import type { Table } from './parcelTable.ts';

/**
 * An .xlsx workbook of one sheet (write-excel-file): a bold, frozen header row, numbers and booleans as typed
 * cells, text with formula-looking starts neutralised as in CSV.
 */
export async function xlsxWorkbook(table: Table, sheetName: string): Promise<Buffer> {
  const header: Row = table.header.map((title) => ({ value: title, fontWeight: 'bold' as const }));
  const rows: Row[] = table.rows.map((row) =>
    row.map((value) => {
      if (value === null) return null;
      if (typeof value === 'string') return { value: neutraliseFormula(value), type: String };
      if (typeof value === 'number') return { value, type: Number };
      return { value, type: Boolean };
    }),
  );
  const columns = table.header.map((title, i) => {
    const longest = Math.max(title.length, ...table.rows.slice(0, 200).map((row) => String(row[i] ?? '').length));
    return { width: Math.min(60, Math.max(8, longest + 2)) };
  });
  return writeXlsxFile([header, ...rows], { sheet: sheetName, columns, stickyRowsCount: 1 }).toBuffer();
}
