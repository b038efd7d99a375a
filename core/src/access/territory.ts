import type { AccessRefusal } from './accessRefusal.ts';
import { writerRefusal } from './accessRefusal.ts';
import type { Actor } from './actor.ts';

/** Whether a kelurahan code lies in an actor's territory (city-wide roles hold the whole region). */
export function kelurahanInTerritory(actor: Actor, kelurahanKode: string): boolean {
  if (actor.role === 'admin' || actor.role === 'perencana') return true;
  if (actor.territoryKode === null) return false;
  if (actor.role === 'camat') return kelurahanKode.startsWith(`${actor.territoryKode}.`);
  if (actor.role === 'lurah') return kelurahanKode === actor.territoryKode;
  return false;
}

/**
 * May this actor write a parcel (or its attachments) lying in this kelurahan? A move is checked twice: the
 * kelurahan it leaves and the one it lands in, so nobody moves a parcel out of (or into) another's area.
 */
export function kelurahanWriteRefusal(actor: Actor, kelurahanKode: string): AccessRefusal | null {
  const writer = writerRefusal(actor);
  if (writer) return writer;
  if (kelurahanInTerritory(actor, kelurahanKode)) return null;
  return {
    reason: 'outside_territory',
    message: {
      id: `Kelurahan ${kelurahanKode} berada di luar wilayah kerja Anda (${actor.territoryKode ?? '-'}).`,
      en: `Kelurahan ${kelurahanKode} lies outside your territory (${actor.territoryKode ?? '-'}).`,
    },
  };
}

/** City-wide writes (constraint layers, bulk recompute): Dinas planners and admins only. */
export function cityWideWriteRefusal(actor: Actor): AccessRefusal | null {
  const writer = writerRefusal(actor);
  if (writer) return writer;
  if (actor.role === 'admin' || actor.role === 'perencana') return null;
  return {
    reason: 'city_wide_only',
    message: {
      id: 'Hanya perencana Dinas dan admin yang dapat mengubah data seluruh kota.',
      en: 'Only Dinas planners and admins may change city-wide data.',
    },
  };
}

/** Accounts, criteria and boundaries: admins only. */
export function adminRefusal(actor: Actor): AccessRefusal | null {
  const writer = writerRefusal(actor);
  if (writer) return writer;
  if (actor.role === 'admin') return null;
  return {
    reason: 'admin_only',
    message: { id: 'Hanya admin yang dapat melakukan ini.', en: 'Only an admin may do this.' },
  };
}
