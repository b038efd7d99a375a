import { type Actor, actorLabel } from '@tapak/core';
import type { FastifyRequest } from 'fastify';
import type { Knex } from 'knex';
import { insertAudit } from '../repositories/auditRepository.ts';

/** Who changes something and through which route: what every audited service call needs. */
export interface ChangeOrigin {
  actor: Actor;
  /** e.g. "PATCH /api/parcels/:id" or "cli user add". */
  route: string;
}

export function originOf(request: FastifyRequest): ChangeOrigin {
  return { actor: request.actor, route: `${request.method} ${request.routeOptions.url ?? request.url}` };
}

export interface AuditedChange {
  action: 'create' | 'update' | 'delete' | 'restore' | 'status' | 'import' | string;
  entityType: 'parcel' | 'overlay_layer' | 'criteria' | 'user' | 'api_token' | 'attachment' | 'boundaries' | string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Records a change in the append-only audit log, inside the caller's transaction so both land or neither. */
export async function recordChange(trx: Knex | Knex.Transaction, origin: ChangeOrigin, change: AuditedChange) {
  await insertAudit(trx, {
    actorUserId: origin.actor.userId,
    actorLabel: actorLabel(origin.actor),
    route: origin.route,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: change.before,
    after: change.after,
  });
}
