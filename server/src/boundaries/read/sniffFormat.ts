import type { BoundaryFormat } from './rawBoundaryFeature.ts';

/** gzip member header: ID1 ID2 (RFC 1952 §2.3.1). */
export function isGzipHead(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** How many bytes after the first non-whitespace byte the sniffer wants to see to tell the formats apart. */
export const SNIFF_LOOKAHEAD_BYTES = 32;

/** Index of the first byte that is neither a UTF-8 byte-order mark nor JSON/SQL whitespace, or -1. */
export function firstSignificantByte(head: Buffer): number {
  let index = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (index < head.length) {
    const byte = head[index];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return index;
    index += 1;
  }
  return -1;
}

export function hasEnoughToSniff(head: Buffer): boolean {
  const start = firstSignificantByte(head);
  return start !== -1 && head.length - start >= SNIFF_LOOKAHEAD_BYTES;
}

// Statements a MySQL dump (mysqldump, phpMyAdmin, the wilayah dataset) can open with. `#` comments are left out
// on purpose: a Markdown or shell file would otherwise pass for SQL.
const SQL_OPENING = /^(?:\/\*|--|(?:DELETE|INSERT|REPLACE|SET|LOCK|UNLOCK|DROP|CREATE|USE|START|BEGIN)\b)/i;

/**
 * Decides the format from the first bytes of the decompressed content: `{` is GeoJSON, a comment or an SQL
 * keyword is a wilayah dump. Returns null for anything else (HTML error pages, shapefiles, CSV...).
 */
export function sniffFormat(head: Buffer): BoundaryFormat | null {
  const start = firstSignificantByte(head);
  if (start === -1) return null;
  if (head[start] === 0x7b) return 'geojson';
  const text = head.subarray(start, start + SNIFF_LOOKAHEAD_BYTES).toString('latin1');
  return SQL_OPENING.test(text) ? 'wilayah-sql' : null;
}
