import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import knexPkg, { type Knex } from 'knex';
import ClientPGlite from 'knex-pglite';
import pg from 'pg';
import { acquireDataDirLock } from './dataDirLock.ts';
import { createReadCache, noReadCache, type ReadCache } from './readCache.ts';

export type EngineName = 'pglite' | 'postgres';

export interface Database {
  readonly knex: Knex;
  readonly engine: EngineName;
  /** PostGIS version, e.g. "3.6.2". */
  readonly postgisVersion: string;
  /** Region-wide reads kept until the next write: embedded engine only (readCache.ts says why). */
  readonly readCache: ReadCache;
  /** Embedded engine only: a tarball of the whole data directory (used to clone test databases fast). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export type OpenDatabaseOptions =
  | { engine: 'postgres'; connectionString: string; poolMax?: number }
  | {
      engine: 'pglite';
      /** Directory to persist to; undefined keeps the database in memory (tests). */
      dataDir?: string;
      /** A tarball from `dumpDataDir()` to start from (tests clone a migrated template this way). */
      loadDataDir?: Blob;
      /** Why the directory is opened, written into its lock file so a second process can say who holds it. */
      purpose?: string;
    };

// PostgreSQL's `pg` driver returns bigint (count(*)) and numeric as strings while PGlite returns numbers.
// Counts and areas in Tapak stay far below 2^53, so both engines return plain numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

/**
 * Opens one of the two engines behind one knex interface. Everything engine-specific lives here:
 * the PGlite single connection, its data-directory lock, the PostGIS extension, number parsing.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.engine === 'postgres') {
    const knex = knexPkg.knex({
      client: 'pg',
      connection: { connectionString: options.connectionString },
      pool: {
        min: 0,
        max: options.poolMax ?? 10,
        // PostGIS rates its functions as expensive, so PostgreSQL JIT-compiles even short spatial queries and
        // spends more compiling (measured: 250–370 ms of a 0.6–3 s query) than it saves.
        afterCreate: (connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void) => {
          connection.query('SET jit = off', (error: Error | null) => done(error, connection));
        },
      },
    });
    try {
      await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
      const postgisVersion = await readPostgisVersion(knex);
      return { knex, engine: 'postgres', postgisVersion, readCache: noReadCache, close: () => knex.destroy() };
    } catch (error) {
      await knex.destroy();
      throw error;
    }
  }

  const release = options.dataDir ? acquireDataDirLock(options.dataDir, options.purpose ?? 'tapak') : () => {};
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(options.dataDir ?? 'memory://', {
      extensions: { postgis },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    const instance = pglite;
    const knex = knexPkg.knex({
      client: ClientPGlite,
      // The function form is the only way to hand knex-pglite an instance created with extensions.
      connection: () => ({ pglite: instance }) as unknown as Knex.ConnectionConfig,
      // PGlite has exactly one connection (knex-pglite fixes the pool at one). Inside a transaction, use the transaction object: a query on
      // the outer knex would wait for the only connection until the acquire timeout.
      useNullAsDefault: true,
    });
    const postgisVersion = await readPostgisVersion(knex);
    return {
      knex,
      engine: 'pglite',
      postgisVersion,
      readCache: createReadCache(knex),
      dumpDataDir: () => instance.dumpDataDir('gzip') as Promise<Blob>,
      async close() {
        // knex-pglite closes the PGlite instance when knex is destroyed; close it here only if it did not.
        await knex.destroy();
        if (!instance.closed) await instance.close();
        release();
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => {});
    release();
    throw error;
  }
}

async function readPostgisVersion(knex: Knex): Promise<string> {
  const result = await knex.raw<{ rows: Array<{ version: string }> }>('SELECT postgis_lib_version() AS version');
  return result.rows[0]?.version ?? 'unknown';
}
