import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, found from this file so that scripts work from any working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const regionCodeSchema = z
  .string()
  .trim()
  .regex(/^(ID|\d{2}(\.\d{2})?)$/i, 'TAPAK_REGION: kode provinsi (32), kabupaten/kota (32.75) atau ID')
  .transform((value) => value.toUpperCase());

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  // An empty value means unset (e.g. `DATABASE_URL= npm start` to force the embedded engine).
  DATABASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()),
  TAPAK_DATA_DIR: z.string().optional(),
  TAPAK_REGION: regionCodeSchema.default('32.75'),
  TAPAK_OFFLINE: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
  TAPAK_BOUNDARY_URL_TEMPLATE: z
    .string()
    .default(
      'https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/main/db/kel/{prov}/wilayah_boundaries_kel_{prov}.{kab}.sql',
    ),
  TAPAK_BOUNDARY_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  TAPAK_WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface TapakConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite engine is used. */
  databaseUrl: string | undefined;
  /** Directory of the embedded database (ignored with DATABASE_URL). */
  dataDir: string;
  /** Kemendagri code of the configured region: a kabupaten/kota (32.75), a province (32) or ID. */
  regionCode: string;
  offline: boolean;
  /** URL of the public boundary dump per kabupaten/kota, with {prov} and {kab} placeholders. */
  boundaryUrlTemplate: string;
  boundaryFetchTimeoutMs: number;
  webDistDir: string;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): TapakConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Konfigurasi tidak valid / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(repoRoot, e.TAPAK_DATA_DIR ?? 'var/db'),
    regionCode: e.TAPAK_REGION,
    offline: e.TAPAK_OFFLINE,
    boundaryUrlTemplate: e.TAPAK_BOUNDARY_URL_TEMPLATE,
    boundaryFetchTimeoutMs: e.TAPAK_BOUNDARY_FETCH_TIMEOUT_MS,
    webDistDir: path.resolve(repoRoot, e.TAPAK_WEB_DIST ?? 'web/dist'),
    logLevel: e.LOG_LEVEL,
  };
}
