import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite is a single-process database: two processes opening the same directory would corrupt it.
 * A lock file holding the owner's pid makes the second one refuse clearly instead.
 */
export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    readonly ownerPurpose: string,
  ) {
    super(
      `Basis data tertanam di ${dataDir} sedang dipakai oleh proses ${ownerPid} (${ownerPurpose}). ` +
        'Hentikan server itu dahulu, atau gunakan rute API selagi server berjalan. / ' +
        `The embedded database in ${dataDir} is held by process ${ownerPid} (${ownerPurpose}). ` +
        'Stop that server first, or use the API route while it runs.',
    );
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock (stale locks of dead processes are taken over) and returns its release function. */
export function acquireDataDirLock(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'tapak.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, purpose }), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: { pid?: number; purpose?: string } = {};
      try {
        owner = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
      } catch {
        // An unreadable lock file is treated as stale.
      }
      if (owner.pid && isProcessAlive(owner.pid)) {
        throw new DataDirLockedError(dataDir, owner.pid, owner.purpose ?? 'unknown');
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
