import {
  type AccessRefusal,
  type Actor,
  adminRefusal,
  cityWideWriteRefusal,
  kelurahanWriteRefusal,
  writerRefusal,
} from '@tapak/core';
import { HttpProblem } from '../http/httpProblem.ts';

/**
 * Turns the core's access rules into HTTP answers: 401 when nobody is logged in, 403 with the reason
 * otherwise. Services call these inside their transaction, where they know the kelurahan a write touches.
 */
export function requireAllowed(refusal: AccessRefusal | null): void {
  if (!refusal) return;
  throw new HttpProblem(refusal.reason === 'anonymous' ? 'unauthorized' : 'forbidden', refusal.message, undefined, {
    reason: refusal.reason,
  });
}

export function requireWriter(actor: Actor): void {
  requireAllowed(writerRefusal(actor));
}

export function requireKelurahanWrite(actor: Actor, kelurahanKode: string): void {
  requireAllowed(kelurahanWriteRefusal(actor, kelurahanKode));
}

export function requireCityWideWrite(actor: Actor): void {
  requireAllowed(cityWideWriteRefusal(actor));
}

export function requireAdmin(actor: Actor): void {
  requireAllowed(adminRefusal(actor));
}
