import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** /work/main-like checkout root: this file sits in server/test/boundaries/. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The read-only reference data beside the repository (never copied into it); TAPAK_SHARED_DATA overrides. */
export const sharedDataDir = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

export const sharedData = (name: string): string => path.join(sharedDataDir, name);

export const bekasiGeoJsonPath = sharedData('kota-bekasi-kelurahan.geojson');
export const bekasiSqlPath = sharedData(path.join('raw', 'wilayah_boundaries_kel_32.75.sql'));
export const jawaBaratGzPath = sharedData('jawa-barat-desa-kelurahan.geojson.gz');
