import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * The PDF document every report writes into: A4 portrait, the embedded fonts, the page cursor with page
 * breaks and the footer. Reports never call `doc.addPage()` themselves: `ReportWriter.ensureSpace` does, so
 * every page gets its footer and pdfkit never breaks a page on its own in the middle of a drawing.
 */

export const a4 = { widthPoints: 595.28, heightPoints: 841.89 } as const;
export const marginPoints = 40;
/** Height kept free at the bottom of every page for the footer line. */
const footerHeightPoints = 22;
export const contentWidthPoints = a4.widthPoints - 2 * marginPoints;

/**
 * Fonts: DejaVu Sans Condensed, embedded (subset) from the `dejavu-fonts-ttf` package. pdfkit's built-in
 * Helvetica only encodes WinAnsi: the checks' own messages use "≥" and "≤", which it would print as garbage.
 * Condensed keeps table columns narrow.
 */
export const fonts = { regular: 'body', bold: 'body-bold', italic: 'body-italic' } as const;

const fontFiles: Record<(typeof fonts)[keyof typeof fonts], string> = {
  body: 'DejaVuSansCondensed.ttf',
  'body-bold': 'DejaVuSansCondensed-Bold.ttf',
  'body-italic': 'DejaVuSansCondensed-Oblique.ttf',
};

let fontBuffers: Map<string, Buffer> | null = null;

/** The font files, read once per process (about 1.3 MB) rather than once per report. */
function loadFonts(): Map<string, Buffer> {
  if (!fontBuffers) {
    const require = createRequire(import.meta.url);
    const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontBuffers = new Map(
      Object.entries(fontFiles).map(([name, file]) => [name, fs.readFileSync(path.join(fontDir, file))]),
    );
  }
  return fontBuffers;
}

export const colors = {
  ink: '#0f172a',
  muted: '#64748b',
  rule: '#cbd5e1',
  headerFill: '#e2e8f0',
  zebraFill: '#f8fafc',
} as const;

export interface ReportDocumentInfo {
  title: string;
  subject: string;
}

export class ReportWriter {
  readonly doc: PDFKit.PDFDocument;
  /** The vertical cursor in points (top of the next thing to draw). */
  y = marginPoints;
  pageCount = 0;
  /** Printed at the bottom left of each page from the next page on (the kelurahan in an atlas). */
  footerText = '';

  constructor(info: ReportDocumentInfo) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'portrait',
      margins: { top: marginPoints, bottom: marginPoints, left: marginPoints, right: marginPoints },
      autoFirstPage: false,
      // Pages are written out as soon as the next one starts, so a long atlas can stream.
      bufferPages: false,
      info: { Title: info.title, Subject: info.subject, Author: 'Tapak', Creator: 'Tapak' },
    });
    for (const [name, buffer] of loadFonts()) this.doc.registerFont(name, buffer);
  }

  /** The lowest y content may reach on a page. */
  get bottomPoints(): number {
    return a4.heightPoints - marginPoints - footerHeightPoints;
  }

  get remainingPoints(): number {
    return this.bottomPoints - this.y;
  }

  newPage(): void {
    this.doc.addPage();
    this.pageCount += 1;
    this.y = marginPoints;
    this.drawFooter();
  }

  /** Starts a new page when fewer than `heightPoints` remain on this one; returns whether it did. */
  ensureSpace(heightPoints: number): boolean {
    if (this.pageCount > 0 && this.y + heightPoints <= this.bottomPoints) return false;
    this.newPage();
    return true;
  }

  private drawFooter(): void {
    const { doc } = this;
    const y = a4.heightPoints - marginPoints - 8;
    // The footer sits inside the bottom margin; without lifting the margin pdfkit would start a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save();
    doc
      .moveTo(marginPoints, y - 5)
      .lineTo(a4.widthPoints - marginPoints, y - 5)
      .lineWidth(0.5)
      .stroke(colors.rule);
    doc.font(fonts.regular).fontSize(7).fillColor(colors.muted);
    doc.text(this.footerText, marginPoints, y, { width: contentWidthPoints - 80, lineBreak: false, ellipsis: true });
    doc.text(`Halaman ${this.pageCount}`, a4.widthPoints - marginPoints - 80, y, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    doc.restore();
    doc.page.margins.bottom = bottomMargin;
  }
}

/** Collects a finished document into one buffer. Call before `doc.end()`. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
