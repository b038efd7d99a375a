import type { Knex } from 'knex';

/**
 * Answers of the region-wide reads every page load makes (the map's parcel listing, the kelurahan collection,
 * the coverage), kept until the next write.
 *
 * Only on the embedded engine. There this process is the only writer (the data directory is locked to it), and
 * PGlite answers every request in turn on one thread: the listing of 5,000 parcels costs ~0.3 s of that thread
 * per page load, during which no other request (another planner's save, the map's own worker script) is served.
 * With PostgreSQL other instances may write, so nothing is kept and every read goes to the database.
 *
 * What counts as a write: every statement this knex sends (transactions included) except reads and
 * transaction control. Anything else, even a rolled-back UPDATE, moves the revision on. An answer is kept only if
 * no write was sent while it was being built, so a read racing a write is never kept for later readers.
 */
export interface ReadCache {
  /** The kept answer for `key` if nothing was written since it was built; otherwise builds (and keeps) it. */
  get<T>(key: string, build: () => Promise<T>): Promise<T>;
}

/** At most this many answers are kept (a few listings and collections); the oldest goes first. */
const MAX_ENTRIES = 16;

/** Statements that change nothing: reads, and the transaction control around writes (counted on their own). */
const NOT_A_WRITE = /^\s*(?:select|show|explain|begin|start transaction|commit|rollback|savepoint|release|set)\b/i;

/**
 * Writes of the sign-in bookkeeping (a session's last request, a token's last use, the login rate limit) and the
 * audit log's appends (a login is audited; a real change is audited beside a write to its own table, which
 * counts), which none of the kept reads depend on. Keep it that way: a kept read must not join these tables.
 */
const BOOKKEEPING =
  /^\s*(?:insert\s+into|update|delete\s+from)\s+"?(?:sessions|api_tokens|rate_limit_buckets)"?\s|^\s*insert\s+into\s+"?audit_log"?\s/i;

/** A WITH query is a read unless one of its parts changes data (a writable CTE). */
const WITH_QUERY = /^\s*with\b/i;
const DATA_CHANGE = /\b(?:insert\s+into|update\s+\S+\s+set|delete\s+from|merge\s+into)\b/i;

/** Several statements in one string ("BEGIN; UPDATE …"): judged as a write, whatever the first one is. */
const MORE_STATEMENTS = /;\s*\S/;

export function isWriteStatement(sql: string): boolean {
  if (MORE_STATEMENTS.test(sql)) return true;
  if (WITH_QUERY.test(sql)) return DATA_CHANGE.test(sql);
  return !NOT_A_WRITE.test(sql) && !BOOKKEEPING.test(sql);
}

export function createReadCache(knex: Knex): ReadCache {
  /** Moves on at every write; a write also drops every kept answer, so what is kept is always current. */
  let revision = 0;
  const entries = new Map<string, unknown>();
  knex.on('query', (query: { sql?: string }) => {
    if (typeof query.sql !== 'string' || isWriteStatement(query.sql)) {
      revision += 1;
      entries.clear();
    }
  });
  return {
    async get<T>(key: string, build: () => Promise<T>): Promise<T> {
      if (entries.has(key)) return entries.get(key) as T;
      const startedAt = revision;
      const value = await build();
      if (revision === startedAt) {
        entries.set(key, value);
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      }
      return value;
    },
  };
}

/** PostgreSQL: nothing is kept (other instances write too); every read is built. */
export const noReadCache: ReadCache = {
  get: (_key, build) => build(),
};
