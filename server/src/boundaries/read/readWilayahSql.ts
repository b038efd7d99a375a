import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { BoundaryReadError, toBoundaryError } from './errors.ts';
import { type RawBoundaryFeature, WGS84_SRID } from './rawBoundaryFeature.ts';
import { type SqlLiteral, type SqlRow, SqlValuesTokenizer } from './sqlValuesTokenizer.ts';
import { WilayahPathError, wilayahPathToGeometry } from './wilayahPath.ts';

/** Column order of the dataset's INSERTs, used when a statement has no column list. */
const DEFAULT_COLUMNS = ['kode', 'nama', 'lat', 'lng', 'path'] as const;

/**
 * Streams the rows of a `wilayah_boundaries` MySQL dump (cahyadsn/wilayah_boundaries) as features with properties
 * `{ kode, nama }`, a Polygon/MultiPolygon in GeoJSON [lon, lat] order (the dump stores [lat, lng]) and srid 4326.
 * The licence comment, the DELETE and any other non-INSERT statement are skipped; chunks are tokenized as they
 * arrive, so memory is bounded by the longest row, not by the file.
 *
 * Errors: `malformed_sql` (`BoundaryReadError`, with the 1-based row ordinal and character position) for a
 * syntax error, a truncated dump, a row with the wrong number of values, an INSERT without kode/nama/path
 * columns, or a `path` that is not JSON [lat, lng] rings; `read_failed` when the underlying stream fails.
 */
export async function* readWilayahSql(stream: Readable): AsyncGenerator<RawBoundaryFeature, void, undefined> {
  const decoder = new StringDecoder('utf8');
  const tokenizer = new SqlValuesTokenizer();
  let lastOrdinal = 0;
  try {
    for await (const chunk of stream) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      for (const row of tokenizer.write(text)) {
        lastOrdinal = row.ordinal;
        yield rowToFeature(row);
      }
    }
    for (const row of tokenizer.write(decoder.end())) {
      lastOrdinal = row.ordinal;
      yield rowToFeature(row);
    }
    for (const row of tokenizer.end()) yield rowToFeature(row);
  } catch (error) {
    throw toBoundaryError(error, lastOrdinal + 1);
  } finally {
    // Also runs when the consumer stops early: release the file or connection.
    stream.destroy();
  }
}

function rowToFeature(row: SqlRow): RawBoundaryFeature {
  const columns = row.columns ?? DEFAULT_COLUMNS;
  if (row.values.length !== columns.length) {
    throw rowError(
      row,
      `ada ${row.values.length} nilai untuk ${columns.length} kolom (${columns.join(', ')})`,
      `${row.values.length} values for ${columns.length} columns (${columns.join(', ')})`,
    );
  }
  const kodeIndex = columns.indexOf('kode');
  const namaIndex = columns.indexOf('nama');
  const pathIndex = columns.indexOf('path');
  if (kodeIndex === -1 || namaIndex === -1 || pathIndex === -1) {
    throw rowError(
      row,
      `INSERT tanpa kolom kode, nama dan path (kolomnya: ${columns.join(', ')})`,
      `INSERT without kode, nama and path columns (its columns: ${columns.join(', ')})`,
    );
  }
  const pathLiteral = row.values[pathIndex] as SqlLiteral;
  if (!pathLiteral.quoted) {
    throw rowError(
      row,
      `path bukan string JSON (${pathLiteral.text})`,
      `path is not a JSON string (${pathLiteral.text})`,
    );
  }
  let path: unknown;
  try {
    path = JSON.parse(pathLiteral.text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw rowError(row, `path bukan JSON yang sah: ${detail}`, `path is not valid JSON: ${detail}`);
  }
  let geometry: RawBoundaryFeature['geometry'];
  try {
    geometry = wilayahPathToGeometry(path);
  } catch (error) {
    if (error instanceof WilayahPathError) throw rowError(row, error.reasonId, error.reasonEn);
    throw error;
  }
  return {
    ordinal: row.ordinal,
    properties: {
      kode: literalValue(row.values[kodeIndex] as SqlLiteral),
      nama: literalValue(row.values[namaIndex] as SqlLiteral),
    },
    geometry,
    srid: WGS84_SRID,
  };
}

/** A quoted string as is; a bare NULL as null; any other bare token (a number) as its text. */
function literalValue(literal: SqlLiteral): string | null {
  if (!literal.quoted && literal.text.toUpperCase() === 'NULL') return null;
  return literal.text;
}

function rowError(row: SqlRow, reasonId: string, reasonEn: string): BoundaryReadError {
  const kodeLiteral = row.values[(row.columns ?? DEFAULT_COLUMNS).indexOf('kode')];
  const kode = kodeLiteral?.quoted ? ` (${kodeLiteral.text})` : '';
  return new BoundaryReadError(
    'malformed_sql',
    {
      id: `Baris data ke-${row.ordinal}${kode} di karakter ke-${row.position} tidak sah: ${reasonId}.`,
      en: `Data row #${row.ordinal}${kode} at character ${row.position} is malformed: ${reasonEn}.`,
    },
    { ordinal: row.ordinal, position: row.position },
  );
}
