import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { isWriteStatement } from '../../server/src/db/readCache.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp, testAdminPassword } from '../support/testApp.ts';

// The reads every page load makes (map listing, kelurahan collection, coverage) are kept until the next write on
// the embedded engine and never on PostgreSQL. What a planner must never see: an answer older than a write the
// server acknowledged. So every kind of write is followed here by the three reads, which must show it.

type Position = [number, number];
const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd', is_vacant: true };

describe('what counts as a write', () => {
  it('reads and transaction control do not; everything else, writable CTEs included, does', () => {
    for (const read of [
      'WITH matched AS (SELECT p.id FROM parcels p), counted AS (SELECT count(*) FROM matched) SELECT * FROM counted',
      'with x as (select 1) select * from x for update',
      'select 1',
      '  SELECT * FROM parcels',
      'explain select 1',
      'BEGIN;',
      'COMMIT',
      'ROLLBACK',
      'SAVEPOINT trx1',
      'RELEASE SAVEPOINT trx1',
      'SET LOCAL jit = off',
      'SHOW server_version',
    ]) {
      expect(isWriteStatement(read), read).toBe(false);
    }
    for (const bookkeeping of [
      'update "sessions" set "last_seen_at" = CURRENT_TIMESTAMP where "id_hash" = $1',
      'update "api_tokens" set "last_used_at" = now() where "id" = $1',
      'INSERT INTO rate_limit_buckets (key, window_started_at, hits) VALUES ($1, now(), 1)',
      'delete from "sessions" where "last_seen_at" < $1',
      'insert into "audit_log" ("action", "entity") values ($1, $2)',
    ]) {
      expect(isWriteStatement(bookkeeping), bookkeeping).toBe(false);
    }
    for (const write of [
      'update "sessions_archive" set x = 1',
      'update "users" set "role" = $1',
      'insert into parcels values (1)',
      'UPDATE parcels SET name = $1',
      'delete from x',
      'WITH moved AS (UPDATE parcels SET x = 1 RETURNING id) SELECT * FROM moved',
      'with gone as (delete from parcels where id = $1 returning id) select count(*) from gone',
      'WITH v AS (SELECT 1) INSERT INTO t SELECT * FROM v',
      'BEGIN; UPDATE parcels SET name = 1; COMMIT;',
      'SELECT 1; DELETE FROM parcels',
      'CREATE TABLE t (id int)',
      'TRUNCATE t',
      'select_into_nothing()',
    ]) {
      expect(isWriteStatement(write), write).toBe(true);
    }
  });
});

describe(`reads kept until the next write on ${testEngine()}`, () => {
  let t: TestApp;
  let at: Position;
  const statements: string[] = [];

  async function read() {
    const [listing, kelurahan, coverage] = await Promise.all(
      ['/api/parcels/map.geojson', '/api/kelurahan', '/api/coverage'].map((url) => t.app.inject(url)),
    );
    if (!listing || !kelurahan || !coverage) throw new Error('three answers expected');
    for (const response of [listing, kelurahan, coverage]) expect(response.statusCode).toBe(200);
    type Listed = { id: string; properties: { name: string; qualifies: boolean } };
    type Kelurahan = { properties: { kode: string; candidates: number; qualifying: number } };
    type Covered = { kode: string; candidates: number; no_site_reason: string | null };
    const bekasijaya = (list: Array<{ kode?: string; properties?: { kode: string } }>) =>
      list.find((k) => (k.kode ?? k.properties?.kode) === '32.75.01.1001');
    return {
      parcels: (listing.json() as { features: Listed[] }).features,
      kelurahan: bekasijaya((kelurahan.json() as { features: Kelurahan[] }).features) as Kelurahan,
      coverage: bekasijaya((coverage.json() as { kelurahan: Covered[] }).kelurahan) as Covered,
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    const point = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = '32.75.01.1001') s`,
    );
    at = [point.rows[0]?.lon ?? 0, point.rows[0]?.lat ?? 0];
    t.context.db.knex.on('query', (query: { sql: string }) => statements.push(query.sql));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers a repeated read without asking the database again on the embedded engine, always on PostgreSQL', async () => {
    await read();
    await read();
    // A login (a session and an audit entry) changes none of what is kept.
    const login = await t.injectAs(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: testAdminPassword },
    });
    expect(login.statusCode).toBe(200);
    statements.length = 0;
    await read();
    const listingQueries = statements.filter((sql) => /numberMatched|'features'/.test(sql));
    if (testEngine() === 'pglite') expect(listingQueries, statements.join('\n')).toEqual([]);
    else expect(listingQueries.length).toBeGreaterThanOrEqual(2);
  });

  it('shows a created, edited, re-judged and deleted parcel at once in all three reads', async () => {
    const before = await read();
    expect(before.kelurahan.properties.candidates).toBe(0);
    expect(before.coverage.no_site_reason).toBe('no_candidate');

    // Created.
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: { type: 'Feature', geometry: rectangleAt(at, 40, 30, 0), properties: { name: 'Lahan BMD', ...owned } },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    let now = await read();
    expect(now.parcels.map((p) => p.properties.name)).toEqual(['Lahan BMD']);
    expect(now.kelurahan.properties).toMatchObject({ candidates: 1, qualifying: 1 });
    expect(now.coverage.no_site_reason).toBeNull();

    // Edited (a rename through PATCH with If-Match).
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/parcels/${id}`,
      headers: { 'if-match': String(created.headers.etag) },
      payload: { properties: { name: 'Lahan BMD Bekasijaya' } },
    });
    expect(renamed.statusCode).toBe(200);
    now = await read();
    expect(now.parcels[0]?.properties.name).toBe('Lahan BMD Bekasijaya');

    // Re-judged by a layer change: a flood polygon over the parcel; then the layer removed.
    const ring = rectangleAt(at, 200, 200, 0);
    const layer = await t.app.inject({
      method: 'POST',
      url: '/api/layers',
      payload: {
        name: 'Genangan',
        kind: 'flood',
        features: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: ring, properties: {} }] },
      },
    });
    expect(layer.statusCode, layer.body).toBe(201);
    now = await read();
    expect(now.parcels[0]?.properties.qualifies).toBe(false);
    expect(now.kelurahan.properties.qualifying).toBe(0);
    expect(now.coverage.no_site_reason).toBe('overlay_conflict');
    const layerId = (layer.json() as { layer: { id: string } }).layer.id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/layers/${layerId}` })).statusCode).toBe(200);
    now = await read();
    expect(now.parcels[0]?.properties.qualifies).toBe(true);

    // Deleted.
    const current = await t.app.inject(`/api/parcels/${id}`);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/parcels/${id}`,
      headers: { 'if-match': String(current.headers.etag) },
    });
    expect(deleted.statusCode).toBe(204);
    now = await read();
    expect(now.parcels).toEqual([]);
    expect(now.kelurahan.properties.candidates).toBe(0);
    expect(now.coverage.no_site_reason).toBe('no_candidate');
  });

  it('does not keep an answer built while a write was sent', async () => {
    const cache = t.context.db.readCache;
    let builds = 0;
    const build = async () => {
      builds += 1;
      // A write lands while this answer is being built: it may or may not be in the answer, so it is not kept.
      await t.context.db.knex.raw('CREATE TEMPORARY TABLE IF NOT EXISTS read_cache_probe (id int)');
      return builds;
    };
    expect(await cache.get('probe', build)).toBe(1);
    expect(await cache.get('probe', build)).toBe(2);
  });
});
