import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundaryReadError, BoundarySourceError } from '../../src/boundaries/read/errors.ts';
import { readBoundaryFeatures } from '../../src/boundaries/read/readBoundaryFeatures.ts';
import { readGeoJsonFeatures } from '../../src/boundaries/read/readGeoJsonFeatures.ts';
import { readWilayahSql } from '../../src/boundaries/read/readWilayahSql.ts';
import { openBoundarySource } from '../../src/boundaries/read/source.ts';
import { bekasiGeoJsonPath, bekasiSqlPath } from './sharedData.ts';
import { collect, makeTempDir, rejection } from './streams.ts';

const tempDir = makeTempDir();
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

function writeFixture(name: string, content: string | Buffer): string {
  const file = path.join(tempDir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function codes(pathOrUrl: string): Promise<string[]> {
  const source = await readBoundaryFeatures(pathOrUrl);
  return (await collect(source.features)).map((feature) => String(feature.properties.kode));
}

describe('openBoundarySource on files', () => {
  it('detects GeoJSON and the wilayah SQL dump by content', async () => {
    const geojson = await openBoundarySource(bekasiGeoJsonPath);
    expect(geojson).toMatchObject({ name: 'kota-bekasi-kelurahan.geojson', format: 'geojson', gzipped: false });
    geojson.stream.destroy();
    const sql = await openBoundarySource(bekasiSqlPath);
    expect(sql).toMatchObject({ name: 'wilayah_boundaries_kel_32.75.sql', format: 'wilayah-sql', gzipped: false });
    sql.stream.destroy();
  });

  it('reads a gzipped copy of the Bekasi file the same, whatever its name says', async () => {
    const gz = writeFixture('bekasi.data', zlib.gzipSync(fs.readFileSync(bekasiGeoJsonPath)));
    const source = await readBoundaryFeatures(gz);
    expect(source).toMatchObject({ name: 'bekasi.data', format: 'geojson', gzipped: true });
    const fromGz = await collect(source.features);
    const plain = await collect((await readBoundaryFeatures(bekasiGeoJsonPath)).features);
    expect(fromGz).toHaveLength(56);
    expect(fromGz).toEqual(plain);
  });

  it('reads a gzipped SQL dump, and a plain file named .gz', async () => {
    const sqlGz = writeFixture('kel_32.75.sql.gz', zlib.gzipSync(fs.readFileSync(bekasiSqlPath)));
    expect(await codes(sqlGz)).toHaveLength(56);
    const notGz = writeFixture('plain.geojson.gz', fs.readFileSync(bekasiGeoJsonPath));
    const plain = await openBoundarySource(notGz);
    plain.stream.destroy();
    expect(plain).toMatchObject({ format: 'geojson', gzipped: false });
    expect(await codes(notGz)).toHaveLength(56);
  });

  it('accepts a file: URL and leading whitespace or a byte-order mark', async () => {
    expect(await codes(new URL(`file://${bekasiGeoJsonPath}`).href)).toHaveLength(56);
    const bom = writeFixture(
      'bom.geojson',
      `\uFEFF \n\t${'\n'.repeat(70_000)}{"type":"FeatureCollection","features":[]}`,
    );
    const source = await openBoundarySource(bom);
    source.stream.destroy();
    expect(source.format).toBe('geojson');
  });

  it.each([
    ['a missing file', 'source_not_found', () => path.join(tempDir, 'nope.geojson')],
    ['a directory', 'source_not_a_file', () => tempDir],
    ['an empty file', 'source_empty', () => writeFixture('empty.geojson', '')],
    ['a gzip of nothing but spaces', 'source_empty', () => writeFixture('blank.gz', zlib.gzipSync('  \n '))],
    [
      'an HTML page',
      'source_unrecognized_format',
      () => writeFixture('page.geojson', '<!doctype html><title>x</title>'),
    ],
    [
      'a CSV file',
      'source_unrecognized_format',
      () => writeFixture('kode.csv', 'kode,nama\n32.75.01.1001,Bekasijaya\n'),
    ],
    [
      'a corrupt gzip',
      'source_decompress_failed',
      () => writeFixture('bad.gz', Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])),
    ],
  ])('refuses %s with %s', async (_label, code, makePath) => {
    const error = await rejection(openBoundarySource(makePath()));
    expect(error).toBeInstanceOf(BoundarySourceError);
    expect(error).toMatchObject({ code });
    // Both languages, for the kelurahan operator and for the logs.
    expect((error as BoundarySourceError).messages.id).not.toBe((error as BoundarySourceError).messages.en);
    expect((error as Error).message).toContain((error as BoundarySourceError).messages.en);
  });

  it('refuses an already aborted signal', async () => {
    const error = await rejection(openBoundarySource(bekasiGeoJsonPath, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ code: 'source_aborted' });
  });

  it('reports gzip truncated after its header as read_failed while reading', async () => {
    const gz = zlib.gzipSync(fs.readFileSync(bekasiGeoJsonPath));
    const cut = writeFixture('cut.geojson.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const source = await readBoundaryFeatures(cut);
    const error = await rejection(collect(source.features));
    expect(error).toBeInstanceOf(BoundaryReadError);
    expect(error).toMatchObject({ code: 'read_failed' });
  });

  it('releases the file when the consumer stops early, and close() ends an unread source', async () => {
    for (const file of [bekasiGeoJsonPath, bekasiSqlPath]) {
      const source = await openBoundarySource(file);
      const features = source.format === 'geojson' ? readGeoJsonFeatures(source.stream) : readWilayahSql(source.stream);
      for await (const feature of features) {
        expect(feature.ordinal).toBe(1);
        break;
      }
      expect(source.stream.destroyed).toBe(true);
    }
    const unread = await readBoundaryFeatures(bekasiGeoJsonPath);
    unread.close();
    expect(await collect(unread.features)).toEqual([]);
  });
});

describe('openBoundarySource over http', () => {
  let server: http.Server;
  let baseUrl: string;
  const pending = new Set<http.ServerResponse>();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (url === '/db/kel/32/wilayah_boundaries_kel_32.75.sql') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        fs.createReadStream(bekasiSqlPath).pipe(response);
      } else if (url === '/bekasi.geojson.gz') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(zlib.gzipSync(fs.readFileSync(bekasiGeoJsonPath)));
      } else if (url === '/silent') {
        pending.add(response); // never answers
      } else if (url === '/stalls') {
        // Half the dump, then nothing: the idle timeout must fire while the consumer waits for more.
        const text = fs.readFileSync(bekasiSqlPath);
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write(text.subarray(0, Math.floor(text.length / 2)));
        pending.add(response);
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const response of pending) response.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads the 56 rows of the raw SQL served by a loopback server', async () => {
    const source = await readBoundaryFeatures(`${baseUrl}/db/kel/32/wilayah_boundaries_kel_32.75.sql`);
    expect(source).toMatchObject({ name: 'wilayah_boundaries_kel_32.75.sql', format: 'wilayah-sql' });
    const features = await collect(source.features);
    expect(features).toHaveLength(56);
    expect(features[0]?.properties).toEqual({ kode: '32.75.01.1001', nama: 'Bekasijaya' });
  });

  it('reads gzipped GeoJSON served as bytes', async () => {
    const source = await readBoundaryFeatures(`${baseUrl}/bekasi.geojson.gz?v=1`);
    expect(source).toMatchObject({ name: 'bekasi.geojson.gz', format: 'geojson', gzipped: true });
    expect(await collect(source.features)).toHaveLength(56);
  });

  it('turns a 404 into source_fetch_failed with the status', async () => {
    const error = await rejection(openBoundarySource(`${baseUrl}/db/kel/32/missing.sql`));
    expect(error).toBeInstanceOf(BoundarySourceError);
    expect(error).toMatchObject({ code: 'source_fetch_failed', httpStatus: 404 });
    expect((error as Error).message).toMatch(/HTTP 404.*HTTP 404/);
  });

  it('turns a refused connection into source_fetch_failed', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(openBoundarySource(`http://127.0.0.1:${port}/x.geojson`));
    expect(error).toMatchObject({ code: 'source_fetch_failed' });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('gives up on a server that does not answer with source_fetch_timeout', async () => {
    const error = await rejection(openBoundarySource(`${baseUrl}/silent`, { fetchTimeoutMs: 200 }));
    expect(error).toMatchObject({ code: 'source_fetch_timeout' });
  });

  it('gives up on a body that stops coming, after the features it did deliver', async () => {
    const source = await readBoundaryFeatures(`${baseUrl}/stalls`, { fetchTimeoutMs: 300 });
    let read = 0;
    const error = await rejection(
      (async () => {
        for await (const _ of source.features) read += 1;
      })(),
    );
    expect(error).toMatchObject({ code: 'source_fetch_timeout' });
    expect(read).toBeGreaterThan(10);
    expect(read).toBeLessThan(56);
  });

  it('is aborted by the caller signal', async () => {
    const controller = new AbortController();
    const opening = openBoundarySource(`${baseUrl}/silent`, { signal: controller.signal, fetchTimeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 50);
    expect(await rejection(opening)).toMatchObject({ code: 'source_aborted' });
  });

  it('refuses an invalid URL', async () => {
    expect(await rejection(openBoundarySource('http://exa mple.com/x.geojson'))).toMatchObject({
      code: 'source_invalid_url',
    });
  });
});
