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
  // The first admin at first start; without a password a random one is printed once in the log.
  TAPAK_ADMIN_USER: z.string().trim().min(1).default('admin'),
  TAPAK_ADMIN_PASSWORD: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(10).optional()),
  // An API token for automation, attached to the first admin when it is not known yet.
  TAPAK_ADMIN_TOKEN: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(24).optional()),
  TAPAK_PUBLIC_READ: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
  TAPAK_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  TAPAK_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // Behind a reverse proxy that terminates HTTPS: trust X-Forwarded-* so cookies get the Secure flag.
  TAPAK_TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
  TAPAK_UPLOAD_DIR: z.string().optional(),
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
  adminUsername: string;
  adminPassword: string | undefined;
  adminToken: string | undefined;
  /** Anonymous read (public transparency); off by default. */
  publicRead: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean;
  /** Where attachments (photos, documents) are stored; inside the data directory by default. */
  uploadDir: string;
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
    adminUsername: e.TAPAK_ADMIN_USER.toLowerCase(),
    adminPassword: e.TAPAK_ADMIN_PASSWORD,
    adminToken: e.TAPAK_ADMIN_TOKEN,
    publicRead: e.TAPAK_PUBLIC_READ,
    sessionIdleMinutes: e.TAPAK_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.TAPAK_SESSION_MAX_HOURS,
    trustProxy: e.TAPAK_TRUST_PROXY,
    uploadDir: path.resolve(repoRoot, e.TAPAK_UPLOAD_DIR ?? path.join(e.TAPAK_DATA_DIR ?? 'var/db', '..', 'uploads')),
  };
}
