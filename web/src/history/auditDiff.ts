import type { AuditEntry } from '@tapak/core/contracts/auth';
import { formatAreaM2, formatDecimal, formatInteger } from '../i18n/format.ts';
import type { Messages } from '../i18n/messages.id.ts';

/** A parcel as the audit log keeps it before and after a change (server: parcelSnapshot). */
export type ParcelSnapshot = {
  kelurahan_kode?: string;
  properties: Record<string, unknown>;
  geometry: unknown;
  area_m2: number;
};

export type FieldChange = { key: string; label: string; before: string; after: string };

export type AuditChange = {
  fields: FieldChange[];
  /** Set when the boundary moved: the ellipsoidal area before and after, as the server measured it. */
  geometry: { before_m2: number; after_m2: number } | null;
};

function isSnapshot(value: unknown): value is ParcelSnapshot {
  return (
    typeof value === 'object' &&
    value !== null &&
    'properties' in value &&
    typeof (value as { properties: unknown }).properties === 'object'
  );
}

export function snapshotOf(value: unknown): ParcelSnapshot | null {
  return isSnapshot(value) ? value : null;
}

/** Nested attribute groups (KIB A, fasos-fasum) become "kib_a.kode_barang" so each field diffs on its own. */
function flatten(properties: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  for (const [key, value] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, innerValue] of flatten(value as Record<string, unknown>, path)) result.set(inner, innerValue);
    } else result.set(path, value);
  }
  return result;
}

/** The label the parcel form already uses for this attribute (falls back to the attribute name). */
export function fieldLabel(key: string, t: Messages): string {
  const fields = t.parcel.fields as unknown as Record<string, unknown>;
  if (key === 'kelurahan_kode') return t.parcel.kelurahan;
  const [group, name] = key.split('.');
  if (group && name) {
    const labels = fields[group];
    if (labels && typeof labels === 'object') {
      const label = (labels as Record<string, unknown>)[name];
      if (typeof label === 'string') return label;
    }
    return key;
  }
  const label = fields[key];
  return typeof label === 'string' ? label : key;
}

/** A value as a planner reads it: code-list labels, id-ID numbers, ya/tidak, "–" for empty. */
export function formatValue(key: string, value: unknown, t: Messages): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? t.history.yes : t.history.no;
  if (typeof value === 'number') return Number.isInteger(value) ? formatInteger(value) : formatDecimal(value, 2);
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map((v) => formatValue(key, v, t)).join(', ');
  if (typeof value !== 'string') return JSON.stringify(value);
  const name = key.split('.').pop() ?? key;
  const lists: Record<string, Record<string, string>> = {
    status: t.status,
    source: t.source,
    owner_class: t.ownerClass,
    legal_status: t.legalStatus,
    handover_status: t.handover,
  };
  return lists[name]?.[value] ?? value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What one audited change did to a parcel: every attribute whose value differs (with the form's labels) and
 * whether the boundary changed. A creation lists the attributes it set; a deletion or restore changes none.
 */
export function auditChange(entry: Pick<AuditEntry, 'action' | 'before' | 'after'>, t: Messages): AuditChange {
  const before = snapshotOf(entry.before);
  const after = snapshotOf(entry.after);
  if (!before || !after) {
    if (entry.action !== 'create' || !after) return { fields: [], geometry: null };
    const fields: FieldChange[] = [];
    for (const [key, value] of flatten(after.properties)) {
      const shown = formatValue(key, value, t);
      if (shown === '–' || value === false) continue;
      fields.push({ key, label: fieldLabel(key, t), before: '–', after: shown });
    }
    return { fields, geometry: null };
  }
  const beforeFields = flatten({ ...before.properties, kelurahan_kode: before.kelurahan_kode ?? null });
  const afterFields = flatten({ ...after.properties, kelurahan_kode: after.kelurahan_kode ?? null });
  const keys = [...new Set([...beforeFields.keys(), ...afterFields.keys()])];
  const fields = keys
    .filter((key) => !same(beforeFields.get(key), afterFields.get(key)))
    .map((key) => ({
      key,
      label: fieldLabel(key, t),
      before: formatValue(key, beforeFields.get(key), t),
      after: formatValue(key, afterFields.get(key), t),
    }));
  const geometry = same(before.geometry, after.geometry)
    ? null
    : { before_m2: before.area_m2, after_m2: after.area_m2 };
  return { fields, geometry };
}

/** "geometri diubah: 612,4 m² → 655,0 m²". */
export function geometryChangeText(change: { before_m2: number; after_m2: number }, t: Messages): string {
  return t.history.geometryChanged(formatAreaM2(change.before_m2), formatAreaM2(change.after_m2));
}

export function actionLabel(action: string, t: Messages): string {
  return (t.history.actions as Record<string, string>)[action] ?? action;
}
