import { describe, expect, it } from 'vitest';
import { BoundaryReadError } from '../../src/boundaries/read/errors.ts';
import { type SqlRow, SqlValuesTokenizer } from '../../src/boundaries/read/sqlValuesTokenizer.ts';

function tokenize(sql: string, chunkChars = sql.length || 1): SqlRow[] {
  const tokenizer = new SqlValuesTokenizer();
  const rows: SqlRow[] = [];
  for (let start = 0; start < sql.length; start += chunkChars) {
    rows.push(...tokenizer.write(sql.slice(start, start + chunkChars)));
  }
  rows.push(...tokenizer.end());
  return rows;
}

const texts = (row: SqlRow | undefined) => row?.values.map((value) => (value.quoted ? value.text : `<${value.text}>`));

const dump = [
  "/* licence; with a semicolon and a quote ' */",
  '-- a line comment; INSERT INTO nothing VALUES (1);',
  '# a MySQL hash comment',
  "DELETE FROM wilayah_boundaries WHERE kode LIKE '32.75.%' AND nama <> 'a;b' AND LENGTH(kode)=13;",
  '/*!40101 SET NAMES utf8mb4 */;',
  "CREATE TABLE `t` (`kode` varchar(13) COMMENT 'kode; wilayah', `path` longtext);",
  'INSERT INTO `wilayah_boundaries` (`kode`, `nama`, `lat`, `lng`, `path`) VALUES',
  "\t('32.75.01.1001','Bekasi\\'s \\\"Jaya\\\"\\\\',-6.23,107.01,'[[[-6.2,107.0]]]'),",
  '  -- a comment between rows',
  "\t('32.75.01.1002', 'Kampung ''Dalam''', NULL ,  -6.1e0 , \"dq\\nline\");",
  'INSERT INTO wilayah_boundaries VALUES',
  "('32.75.01.1003','Tab\\tand\\0nul and 100\\%',1,2,'[]');",
  "REPLACE INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES ('32.75.01.1004','Value', 0, 0, '') ON DUPLICATE KEY UPDATE nama='x;y';",
  'COMMIT',
].join('\n');

describe('SqlValuesTokenizer', () => {
  it('reads INSERT rows with MySQL escapes, doubled quotes, NULL and comments; skips other statements', () => {
    const rows = tokenize(dump);
    expect(rows.map((row) => row.ordinal)).toEqual([1, 2, 3, 4]);
    expect(rows[0]?.columns).toEqual(['kode', 'nama', 'lat', 'lng', 'path']);
    expect(texts(rows[0])).toEqual(['32.75.01.1001', 'Bekasi\'s "Jaya"\\', '<-6.23>', '<107.01>', '[[[-6.2,107.0]]]']);
    expect(texts(rows[1])).toEqual(['32.75.01.1002', "Kampung 'Dalam'", '<NULL>', '<-6.1e0>', 'dq\nline']);
    expect(rows[2]?.columns).toBeNull();
    expect(texts(rows[2])).toEqual(['32.75.01.1003', 'Tab\tand\0nul and 100\\%', '<1>', '<2>', '[]']);
    expect(texts(rows[3])).toEqual(['32.75.01.1004', 'Value', '<0>', '<0>', '']);
  });

  it('gives the same rows whatever the chunk boundaries (one character at a time included)', () => {
    const whole = tokenize(dump);
    for (const chunkChars of [1, 2, 3, 5, 7, 64]) {
      expect(tokenize(dump, chunkChars)).toEqual(whole);
    }
  });

  it('reports the position of a row', () => {
    const sql = "INSERT INTO t(kode) VALUES ('a'),\n('b');";
    expect(tokenize(sql).map((row) => row.position)).toEqual([27, 34]);
  });

  it.each([
    ['a truncated row', "INSERT INTO t(kode,nama) VALUES ('32.75.01.1001','Bek", 1],
    ['a truncated statement after a comma', "INSERT INTO t(kode) VALUES ('a'),", 2],
    ['an INSERT cut before VALUES', 'INSERT INTO t(kode', 1],
    ['garbage between rows', "INSERT INTO t(kode) VALUES ('a') ('b');", 2],
    ['an empty value', "INSERT INTO t(kode,nama) VALUES ('a',,'b');", 1],
    ['a function call as value', "INSERT INTO t(kode,g) VALUES ('a',ST_GeomFromText('POINT(1 2)'));", 1],
    ['an INSERT ... SELECT', 'INSERT INTO t(kode) SELECT kode FROM u;', 1],
  ])('refuses %s with malformed_sql and the row ordinal', (_label, sql, ordinal) => {
    let caught: unknown;
    try {
      tokenize(sql);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BoundaryReadError);
    expect(caught).toMatchObject({ code: 'malformed_sql', ordinal });
  });
});
