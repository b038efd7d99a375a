import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportTarget } from './importTargets.ts';
import type { ImportFormat, SourceFeature } from './sourceFeature.ts';

/**
 * Parsed uploads waiting for their commit, one JSON file per import in the system temp directory, for an hour.
 * A commit first renames the file (an atomic claim, so two clicks cannot import twice) and deletes it when
 * done; an abandoned file is swept away by the next preview or commit. With several server instances the
 * commit must reach the instance that made the preview (or share the temp directory).
 */
export const importLifetimeMs = 60 * 60 * 1000;

export function importStoreDir(): string {
  return path.join(os.tmpdir(), 'tapak-imports');
}

export interface StoredIssue {
  feature: number;
  row: number | null;
  reason: string;
  message: { id: string; en: string };
  position?: [number, number];
}

export interface StoredImport {
  import_id: string;
  format: ImportFormat;
  created_at: string;
  crs: { code: string | null; name: string; source: string };
  /** Features to create (in WGS 84), including those whose problems block the commit. */
  features: SourceFeature[];
  /** Features the commit leaves out (no geometry, only a point), reported back to the planner. */
  skipped: StoredIssue[];
  mapping_suggestion: Record<string, ImportTarget | null>;
}

const fileOf = (id: string) => path.join(importStoreDir(), `${id}.json`);

export async function saveImport(stored: StoredImport): Promise<void> {
  await fs.promises.mkdir(importStoreDir(), { recursive: true, mode: 0o700 });
  const temporary = `${fileOf(stored.import_id)}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.promises.writeFile(temporary, JSON.stringify(stored), { mode: 0o600 });
  await fs.promises.rename(temporary, fileOf(stored.import_id));
}

/** Deletes imports (and claims and partial writes) older than their lifetime. */
export async function sweepExpiredImports(now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(importStoreDir());
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(importStoreDir(), name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > importLifetimeMs) await fs.promises.rm(file, { force: true });
  }
}

export interface ClaimedImport {
  stored: StoredImport;
  /** The commit failed: the import stays available for another try. */
  release(): Promise<void>;
  /** The commit succeeded: the import is gone. */
  finish(): Promise<void>;
}

export type ClaimResult = { state: 'claimed'; claim: ClaimedImport } | { state: 'missing' | 'busy' };

/** Takes an import for a commit, or says why not: missing (never made, expired, committed) or busy. */
export async function claimImport(id: string, now = Date.now()): Promise<ClaimResult> {
  const file = fileOf(id);
  const claimed = `${file}.claimed-${randomBytes(4).toString('hex')}`;
  try {
    await fs.promises.rename(file, claimed);
  } catch {
    const names = await fs.promises.readdir(importStoreDir()).catch(() => [] as string[]);
    return { state: names.some((name) => name.startsWith(`${id}.json.claimed-`)) ? 'busy' : 'missing' };
  }
  const stat = await fs.promises.stat(claimed);
  if (now - stat.mtimeMs > importLifetimeMs) {
    await fs.promises.rm(claimed, { force: true });
    return { state: 'missing' };
  }
  const stored = JSON.parse(await fs.promises.readFile(claimed, 'utf8')) as StoredImport;
  return {
    state: 'claimed',
    claim: {
      stored,
      release: () => fs.promises.rename(claimed, file),
      finish: () => fs.promises.rm(claimed, { force: true }),
    },
  };
}
