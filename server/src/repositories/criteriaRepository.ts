import fs from 'node:fs';
import path from 'node:path';
import { type Criteria, criteriaSchema } from '@tapak/core';
import type { Knex } from 'knex';
import { repoRoot } from '../config.ts';

/** The criteria that ship with Tapak (data/criteria.default.json), validated by the core's contract. */
export function defaultCriteria(): Criteria {
  const text = fs.readFileSync(path.join(repoRoot, 'data', 'criteria.default.json'), 'utf8');
  return criteriaSchema.parse(JSON.parse(text));
}

export interface CriteriaVersion {
  version: number;
  criteria: Criteria;
}

/** The newest criteria version; the defaults become version 1 the first time they are asked for. */
export async function currentCriteria(knex: Knex | Knex.Transaction): Promise<CriteriaVersion> {
  const row = await knex('criteria').orderBy('version', 'desc').first('version', 'body');
  if (row) return { version: row.version, criteria: criteriaSchema.parse(row.body) };
  return saveCriteria(knex, defaultCriteria(), null);
}

export async function saveCriteria(
  knex: Knex | Knex.Transaction,
  criteria: Criteria,
  userId: string | null,
): Promise<CriteriaVersion> {
  const [row] = await knex('criteria')
    .insert({ body: JSON.stringify(criteria), created_by: userId })
    .returning(['version']);
  return { version: Number(row.version), criteria };
}
