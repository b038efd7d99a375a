/**
 * CSV/formula injection (OWASP): Excel and LibreOffice run a cell that starts with = + - @ (and some do after
 * a tab or carriage return) as a formula, so a parcel named `=HYPERLINK("http://…")` would become a live link
 * in the planner's spreadsheet. Exports prefix such text with an apostrophe, which spreadsheets show as text;
 * the importer removes exactly that prefix again, so a round trip keeps the original text. Text that already
 * starts with apostrophes before such a character gets one more, so it survives the round trip too.
 */
const formulaStart = /^'*[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && formulaStart.test(text) ? text.slice(1) : text;
}
