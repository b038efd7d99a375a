import type { Knex } from 'knex';
import { regionKodePattern } from './regionScope.ts';

/** SQL the proposal package needs besides parcels and attachments: primary sites, kelurahan, contacts. */

type Queryable = Knex | Knex.Transaction;

/** The live primary sites in the region, one per kelurahan at most, optionally of some kelurahan only. */
export async function primarySiteIds(
  knex: Queryable,
  regionCode: string,
  kelurahanKodes: readonly string[] | null,
): Promise<Array<{ id: string; kelurahan_kode: string }>> {
  const query = knex('parcels')
    .select('id', 'kelurahan_kode')
    .where('is_primary', true)
    .whereNull('deleted_at')
    .where('kelurahan_kode', 'like', regionKodePattern(regionCode))
    .orderBy('kelurahan_kode');
  if (kelurahanKodes) query.whereIn('kelurahan_kode', [...kelurahanKodes]);
  return query;
}

/** Which of these codes name a kelurahan of the region. */
export async function knownKelurahanKodes(
  knex: Queryable,
  regionCode: string,
  kodes: readonly string[],
): Promise<Set<string>> {
  const rows: Array<{ kode: string }> = await knex('kelurahan')
    .select('kode')
    .whereIn('kode', [...kodes])
    .where('kode', 'like', regionKodePattern(regionCode));
  return new Set(rows.map((row) => row.kode));
}

/**
 * The people to contact about a kelurahan's site: the active lurah accounts of that kelurahan, then the camat
 * accounts of its kecamatan (Tapak holds names and roles only, no phone numbers).
 */
export async function kelurahanContacts(
  knex: Queryable,
  kelurahanKodes: readonly string[],
): Promise<Map<string, string[]>> {
  const contacts = new Map<string, string[]>();
  if (kelurahanKodes.length === 0) return contacts;
  const result = await knex.raw<{ rows: Array<{ kode: string; contact: string }> }>(
    `SELECT k.kode, u.display_name || ' (' || u.role || ')' AS contact
     FROM kelurahan k
     JOIN users u ON u.disabled_at IS NULL AND (
       (u.role = 'lurah' AND u.territory_kode = k.kode) OR (u.role = 'camat' AND u.territory_kode = k.kecamatan_kode))
     WHERE k.kode IN (${kelurahanKodes.map(() => '?').join(', ')})
     ORDER BY k.kode, CASE u.role WHEN 'lurah' THEN 0 ELSE 1 END, u.display_name`,
    // One placeholder per code: the PGlite dialect does not expand an array binding the way the pg one does.
    [...kelurahanKodes],
  );
  for (const row of result.rows) contacts.set(row.kode, [...(contacts.get(row.kode) ?? []), row.contact]);
  return contacts;
}
