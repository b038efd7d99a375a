import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import type { Knex } from 'knex';

export interface RegionSummary {
  /** `ID`, a province code (`32`) or a kabupaten/kota code (`32.75`). */
  kode: string;
  nama: string;
  level: 'nasional' | 'provinsi' | 'kabkota';
}

export interface RegionRegistry {
  region: RegionSummary;
  kabkota: Array<{ kode: string; provinsi_kode: string; provinsi_nama: string; nama: string }>;
  kecamatan: Array<{ kode: string; kabkota_kode: string; nama: string }>;
  kelurahan: Array<{ kode: string; kecamatan_kode: string; nama: string; jenis: 'kelurahan' | 'desa' }>;
}

export class UnknownRegionError extends Error {
  readonly code = 'unknown_region';
  constructor(readonly regionCode: string) {
    super(
      `Kode wilayah ${regionCode} tidak dikenal (contoh: 32.75 Kota Bekasi, 32 Jawa Barat, ID seluruh Indonesia). / ` +
        `Unknown region code ${regionCode} (e.g. 32.75 Kota Bekasi, 32 Jawa Barat, ID all of Indonesia).`,
    );
  }
}

/** True when `kode` (any level, dotted) lies inside the region `regionCode` (`ID` holds everything). */
export function isInRegion(kode: string, regionCode: string): boolean {
  return regionCode === 'ID' || kode === regionCode || kode.startsWith(`${regionCode}.`);
}

/**
 * The Kemendagri registry of one region, from the idn-area-data package. In Kemendagri codes the fourth
 * segment of a village code starts with 1 for a kelurahan and 2 for a desa.
 */
export async function loadRegionRegistry(regionCode: string): Promise<RegionRegistry> {
  const [provinces, regencies, districts, villages] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
    getVillages(),
  ]);
  const provinceNames = new Map(provinces.map((p) => [p.code, p.name]));
  let region: RegionSummary;
  if (regionCode === 'ID') {
    region = { kode: 'ID', nama: 'Indonesia', level: 'nasional' };
  } else if (provinceNames.has(regionCode)) {
    region = { kode: regionCode, nama: provinceNames.get(regionCode) ?? regionCode, level: 'provinsi' };
  } else {
    const regency = regencies.find((r) => r.code === regionCode);
    if (!regency) throw new UnknownRegionError(regionCode);
    region = { kode: regionCode, nama: regency.name, level: 'kabkota' };
  }
  return {
    region,
    kabkota: regencies
      .filter((r) => isInRegion(r.code, regionCode))
      .map((r) => ({
        kode: r.code,
        provinsi_kode: r.province_code,
        provinsi_nama: provinceNames.get(r.province_code) ?? r.province_code,
        nama: r.name,
      })),
    kecamatan: districts
      .filter((d) => isInRegion(d.code, regionCode))
      .map((d) => ({ kode: d.code, kabkota_kode: d.regency_code, nama: d.name })),
    kelurahan: villages
      .filter((v) => isInRegion(v.code, regionCode))
      .map((v) => ({
        kode: v.code,
        kecamatan_kode: v.district_code,
        nama: v.name,
        jenis: v.code.split('.')[3]?.startsWith('1') ? 'kelurahan' : 'desa',
      })),
  };
}

const batchSize = 1000;

async function upsertInBatches(knex: Knex, table: string, rows: object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await knex(table)
      .insert(rows.slice(start, start + batchSize))
      .onConflict('kode')
      .merge();
  }
}

/** The installed idn-area-data version: a new one may bring a new Kemendagri decree's codes and names. */
function registryPackageVersion(): string {
  const entry = createRequire(import.meta.url).resolve('idn-area-data');
  const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'));
  return String(manifest.version);
}

/**
 * Seeds the registry unless this region was already seeded from this package version: restarting a national
 * database should not rewrite 83,762 rows every time.
 */
export async function ensureRegionRegistry(knex: Knex, regionCode: string): Promise<RegionSummary> {
  const marker = { region: regionCode, idn_area_data: registryPackageVersion() };
  const row = await knex('app_settings').where({ key: 'registry_seed' }).first('value');
  const region = await knex('app_settings').where({ key: 'region' }).first('value');
  if (row && region && JSON.stringify(row.value) === JSON.stringify(marker) && region.value.kode === regionCode) {
    return region.value as RegionSummary;
  }
  const registry = await seedRegionRegistry(knex, regionCode);
  await knex('app_settings')
    .insert({ key: 'registry_seed', value: JSON.stringify(marker), updated_at: knex.fn.now() })
    .onConflict('key')
    .merge();
  return registry.region;
}

/**
 * Upserts the region's registry (names may change with a new Kemendagri decree; boundaries are kept) and
 * records the configured region. Runs inside one transaction so a half-seeded registry never exists.
 */
export async function seedRegionRegistry(knex: Knex, regionCode: string): Promise<RegionRegistry> {
  const registry = await loadRegionRegistry(regionCode);
  await knex.transaction(async (trx) => {
    await upsertInBatches(trx, 'kabkota', registry.kabkota);
    await upsertInBatches(trx, 'kecamatan', registry.kecamatan);
    await upsertInBatches(trx, 'kelurahan', registry.kelurahan);
    await trx('app_settings')
      .insert({ key: 'region', value: JSON.stringify(registry.region), updated_at: trx.fn.now() })
      .onConflict('key')
      .merge();
  });
  return registry;
}
