import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../support/engines.ts';
import { createTestApp } from '../support/testApp.ts';

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
});
