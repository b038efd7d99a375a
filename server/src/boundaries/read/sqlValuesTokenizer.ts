import { BoundaryReadError } from './errors.ts';

/** One value of a row tuple: a quoted string (escapes resolved) or a bare token such as `-6.23` or `NULL`. */
export interface SqlLiteral {
  quoted: boolean;
  text: string;
}

export interface SqlRow {
  /** 1-based count of rows across all INSERT statements of the dump. */
  ordinal: number;
  /** Lower-cased column list of the INSERT (`kode,nama,lat,lng,path`), or null when it has none. */
  columns: readonly string[] | null;
  values: SqlLiteral[];
  /** Character offset of the row's `(` in the dump. */
  position: number;
}

type State = 'between' | 'blockComment' | 'lineComment' | 'head' | 'skipStatement' | 'beforeRow' | 'inRow' | 'afterRow';

/** Statements long enough to be suspicious before their VALUES keyword: refuse rather than grow without bound. */
const MAX_HEAD_CHARS = 64 * 1024;
const MAX_BARE_CHARS = 1024;

/**
 * Incremental tokenizer for the INSERT rows of a MySQL dump. Text is fed in arbitrary chunks (`write`), so a row
 * of several hundred KB (or a whole extended INSERT on one line, as mysqldump writes it) never has to be held as
 * one line; only the values of the current row are kept. Comments (`/* *\/`, `--`, `#`) and statements other than
 * INSERT/REPLACE (DELETE, SET, LOCK, CREATE...) are skipped, honouring their quotes. Quoted strings accept MySQL
 * backslash escapes (`\'`, `\n`, `\\`...) and doubled quotes (`''`).
 *
 * When a chunk ends where one character of lookahead is needed (a backslash, a quote that may be doubled, the
 * first half of a comment opener), the tail is carried into the next call.
 */
export class SqlValuesTokenizer {
  private state: State = 'between';
  /** Where to go when a comment ends. */
  private afterComment: State = 'between';
  private carry = '';
  /** Characters received so far, carried tail included. */
  private received = 0;
  private head = '';
  private headWordDone = false;
  /** Open parentheses in the head, so a column named `value` inside the column list is not taken for VALUES. */
  private headParens = 0;
  private columns: string[] | null = null;
  private skipQuote: string | null = null;
  private skipEscape = false;
  private field: 'expect' | 'after' | 'string' | 'bare' = 'expect';
  private quoteChar = "'";
  private parts: string[] = [];
  private bare = '';
  private values: SqlLiteral[] = [];
  private rowPosition = 0;
  private rowCount = 0;

  write(chunk: string): SqlRow[] {
    return this.run(chunk, false);
  }

  /** Flushes the carried tail and checks the dump did not stop in the middle of an INSERT. */
  end(): SqlRow[] {
    const rows = this.run('', true);
    const truncated =
      this.state === 'inRow' ||
      this.state === 'beforeRow' ||
      (this.state === 'head' && this.headWordDone) ||
      (this.afterComment !== 'between' && (this.state === 'blockComment' || this.state === 'lineComment'));
    if (truncated) {
      throw this.error(
        this.received,
        'dump berakhir di tengah pernyataan INSERT (berkas terpotong?)',
        'the dump ends in the middle of an INSERT statement (truncated file?)',
      );
    }
    return rows;
  }

  private run(chunk: string, final: boolean): SqlRow[] {
    const text = this.carry + chunk;
    const base = this.received - this.carry.length;
    this.carry = '';
    this.received += chunk.length;
    const rows: SqlRow[] = [];
    const n = text.length;
    // Next backslash at or after i, searched once per text rather than once per string value.
    let nextBackslash = -1;
    let i = 0;
    while (i < n) {
      const c = text.charAt(i);
      switch (this.state) {
        case 'between':
        case 'beforeRow':
        case 'afterRow': {
          if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
            i += 1;
            continue;
          }
          const comment = commentOpener(text, i, final);
          if (comment === 'need-more') {
            this.carry = text.slice(i);
            return rows;
          }
          if (comment !== null) {
            this.afterComment = this.state;
            this.state = comment;
            i += comment === 'lineComment' && c === '#' ? 1 : 2;
            continue;
          }
          if (this.state === 'between') {
            if (c === ';') {
              i += 1;
              continue;
            }
            this.state = 'head';
            this.head = '';
            this.headWordDone = false;
            this.headParens = 0;
            continue;
          }
          if (this.state === 'beforeRow') {
            if (c !== '(')
              throw this.error(base + i, `diharapkan "(" tetapi ada "${c}"`, `expected "(" but found "${c}"`);
            this.state = 'inRow';
            this.field = 'expect';
            this.values = [];
            this.rowPosition = base + i;
            i += 1;
            continue;
          }
          // afterRow
          if (c === ',') this.state = 'beforeRow';
          else if (c === ';') this.state = 'between';
          else if (/[A-Za-z]/.test(c)) {
            // A trailing clause such as ON DUPLICATE KEY UPDATE: nothing more to read in this statement.
            this.state = 'skipStatement';
            this.skipQuote = null;
            this.skipEscape = false;
            continue;
          } else {
            throw this.error(
              base + i,
              `diharapkan "," atau ";" setelah baris, tetapi ada "${c}"`,
              `expected "," or ";" after a row but found "${c}"`,
            );
          }
          i += 1;
          continue;
        }
        case 'blockComment': {
          const close = text.indexOf('*/', i);
          if (close === -1) {
            if (!final && text.endsWith('*')) this.carry = '*';
            return rows;
          }
          this.state = this.afterComment;
          i = close + 2;
          continue;
        }
        case 'lineComment': {
          const newline = text.indexOf('\n', i);
          if (newline === -1) return rows;
          this.state = this.afterComment;
          i = newline + 1;
          continue;
        }
        case 'head': {
          if (!this.headWordDone) {
            if (/[A-Za-z_]/.test(c)) {
              this.head += c;
              i += 1;
              continue;
            }
            const word = this.head.toUpperCase();
            if (word !== 'INSERT' && word !== 'REPLACE') {
              this.state = 'skipStatement';
              this.skipQuote = null;
              this.skipEscape = false;
              continue;
            }
            this.headWordDone = true;
          }
          const boundary = c === '(' || c === ' ' || c === '\t' || c === '\n' || c === '\r';
          if (boundary && this.headParens === 0 && /[\s)`"]VALUES?$/i.test(this.head)) {
            this.columns = columnList(this.head);
            this.state = 'beforeRow';
            continue;
          }
          if (c === ';') {
            throw this.error(
              base + i,
              'pernyataan INSERT tanpa VALUES tidak didukung',
              'an INSERT statement without VALUES is not supported',
            );
          }
          this.head += c;
          if (c === '(') this.headParens += 1;
          else if (c === ')') this.headParens -= 1;
          i += 1;
          if (this.head.length > MAX_HEAD_CHARS) {
            throw this.error(base + i, 'kata kunci VALUES tidak ditemukan', 'no VALUES keyword found');
          }
          continue;
        }
        case 'skipStatement': {
          if (this.skipEscape) this.skipEscape = false;
          else if (this.skipQuote !== null) {
            if (c === '\\') this.skipEscape = true;
            else if (c === this.skipQuote) this.skipQuote = null;
          } else if (c === "'" || c === '"' || c === '`') this.skipQuote = c;
          else if (c === ';') this.state = 'between';
          i += 1;
          continue;
        }
        case 'inRow': {
          switch (this.field) {
            case 'expect':
              if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i += 1;
              else if (c === "'" || c === '"') {
                this.field = 'string';
                this.quoteChar = c;
                this.parts = [];
                i += 1;
              } else if (c === ')' && this.values.length === 0) {
                rows.push(this.completeRow());
                i += 1;
              } else if (c === ',' || c === ')') {
                throw this.error(base + i, `nilai kosong sebelum "${c}"`, `missing value before "${c}"`);
              } else {
                this.field = 'bare';
                this.bare = '';
              }
              continue;
            case 'bare':
              if (c === ',' || c === ')' || c === ' ' || c === '\t' || c === '\n' || c === '\r') {
                this.values.push({ quoted: false, text: this.bare });
                this.field = 'after';
              } else {
                this.bare += c;
                i += 1;
                if (this.bare.length > MAX_BARE_CHARS) {
                  throw this.error(base + i, 'nilai tanpa tanda kutip terlalu panjang', 'unquoted value too long');
                }
              }
              continue;
            case 'after':
              if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i += 1;
              else if (c === ',') {
                this.field = 'expect';
                i += 1;
              } else if (c === ')') {
                rows.push(this.completeRow());
                i += 1;
              } else {
                throw this.error(
                  base + i,
                  `diharapkan "," atau ")" di dalam baris, tetapi ada "${c}"`,
                  `expected "," or ")" inside a row but found "${c}"`,
                );
              }
              continue;
            case 'string': {
              if (nextBackslash !== n && nextBackslash < i) {
                nextBackslash = text.indexOf('\\', i);
                if (nextBackslash === -1) nextBackslash = n;
              }
              const quote = text.indexOf(this.quoteChar, i);
              const stop = quote === -1 ? nextBackslash : Math.min(quote, nextBackslash);
              if (stop >= n) {
                this.parts.push(text.slice(i));
                return final ? this.unterminatedString(base + n) : rows;
              }
              if (stop > i) this.parts.push(text.slice(i, stop));
              if (stop + 1 >= n && !final) {
                // A backslash or a possibly doubled quote at the very end: decide with the next chunk.
                this.carry = text.slice(stop);
                return rows;
              }
              const next = text.charAt(stop + 1);
              if (stop === nextBackslash) {
                if (stop + 1 >= n) return this.unterminatedString(base + n);
                this.parts.push(unescapeMySql(next));
                i = stop + 2;
              } else if (next === this.quoteChar) {
                this.parts.push(this.quoteChar);
                i = stop + 2;
              } else {
                this.values.push({ quoted: true, text: this.parts.join('') });
                this.parts = [];
                this.field = 'after';
                i = stop + 1;
              }
              continue;
            }
          }
        }
      }
    }
    return rows;
  }

  private completeRow(): SqlRow {
    this.rowCount += 1;
    const row: SqlRow = {
      ordinal: this.rowCount,
      columns: this.columns,
      values: this.values,
      position: this.rowPosition,
    };
    this.values = [];
    this.state = 'afterRow';
    return row;
  }

  private unterminatedString(position: number): never {
    throw this.error(position, 'string tanpa tanda kutip penutup', 'unterminated quoted string');
  }

  private error(position: number, reasonId: string, reasonEn: string): BoundaryReadError {
    const ordinal = this.rowCount + 1;
    return new BoundaryReadError(
      'malformed_sql',
      {
        id: `SQL tidak sah di karakter ke-${position} (baris data ke-${ordinal}): ${reasonId}.`,
        en: `Malformed SQL at character ${position} (data row #${ordinal}): ${reasonEn}.`,
      },
      { ordinal, position },
    );
  }
}

/** Which comment starts at `i`, if any; 'need-more' when the decisive second character is in the next chunk. */
function commentOpener(text: string, i: number, final: boolean): 'blockComment' | 'lineComment' | 'need-more' | null {
  const c = text.charAt(i);
  if (c === '#') return 'lineComment';
  if (c !== '/' && c !== '-') return null;
  if (i + 1 >= text.length) return final ? null : 'need-more';
  const next = text.charAt(i + 1);
  if (c === '/' && next === '*') return 'blockComment';
  if (c === '-' && next === '-') return 'lineComment';
  return null;
}

/** MySQL string escapes (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html, table 11.1). */
function unescapeMySql(c: string): string {
  switch (c) {
    case '0':
      return '\0';
    case 'b':
      return '\b';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'Z':
      return '\x1a';
    // MySQL keeps the backslash of \% and \_ (they only matter in LIKE patterns).
    case '%':
    case '_':
      return `\\${c}`;
    default:
      return c;
  }
}

/** `INSERT INTO t(kode, nama, ...) VALUES` → ['kode', 'nama', ...]; null without a column list. */
function columnList(head: string): string[] | null {
  const match = /\(([^()]*)\)\s*VALUES?$/i.exec(head.trim());
  if (!match?.[1]) return null;
  return match[1].split(',').map((column) =>
    column
      .trim()
      .replace(/^[`"]|[`"]$/g, '')
      .toLowerCase(),
  );
}
