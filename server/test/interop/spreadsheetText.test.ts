import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreNeutralised } from '../../src/interop/spreadsheetText.ts';

describe('formula neutralisation in spreadsheet exports', () => {
  it('prefixes text a spreadsheet would run as a formula, and nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${start}HYPERLINK("http://x")`)).toBe(`'${start}HYPERLINK("http://x")`);
    }
    for (const text of ['Lahan BMD', '', 'a=b', ' =1', "O'Brien", '6 m']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('restores exactly what it neutralised, even text that starts with apostrophes', () => {
    for (const text of ['=1+1', '-6.2', "'=x", "''@y", "'quoted'", 'Lahan', "'", "'-"]) {
      expect(restoreNeutralised(neutraliseFormula(text))).toBe(text);
    }
    expect(restoreNeutralised("'Lahan")).toBe("'Lahan");
  });
});
