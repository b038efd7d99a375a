import type { ColumnType, FlatValue } from '../parcelColumns.ts';

/**
 * A dBase III table (.dbf) for a Shapefile, text in UTF-8 (the .cpg says so). Field names are at most 10
 * characters; text fields at most 254 bytes (longer text is cut at a character boundary: the README says
 * which columns can be affected). Booleans are written as the text "true"/"false" rather than dBase L fields,
 * because a blank L field reads back as false in common readers and Tapak must keep "unknown" apart from "no".
 */

export interface DbfField {
  name: string;
  type: ColumnType;
  decimals?: number;
}

const maxTextBytes = 254;
const numberWidth = 20;

function truncateUtf8(text: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return bytes;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) so no character is cut in half.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

interface Layout {
  type: 'C' | 'N' | 'D';
  length: number;
  decimals: number;
  encode: (value: FlatValue) => Buffer;
}

function layoutOf(field: DbfField, values: FlatValue[]): Layout {
  switch (field.type) {
    case 'integer':
    case 'real': {
      const decimals = field.type === 'integer' ? 0 : (field.decimals ?? 6);
      return {
        type: 'N',
        length: numberWidth,
        decimals,
        encode: (value) =>
          Buffer.from(
            (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(decimals) : '').padStart(numberWidth),
            'latin1',
          ),
      };
    }
    case 'date':
      return {
        type: 'D',
        length: 8,
        decimals: 0,
        encode: (value) =>
          Buffer.from(typeof value === 'string' ? value.replace(/-/g, '').padEnd(8) : '        ', 'latin1'),
      };
    default: {
      const texts = values.map((value) => (value === null ? '' : String(value)));
      const length = Math.max(1, ...texts.map((text) => truncateUtf8(text, maxTextBytes).length));
      return {
        type: 'C',
        length,
        decimals: 0,
        encode: (value) => {
          const cell = Buffer.alloc(length, 0x20);
          truncateUtf8(value === null ? '' : String(value), length).copy(cell);
          return cell;
        },
      };
    }
  }
}

export function dbfTable(fields: DbfField[], rows: FlatValue[][], now = new Date()): Buffer {
  const layouts = fields.map((field, i) =>
    layoutOf(
      field,
      rows.map((row) => row[i] ?? null),
    ),
  );
  const headerBytes = 32 + 32 * fields.length + 1;
  const recordBytes = 1 + layouts.reduce((n, layout) => n + layout.length, 0);
  const header = Buffer.alloc(headerBytes);
  header.writeUInt8(0x03, 0);
  header.writeUInt8(now.getUTCFullYear() - 1900, 1);
  header.writeUInt8(now.getUTCMonth() + 1, 2);
  header.writeUInt8(now.getUTCDate(), 3);
  header.writeUInt32LE(rows.length, 4);
  header.writeUInt16LE(headerBytes, 8);
  header.writeUInt16LE(recordBytes, 10);
  fields.forEach((field, i) => {
    const at = 32 + 32 * i;
    const layout = layouts[i] as Layout;
    header.write(field.name.slice(0, 10), at, 'latin1');
    header.write(layout.type, at + 11, 'latin1');
    header.writeUInt8(layout.length, at + 16);
    header.writeUInt8(layout.decimals, at + 17);
  });
  header.writeUInt8(0x0d, headerBytes - 1);
  const records = rows.map((row) => {
    const cells = layouts.map((layout, i) => layout.encode(row[i] ?? null));
    return Buffer.concat([Buffer.from(' ', 'latin1'), ...cells]);
  });
  return Buffer.concat([header, ...records, Buffer.from([0x1a])]);
}
