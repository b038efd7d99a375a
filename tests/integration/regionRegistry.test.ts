import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInRegion, loadRegionRegistry, seedRegionRegistry, UnknownRegionError } from '../../seeds/regionRegistry.ts';
import { registryCounts } from '../../server/src/repositories/kelurahanRepository.ts';
import { testEngine } from '../support/engines.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

describe(`region registry on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('holds Kota Bekasi: 12 kecamatan and 56 kelurahan, reported by /api/health', async () => {
    const response = await t.app.inject('/api/health');
    expect(response.statusCode).toBe(200);
    const health = response.json();
    expect(health).toMatchObject({
      status: 'ok',
      db: testEngine(),
      region: { kode: '32.75', nama: 'Kota Bekasi', level: 'kabkota' },
      kecamatan: 12,
      kelurahan: 56,
      kelurahan_with_boundary: 0,
      boundaries: { status: 'missing' },
    });
    expect(health.boundaries.hint.id).toContain('npm run import:boundaries');
    expect(health.postgis).toMatch(/^3\.\d+/);
  });

  it('seeds a whole province (Jawa Barat, 32): 627 kecamatan and 5,957 desa/kelurahan, idempotently', async () => {
    const { knex } = t.context.db;
    const registry = await seedRegionRegistry(knex, '32');
    expect(registry.region).toEqual({ kode: '32', nama: 'Jawa Barat', level: 'provinsi' });
    await seedRegionRegistry(knex, '32');
    expect(await registryCounts(knex, '32')).toEqual({ kecamatan: 627, kelurahan: 5957, kelurahan_with_boundary: 0 });
    const jenis = await knex('kelurahan')
      .where('kode', 'like', '32.%')
      .select('jenis')
      .count('* as n')
      .groupBy('jenis');
    const byJenis = Object.fromEntries(jenis.map((row) => [row.jenis, Number(row.n)]));
    expect(byJenis.desa).toBeGreaterThan(5000);
    expect(byJenis.kelurahan).toBeGreaterThan(600);
    expect(byJenis.desa + byJenis.kelurahan).toBe(5957);
    // Bekasi's 56 are all kelurahan (code segment 1xxx), none desa.
    expect(await knex('kelurahan').where('kode', 'like', '32.75.%').where('jenis', 'desa').count('* as n')).toEqual([
      { n: 0 },
    ]);
  });

  it('knows the whole nation and refuses an unknown region', async () => {
    const nation = await loadRegionRegistry('ID');
    expect(nation.kelurahan).toHaveLength(83762);
    expect(nation.region.nama).toBe('Indonesia');
    await expect(loadRegionRegistry('99.99')).rejects.toBeInstanceOf(UnknownRegionError);
    expect(isInRegion('32.75.01.1001', '32.75')).toBe(true);
    expect(isInRegion('32.750.01', '32.75')).toBe(false);
  });
});
