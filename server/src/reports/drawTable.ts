import { colors, contentWidthPoints, fonts, marginPoints, type ReportWriter } from './reportDocument.ts';

/**
 * A plain table that wraps long cells and continues on the next page with its header repeated, so a
 * kelurahan with many candidates (or an atlas summary with many kecamatan) never runs off the page.
 */

export interface TableColumn {
  header: string;
  headerEn: string;
  /** Share of the content width; the shares of a table add up to 1. */
  widthShare: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableCell {
  text: string;
  color?: string;
  bold?: boolean;
}

export interface TableOptions {
  fontSize?: number;
  /** The last row is a total: bold with a rule above. */
  totalRow?: boolean;
}

const cellPaddingPoints = 3;

export function drawTable(
  writer: ReportWriter,
  columns: readonly TableColumn[],
  rows: ReadonlyArray<ReadonlyArray<TableCell>>,
  options: TableOptions = {},
): void {
  const { doc } = writer;
  const fontSize = options.fontSize ?? 8;
  const widths = columns.map((column) => column.widthShare * contentWidthPoints);
  const lefts = widths.map((_, index) => marginPoints + widths.slice(0, index).reduce((a, b) => a + b, 0));
  const cellWidth = (index: number) => (widths[index] ?? 0) - 2 * cellPaddingPoints;

  const headerHeight = (() => {
    doc.font(fonts.bold).fontSize(fontSize);
    const heights = columns.map((column, index) => doc.heightOfString(column.header, { width: cellWidth(index) }));
    return Math.max(...heights) + fontSize * 0.9 + 2 * cellPaddingPoints + 1;
  })();

  const drawHeader = () => {
    const top = writer.y;
    doc.save();
    doc.rect(marginPoints, top, contentWidthPoints, headerHeight).fill(colors.headerFill);
    doc.restore();
    columns.forEach((column, index) => {
      const x = (lefts[index] ?? 0) + cellPaddingPoints;
      const align = column.align ?? 'left';
      doc.font(fonts.bold).fontSize(fontSize).fillColor(colors.ink);
      doc.text(column.header, x, top + cellPaddingPoints, { width: cellWidth(index), align });
      doc
        .font(fonts.regular)
        .fontSize(fontSize * 0.8)
        .fillColor(colors.muted);
      doc.text(column.headerEn, x, doc.y, { width: cellWidth(index), align, lineBreak: false, ellipsis: true });
    });
    writer.y = top + headerHeight;
  };

  const rowHeight = (row: ReadonlyArray<TableCell>) => {
    const heights = row.map((cell, index) => {
      doc.font(cell.bold ? fonts.bold : fonts.regular).fontSize(fontSize);
      return doc.heightOfString(cell.text || ' ', { width: cellWidth(index) });
    });
    return Math.max(...heights, fontSize) + 2 * cellPaddingPoints;
  };

  // The header never stands alone at the bottom of a page: it needs room for at least its first row.
  const firstRow = rows[0];
  writer.ensureSpace(headerHeight + (firstRow ? rowHeight(firstRow) : 0));
  drawHeader();
  rows.forEach((row, rowIndex) => {
    const height = rowHeight(row);
    if (writer.ensureSpace(height)) drawHeader();
    const top = writer.y;
    const isTotal = options.totalRow === true && rowIndex === rows.length - 1;
    doc.save();
    if (isTotal) {
      doc
        .moveTo(marginPoints, top)
        .lineTo(marginPoints + contentWidthPoints, top)
        .lineWidth(0.8)
        .stroke(colors.ink);
    } else if (rowIndex % 2 === 1) {
      doc.rect(marginPoints, top, contentWidthPoints, height).fill(colors.zebraFill);
    }
    doc.restore();
    row.forEach((cell, index) => {
      doc
        .font(cell.bold || isTotal ? fonts.bold : fonts.regular)
        .fontSize(fontSize)
        .fillColor(cell.color ?? colors.ink);
      doc.text(cell.text, (lefts[index] ?? 0) + cellPaddingPoints, top + cellPaddingPoints, {
        width: cellWidth(index),
        align: columns[index]?.align ?? 'left',
      });
    });
    writer.y = top + height;
  });
  doc.save();
  doc
    .moveTo(marginPoints, writer.y)
    .lineTo(marginPoints + contentWidthPoints, writer.y)
    .lineWidth(0.5)
    .stroke(colors.rule);
  doc.restore();
}
