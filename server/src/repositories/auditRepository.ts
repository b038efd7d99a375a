import type { AuditEntry } from '@tapak/core';
import type { Knex } from 'knex';

/** All SQL for the audit log. The log is append-only (a trigger refuses UPDATE and DELETE): only inserts here. */

export interface AuditRecord {
  actorUserId: string | null;
  actorLabel: string;
  route: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export async function insertAudit(knex: Knex | Knex.Transaction, record: AuditRecord) {
  await knex('audit_log').insert({
    actor_user_id: record.actorUserId,
    actor_label: record.actorLabel,
    route: record.route,
    action: record.action,
    entity_type: record.entityType,
    entity_id: record.entityId,
    before: record.before === null || record.before === undefined ? null : JSON.stringify(record.before),
    after: record.after === null || record.after === undefined ? null : JSON.stringify(record.after),
  });
}

interface AuditRow {
  id: number | string;
  occurred_at: Date | string;
  actor_user_id: string | null;
  actor_label: string;
  route: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

function parsedJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : (value ?? null);
}

export async function auditEntries(
  knex: Knex,
  filter: { entityType?: string; entityId?: string; limit: number; beforeId?: number },
): Promise<AuditEntry[]> {
  const query = knex<AuditRow>('audit_log').select('*').orderBy('id', 'desc').limit(filter.limit);
  if (filter.entityType) query.where('entity_type', filter.entityType);
  if (filter.entityId) query.where('entity_id', filter.entityId);
  if (filter.beforeId) query.where('id', '<', filter.beforeId);
  const rows = (await query) as AuditRow[];
  return rows.map((row) => ({
    id: Number(row.id),
    occurred_at: new Date(row.occurred_at).toISOString(),
    actor_user_id: row.actor_user_id,
    actor_label: row.actor_label,
    route: row.route,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    before: parsedJson(row.before),
    after: parsedJson(row.after),
  }));
}
