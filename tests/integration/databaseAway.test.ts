import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../support/engines.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

// PostgreSQL only: the embedded engine lives in the process and cannot go away on its own.
describe.runIf(testEngine() === 'postgres')('when PostgreSQL drops every connection', () => {
  it('answers 503 problem+json, then recovers without a restart', async () => {
    const t = await createTestApp();
    try {
      expect((await t.app.inject('/api/coverage')).statusCode).toBe(200);
      const admin = new pg.Client({ connectionString: t.testDb.databaseUrl });
      await admin.connect();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await admin.end();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 20; attempt += 1) {
        const response = await t.app.inject('/api/coverage');
        statuses.push(response.statusCode);
        if (response.statusCode !== 200) {
          expect(response.statusCode).toBe(503);
          expect(response.json()).toMatchObject({ type: 'urn:tapak:problem:service-unavailable' });
        } else break;
      }
      expect(statuses.at(-1)).toBe(200);
      expect(statuses).not.toContain(500);
    } finally {
      await t.close();
    }
  });

  it('answers 503 when a transaction loses its connection and the ROLLBACK cannot be sent', async () => {
    // Regression (reliability run, PostgreSQL stopped mid-write): a write transaction whose connection broke got
    // knex's "ROLLBACK - Client has encountered a connection error and is not queryable", answered 500.
    const t: TestApp = await createTestApp({}, (app) => {
      app.post('/test/transaction-loses-its-connection', async () =>
        app.tapak.db.knex.transaction(async (trx) => {
          // The transaction's backend is ended from outside between two of its queries, as a stopping server does.
          const own = await trx.raw<{ rows: Array<{ pid: number }> }>('SELECT pg_backend_pid() AS pid');
          const outside = new pg.Client({ connectionString: t.testDb.databaseUrl });
          await outside.connect();
          await outside.query('SELECT pg_terminate_backend($1)', [own.rows[0]?.pid]);
          await outside.end();
          await new Promise((resolve) => setTimeout(resolve, 200));
          await trx.raw('SELECT 1');
        }),
      );
    });
    try {
      const response = await t.app.inject({ method: 'POST', url: '/test/transaction-loses-its-connection' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ type: 'urn:tapak:problem:service-unavailable' });
      expect((await t.app.inject('/api/coverage')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
