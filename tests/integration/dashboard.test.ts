import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

// GET /api/dashboard on real Kota Bekasi boundaries: parcels created through the API, then the live count per
// pipeline status (rejected apart, deleted not at all) and every live candidate's area in ascending order.

type Position = [number, number];
let t: TestApp;
const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd', is_vacant: true };

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s`,
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [row.lon, row.lat];
}

/** A point `eastMeters` east of `origin` (about 111 km per degree of longitude, times cos(latitude)). */
function east([lon, lat]: Position, eastMeters: number): Position {
  return [lon + eastMeters / (111_320 * Math.cos((lat * Math.PI) / 180)), lat];
}

async function create(center: Position, width_m: number, depth_m: number, properties: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/parcels',
    payload: {
      type: 'Feature',
      geometry: rectangleAt(center, width_m, depth_m),
      properties: { ...owned, ...properties },
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; properties: { area_m2: number; kelurahan_kode: string } };
}

type Dashboard = {
  region: { kode: string; nama: string };
  status_counts: Array<{ status: string; parcels: number }>;
  candidate_areas: Array<{
    id: string;
    name: string;
    kelurahan_kode: string;
    kelurahan_nama: string;
    kecamatan_nama: string;
    status: string;
    area_m2: number;
    qualifies: boolean;
  }>;
};

async function dashboard(): Promise<Dashboard> {
  const response = await t.app.inject('/api/dashboard');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Dashboard;
}

describe(`dashboard API on ${testEngine()}`, () => {
  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
  });
  afterAll(() => t.close());

  it('answers every status with zero before there is any parcel', async () => {
    const body = await dashboard();
    expect(body.region).toMatchObject({ kode: '32.75', nama: 'Kota Bekasi' });
    expect(body.status_counts).toEqual([
      { status: 'kandidat', parcels: 0 },
      { status: 'diverifikasi', parcels: 0 },
      { status: 'diusulkan', parcels: 0 },
      { status: 'disetujui', parcels: 0 },
      { status: 'dibangun', parcels: 0 },
      { status: 'beroperasi', parcels: 0 },
      { status: 'ditolak', parcels: 0 },
    ]);
    expect(body.candidate_areas).toEqual([]);
  });

  it('counts live parcels per status and lists live candidates by ascending area', async () => {
    const bekasijaya = await pointInside('32.75.01.1001');
    const other = await t.context.db.knex('kelurahan').where('kode', '32.75.02.1001').first('kode', 'nama');
    expect(other).toBeDefined();
    const otherPoint = await pointInside(other.kode);

    const large = await create(bekasijaya, 40, 30, { name: 'Besar 1.200 m²' });
    const medium = await create(east(bekasijaya, 80), 26, 25, { name: 'Sedang 650 m²', status: 'diverifikasi' });
    const small = await create(otherPoint, 25, 20, { name: 'Kecil 500 m²' });
    const approved = await create(east(otherPoint, 80), 35, 30, { name: 'Disetujui 1.050 m²', status: 'disetujui' });
    const rejected = await create(east(bekasijaya, -80), 30, 30, {
      name: 'Ditolak 900 m²',
      status: 'ditolak',
      status_reason: 'Pemilik menarik penawaran',
    });
    const deleted = await create(east(bekasijaya, 160), 50, 50, { name: 'Dihapus 2.500 m²' });
    const removal = await t.app.inject({
      method: 'DELETE',
      url: `/api/parcels/${deleted.id}`,
      headers: { 'if-match': '"v1"' },
    });
    expect(removal.statusCode).toBe(204);

    const body = await dashboard();
    expect(Object.fromEntries(body.status_counts.map((c) => [c.status, c.parcels]))).toEqual({
      kandidat: 2,
      diverifikasi: 1,
      diusulkan: 0,
      disetujui: 1,
      dibangun: 0,
      beroperasi: 0,
      ditolak: 1,
    });

    // The rejected and the deleted parcel are no candidates; the rest come smallest first.
    const areas = body.candidate_areas;
    expect(areas.map((a) => a.id)).toEqual([small.id, medium.id, approved.id, large.id]);
    expect(areas.map((a) => a.id)).not.toContain(rejected.id);
    for (const [row, created] of [
      [areas[0], small],
      [areas[1], medium],
      [areas[2], approved],
      [areas[3], large],
    ] as const) {
      // The same ellipsoidal area the parcel itself reports.
      expect(row?.area_m2).toBeCloseTo(created.properties.area_m2, 6);
    }
    expect(areas[0]).toMatchObject({
      name: 'Kecil 500 m²',
      kelurahan_kode: other.kode,
      kelurahan_nama: other.nama,
      status: 'kandidat',
      qualifies: false,
    });
    expect(areas[0]?.area_m2).toBeCloseTo(500, 0);
    expect(areas[3]).toMatchObject({
      name: 'Besar 1.200 m²',
      kelurahan_kode: '32.75.01.1001',
      kelurahan_nama: 'Bekasijaya',
      kecamatan_nama: 'Bekasi Timur',
      status: 'kandidat',
      qualifies: true,
    });
    expect(areas[1]).toMatchObject({ status: 'diverifikasi' });
    expect(areas[2]).toMatchObject({ status: 'disetujui' });
  });

  it('stays within the region: a parcel of a neighbouring kabupaten is not counted', async () => {
    // Kabupaten Bekasi (32.16) next door, written straight to the database: the seeded registry holds only
    // this region, and the API refuses geometry outside it.
    const knex = t.context.db.knex;
    await knex('kabkota').insert({
      kode: '32.16',
      provinsi_kode: '32',
      provinsi_nama: 'Jawa Barat',
      nama: 'Kab. Bekasi',
    });
    await knex('kecamatan').insert({ kode: '32.16.01', kabkota_kode: '32.16', nama: 'Uji' });
    await knex('kelurahan').insert({ kode: '32.16.01.2001', kecamatan_kode: '32.16.01', nama: 'Uji', jenis: 'desa' });
    await knex.raw(
      `INSERT INTO parcels (kelurahan_kode, name, source, geom, area_m2)
       VALUES ('32.16.01.2001', 'Di luar wilayah', 'bmd',
               ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(107.1, -6.2), 4326), 0.0003)), 1500)`,
    );
    const body = await dashboard();
    expect(body.status_counts.find((c) => c.status === 'kandidat')?.parcels).toBe(2);
    expect(body.candidate_areas.map((a) => a.name)).not.toContain('Di luar wilayah');
    expect(body.candidate_areas).toHaveLength(4);
  });
});
