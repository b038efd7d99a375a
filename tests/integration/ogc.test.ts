import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import type { TapakContext } from '../../server/src/context.ts';
import { testEngine } from '../support/engines.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp, testAdminToken } from '../support/testApp.ts';

const execFileAsync = promisify(execFile);
// How a GDAL script or QGIS (HTTP header authentication) sends a Tapak API token.
const gdalEnv = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${testAdminToken}` };
const run = (command: string, args: string[]) => execFileAsync(command, args, { env: gdalEnv });
const parcelCount = 250;
// About a third of Kota Bekasi: more parcels than one page of GDAL's, fewer than all of them.
const box: [number, number, number, number] = [106.955, -6.3, 107.02, -6.2];

interface Link {
  href: string;
  rel: string;
  type?: string;
}

let app: FastifyInstance;
let context: TapakContext;
let base: string;
let layerId: string;
const requested: string[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-ogc-test-'));

let testApp: TestApp;

/** The whole app listening on a loopback port, for GDAL; its inject sends the admin token. */
async function startServer() {
  testApp = await createTestApp({}, (fastify) => {
    fastify.addHook('onRequest', async (request) => {
      requested.push(request.url);
    });
  });
  ({ app, context } = testApp);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** 250 small squares (about 22 × 22 m) spread over the 56 kelurahan, with varied attributes, plus one deleted. */
async function seedParcels() {
  const { knex } = context.db;
  await knex.raw(
    `INSERT INTO parcels (kelurahan_kode, name, source, status, qualifies, score, owner_class, geom, area_m2)
     SELECT k.kode, 'Bidang uji ' || lpad(g.n::text, 3, '0'),
            (ARRAY['bmd', 'fasos_fasum', 'other'])[1 + g.n % 3],
            CASE WHEN g.n % 5 = 0 THEN 'diusulkan' ELSE 'kandidat' END,
            g.n % 2 = 0, (g.n % 8) / 8.0,
            CASE WHEN g.n % 4 = 0 THEN 'pemkot_bmd' END,
            s.geom, ST_Area(s.geom::geography)
     FROM generate_series(0, ? - 1) AS g(n)
     CROSS JOIN LATERAL (
       SELECT kode, geom FROM kelurahan WHERE kode LIKE '32.75.%' AND geom IS NOT NULL ORDER BY kode OFFSET g.n % 56 LIMIT 1
     ) k
     CROSS JOIN LATERAL (
       SELECT ST_Multi(ST_Expand(ST_Translate(ST_PointOnSurface(k.geom), (g.n / 56) * 0.0004, 0), 0.0001)) AS geom
     ) s`,
    [parcelCount],
  );
  await knex.raw(
    `INSERT INTO parcels (kelurahan_kode, name, source, geom, area_m2, deleted_at)
     SELECT kode, 'Bidang terhapus', 'bmd', ST_Multi(ST_Expand(ST_PointOnSurface(geom), 0.0001)), 500, now()
     FROM kelurahan WHERE kode = '32.75.01.1001'`,
  );
  const [layer] = await knex('overlay_layers').insert({ name: 'Genangan uji', kind: 'flood' }).returning('id');
  layerId = layer.id;
  await knex.raw(
    `INSERT INTO overlay_features (layer_id, properties, geom) VALUES
       (?, '{"nama": "Genangan A", "kedalaman_cm": 40}', ST_GeomFromText('POLYGON((106.99 -6.25, 107.0 -6.25, 107.0 -6.24, 106.99 -6.24, 106.99 -6.25))', 4326)),
       (?, '{"nama": "Saluran B"}', ST_GeomFromText('LINESTRING(106.97 -6.26, 106.98 -6.27)', 4326))`,
    [layerId, layerId],
  );
}

async function sql<T>(query: string, bindings: unknown[] = []): Promise<T[]> {
  const result = await context.db.knex.raw<{ rows: T[] }>(query, bindings as never[]);
  return result.rows;
}

async function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { host: '127.0.0.1', ...headers } });
}

function link(document: { links: Link[] }, rel: string): Link | undefined {
  return document.links.find((l) => l.rel === rel);
}

/** The path and query of an absolute link, for app.inject. */
const local = (href: string) => {
  const url = new URL(href);
  return `${url.pathname}${url.search}`;
};

describe(`OGC API – Features on ${testEngine()}`, () => {
  beforeAll(async () => {
    await startServer();
    await importBoundaries(context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    await seedParcels();
  });
  afterAll(async () => {
    await testApp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('has a landing page, a conformance declaration and an OpenAPI 3.0 definition', async () => {
    const landing = await get('/ogc?f=json');
    expect(landing.statusCode).toBe(200);
    expect(landing.headers['content-type']).toContain('application/json');
    expect(landing.headers['access-control-allow-origin']).toBe('*');
    const body = landing.json();
    for (const rel of ['self', 'service-desc', 'service-doc', 'conformance', 'data']) {
      expect(link(body, rel)?.href).toMatch(/^http:\/\/127\.0\.0\.1\//);
    }
    expect(link(body, 'data')?.href).toBe('http://127.0.0.1/ogc/collections');

    const conformance = (await get('/ogc/conformance')).json();
    expect(conformance.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
      ]),
    );

    const api = await get(local(link(body, 'service-desc')?.href ?? ''));
    expect(api.statusCode).toBe(200);
    expect(api.headers['content-type']).toContain('application/vnd.oai.openapi+json');
    const definition = api.json();
    expect(definition.openapi).toMatch(/^3\.0\./);
    expect(Object.keys(definition.paths)).toEqual(
      expect.arrayContaining(['/', '/conformance', '/collections', '/collections/{collectionId}/items']),
    );
    // The routes are documented in the app's own OpenAPI too, with their query parameters.
    const appDocs = (await get('/api/docs/json')).json();
    const items = appDocs.paths['/ogc/collections/parcels/items']?.get;
    expect(items?.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['bbox', 'limit', 'offset', 'kelurahan', 'qualifies', 'status', 'source']),
    );
  });

  it('lists parcels, kelurahan and each overlay layer with a PostGIS extent in CRS84', async () => {
    const response = await get('/ogc/collections');
    expect(response.headers['content-type']).toContain('application/json');
    const { collections } = response.json();
    expect(collections.map((c: { id: string }) => c.id)).toEqual(['parcels', 'kelurahan', `layer-${layerId}`]);
    const [extent] = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }>(
      `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
       FROM (SELECT ST_Extent(geom) AS e FROM parcels WHERE deleted_at IS NULL) s`,
    );
    const parcels = collections[0];
    expect(parcels.extent.spatial.crs).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
    expect(parcels.extent.spatial.bbox[0]).toEqual(
      [extent?.xmin, extent?.ymin, extent?.xmax, extent?.ymax].map(Number),
    );
    expect(parcels.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84']);
    expect(link(parcels, 'items')).toMatchObject({
      href: 'http://127.0.0.1/ogc/collections/parcels/items',
      type: 'application/geo+json',
    });
    const kelurahan = collections[1];
    expect(kelurahan.extent.spatial.bbox[0][0]).toBeCloseTo(106.9, 1);
    expect(collections[2].title).toContain('Genangan uji');

    const one = (await get(`/ogc/collections/layer-${layerId}`)).json();
    const layerBox: number[] = one.extent.spatial.bbox[0];
    // ST_Extent reads the float4 boxes PostGIS caches, widened outward: within a metre.
    for (const [i, value] of [106.97, -6.27, 107, -6.24].entries()) expect(layerBox[i]).toBeCloseTo(value, 4);
    const schema = await get(local(link(parcels, 'describedBy')?.href ?? ''));
    expect(schema.headers['content-type']).toContain('application/schema+json');
    expect(schema.json().properties.properties.properties.area_m2).toEqual({ type: 'number' });
  });

  it('pages through every live parcel with next and prev links', async () => {
    const first = await get('/ogc/collections/parcels/items');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('application/geo+json');
    const page = first.json();
    expect(page).toMatchObject({ type: 'FeatureCollection', numberMatched: parcelCount, numberReturned: 100 });
    expect(Number.isNaN(Date.parse(page.timeStamp))).toBe(false);
    expect(link(page, 'prev')).toBeUndefined();
    const feature = page.features[0];
    expect(Object.keys(feature.properties).sort()).toEqual(
      [
        'area_m2',
        'fits_prototype',
        'is_primary',
        'kelurahan_kode',
        'kelurahan_nama',
        'legal_status',
        'name',
        'owner_class',
        'qualifies',
        'score',
        'shortlisted',
        'source',
        'status',
        'updated_at',
        'verdict',
      ].sort(),
    );
    expect(feature.geometry.type).toBe('MultiPolygon');

    const ids = new Set<string>(page.features.map((f: { id: string }) => f.id));
    let next = link(page, 'next');
    let pages = 1;
    let last = page;
    while (next) {
      expect(next.type).toBe('application/geo+json');
      last = (await get(local(next.href))).json();
      for (const f of last.features) ids.add(f.id);
      pages += 1;
      next = link(last, 'next');
    }
    expect(pages).toBe(3);
    expect(ids.size).toBe(parcelCount);
    expect(last.numberReturned).toBe(50);
    expect(new URL(link(last, 'prev')?.href ?? '').searchParams.get('offset')).toBe('100');
  });

  it('keeps every other query parameter in its paging links', async () => {
    const query = `bbox=${box.join(',')}&source=bmd&qualifies=true&limit=7&f=json&offset=7`;
    const page = (await get(`/ogc/collections/parcels/items?${query}`)).json();
    const [expected] = await sql<{ n: number }>(
      `SELECT count(*) AS n FROM parcels WHERE deleted_at IS NULL AND source = 'bmd' AND qualifies
       AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))`,
      box,
    );
    expect(page.numberMatched).toBe(Number(expected?.n));
    expect(page.numberMatched).toBeGreaterThan(14);
    const self = new URL(link(page, 'self')?.href ?? '');
    expect(self.search).toBe(`?${query}`);
    for (const [rel, offset] of [
      ['next', '14'],
      ['prev', '0'],
    ] as const) {
      const params = new URL(link(page, rel)?.href ?? '').searchParams;
      expect(Object.fromEntries(params)).toEqual({
        bbox: box.join(','),
        source: 'bmd',
        qualifies: 'true',
        limit: '7',
        f: 'json',
        offset,
      });
    }
  });

  it('clamps a limit above 10,000 to the maximum instead of refusing it', async () => {
    const all = (await get('/ogc/collections/parcels/items?limit=50000')).json();
    expect(all.numberReturned).toBe(parcelCount);
    // Past the end, the prev link shows the limit that was applied: 20,000 − 10,000.
    const beyond = (await get('/ogc/collections/parcels/items?limit=50000&offset=20000')).json();
    expect(beyond.numberReturned).toBe(0);
    expect(new URL(link(beyond, 'prev')?.href ?? '').searchParams.get('offset')).toBe('10000');
  });

  it('filters parcels by kelurahan, qualifies, status and source, and kelurahan by kecamatan', async () => {
    const count = async (url: string) => (await get(url)).json().numberMatched as number;
    const countSql = async (where: string) =>
      Number(
        (await sql<{ n: number }>(`SELECT count(*) AS n FROM parcels WHERE deleted_at IS NULL AND ${where}`))[0]?.n,
      );
    expect(await count('/ogc/collections/parcels/items?kelurahan=32.75.01.1001')).toBe(
      await countSql(`kelurahan_kode = '32.75.01.1001'`),
    );
    expect(await count('/ogc/collections/parcels/items?kelurahan=32.75.01.1001')).toBe(5);
    expect(await count('/ogc/collections/parcels/items?qualifies=true')).toBe(await countSql('qualifies'));
    expect(await count('/ogc/collections/parcels/items?qualifies=0')).toBe(await countSql('NOT qualifies'));
    expect(await count('/ogc/collections/parcels/items?status=diusulkan')).toBe(50);
    expect(await count('/ogc/collections/parcels/items?source=fasos_fasum&status=diusulkan')).toBe(
      await countSql(`source = 'fasos_fasum' AND status = 'diusulkan'`),
    );
    const kelurahan = (await get('/ogc/collections/kelurahan/items?kecamatan_kode=32.75.01')).json();
    expect(kelurahan.numberMatched).toBe(4);
    expect(kelurahan.features[0]).toMatchObject({ id: '32.75.01.1001', properties: { nama: 'Bekasijaya' } });
    // A bbox across the antimeridian is two boxes: this one holds all of Bekasi.
    expect(await count('/ogc/collections/parcels/items?bbox=100,-10,-170,10')).toBe(parcelCount);
    expect(await count('/ogc/collections/parcels/items?bbox=170,-10,-170,10')).toBe(0);
  });

  it('answers 400 problem+json for unknown parameters and malformed bbox, limit or offset', async () => {
    for (const query of [
      'foo=1',
      'kecamatan_kode=32.75.01',
      'kelurahan_kode=32.75.01.1001',
      'bbox=1,2,3',
      'bbox=a,b,c,d',
      'bbox=107,-6.2,107.1,-6.3',
      'bbox=107,-6.3,190,-6.2',
      'limit=0',
      'limit=abc',
      'limit=1.5',
      'offset=-1',
      'qualifies=yes',
      'status=unknown',
      'f=html',
    ]) {
      const response = await get(`/ogc/collections/parcels/items?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.json().type).toBe('urn:tapak:problem:bad-request');
    }
    expect((await get('/ogc/collections/kelurahan/items?kelurahan=32.75.01.1001')).statusCode).toBe(400);
    expect((await get('/ogc/collections?bbox=1,2,3,4')).statusCode).toBe(400);
  });

  it('serves one feature by id, and 404 problems for unknown collections and features', async () => {
    const [row] = await sql<{ id: string; name: string }>(
      `SELECT id, name FROM parcels WHERE deleted_at IS NULL ORDER BY name LIMIT 1`,
    );
    const one = await get(`/ogc/collections/parcels/items/${row?.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toContain('application/geo+json');
    const feature = one.json();
    expect(feature).toMatchObject({ type: 'Feature', id: row?.id, properties: { name: row?.name } });
    expect(link(feature, 'collection')?.href).toBe('http://127.0.0.1/ogc/collections/parcels');
    // RFC 7946: the exterior ring is counter-clockwise (positive shoelace area in lon/lat).
    const ring: number[][] = feature.geometry.coordinates[0][0];
    let twiceArea = 0;
    for (let i = 0; i < ring.length - 1; i += 1) {
      twiceArea += (ring[i]?.[0] ?? 0) * (ring[i + 1]?.[1] ?? 0) - (ring[i + 1]?.[0] ?? 0) * (ring[i]?.[1] ?? 0);
    }
    expect(twiceArea).toBeGreaterThan(0);

    const kelurahan = (await get('/ogc/collections/kelurahan/items/32.75.02.1002')).json();
    expect(kelurahan).toMatchObject({
      id: '32.75.02.1002',
      properties: { nama: 'Kranji', kecamatan_kode: '32.75.02' },
    });
    const layerItems = (await get(`/ogc/collections/layer-${layerId}/items`)).json();
    expect(layerItems.features.map((f: { geometry: { type: string } }) => f.geometry.type)).toEqual([
      'Polygon',
      'LineString',
    ]);
    const overlay = (await get(`/ogc/collections/layer-${layerId}/items/${layerItems.features[0].id}`)).json();
    expect(overlay.properties).toEqual({ nama: 'Genangan A', kedalaman_cm: 40 });

    const [deleted] = await sql<{ id: string }>(`SELECT id FROM parcels WHERE deleted_at IS NOT NULL`);
    for (const url of [
      `/ogc/collections/parcels/items/${deleted?.id}`,
      '/ogc/collections/parcels/items/00000000-0000-4000-8000-000000000000',
      '/ogc/collections/parcels/items/not-a-uuid',
      '/ogc/collections/kelurahan/items/32.75.99.9999',
      `/ogc/collections/layer-${layerId}/items/999999`,
      `/ogc/collections/layer-${layerId}/items/abc`,
      '/ogc/collections/jalan',
      '/ogc/collections/jalan/items',
      '/ogc/collections/layer-00000000-0000-4000-8000-000000000000/items',
      '/ogc/collections/layer-123/items',
      '/ogc/tidak-ada',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.json().type).toBe('urn:tapak:problem:not-found');
    }
  });

  it('allows any origin, including CORS preflight requests', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/ogc/collections/parcels/items?limit=5',
      headers: {
        origin: 'https://peta.example.org',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'accept',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');
    expect(preflight.headers['access-control-allow-headers']).toBe('accept');
    expect((await app.inject({ method: 'OPTIONS', url: '/ogc' })).statusCode).toBe(204);
    const items = await get('/ogc/collections/kelurahan/items?limit=1', { origin: 'https://peta.example.org' });
    expect(items.headers['access-control-allow-origin']).toBe('*');
  });

  it('works with GDAL’s OAPIF driver (QGIS): layers, feature count and a bbox download across pages', async () => {
    const url = `OAPIF:${base}/ogc`;
    const listing = await run('ogrinfo', ['-ro', url]);
    expect(listing.stdout).toMatch(/1: parcels/);
    expect(listing.stdout).toMatch(/2: kelurahan/);
    expect(listing.stdout).toContain(`3: layer-${layerId}`);

    const summary = await run('ogrinfo', ['-ro', '-so', url, 'parcels']);
    expect(summary.stdout).toContain(`Feature Count: ${parcelCount}`);
    expect(summary.stdout).toMatch(/area_m2: Real/);
    expect(summary.stdout).toMatch(/score: Real/);
    expect(summary.stdout).toMatch(/qualifies: Integer\(Boolean\)/);

    requested.length = 0;
    const out = path.join(tmp, 'parcels-bbox.geojson');
    await run('ogr2ogr', ['-f', 'GeoJSON', out, url, 'parcels', '-spat', ...box.map(String)]);
    const downloaded = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      features: Array<{ properties: { name: string } }>;
    };
    const expected = await sql<{ name: string }>(
      `SELECT name FROM parcels WHERE deleted_at IS NULL AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))
       ORDER BY name`,
      box,
    );
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.length).toBeLessThan(parcelCount);
    expect(downloaded.features.map((f) => f.properties.name).sort()).toEqual(expected.map((r) => r.name));
    // The download followed the next links: more than one page of items with the bbox.
    const pages = requested.filter((u) => u.startsWith('/ogc/collections/parcels/items') && u.includes('bbox='));
    expect(pages.length).toBeGreaterThan(1);
    // GDAL typed its columns from the JSON Schema (rel describedBy), not from a guess on the first page.
    expect(requested).toContain('/ogc/collections/parcels/schema');
  });

  it('refuses GDAL without a token, and a read-only token can read but not write', async () => {
    const refused = await execFileAsync('ogrinfo', ['-ro', `OAPIF:${base}/ogc`]).catch(
      (error: { stderr: string }) => error,
    );
    expect(String((refused as { stderr: string }).stderr)).toMatch(/401/);
    const admin = (await app.inject({ method: 'GET', url: '/api/auth/session' })).json();
    const created = await app.inject({
      method: 'POST',
      url: `/api/users/${admin.user.id}/tokens`,
      payload: { name: 'QGIS Dinas' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().read_only).toBe(true);
    const token = created.json().token as string;
    const listing = await execFileAsync('ogrinfo', ['-ro', `OAPIF:${base}/ogc`], {
      env: { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}` },
    });
    expect(listing.stdout).toMatch(/1: parcels/);
    const write = await testApp.injectAs(token, { method: 'DELETE', url: `/api/layers/${layerId}` });
    expect(write.statusCode).toBe(403);
    expect(write.json().reason).toBe('read_only_token');
  });

  it('filters by attribute through GDAL (which evaluates the filter itself after paging)', async () => {
    const result = await run('ogrinfo', [
      '-ro',
      '-al',
      '-q',
      `OAPIF:${base}/ogc`,
      'parcels',
      '-where',
      "kelurahan_kode = '32.75.01.1001' AND status = 'diusulkan'",
    ]);
    const names = [...result.stdout.matchAll(/name \(String\) = (.+)/g)].map((m) => m[1]);
    const expected = await sql<{ name: string }>(
      `SELECT name FROM parcels WHERE deleted_at IS NULL AND kelurahan_kode = '32.75.01.1001' AND status = 'diusulkan'
       ORDER BY name`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(names.sort()).toEqual(expected.map((r) => r.name));
  });
});
