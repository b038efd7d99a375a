import {
  newParcelDefaults,
  type ParcelAttributes,
  type ParcelAttributesPatch,
  parcelAttributesSchema,
} from '@tapak/core';
import { coerceValue, type ImportTarget } from './importTargets.ts';
import type { SourceFeature } from './sourceFeature.ts';

export interface AttributeProblem {
  reason: string;
  /** Where in the feature: `/properties/<source field>` or `/properties/<attribute>`. */
  pointer: string;
  message: { id: string; en: string };
}

/**
 * The attributes of one imported parcel: the base, then the commit's defaults, then the mapped fields of the
 * feature (a blank field keeps the default). A feature without a name is called "Bidang impor <number>" so the
 * planner can find and rename it. Every problem is returned, none thrown.
 */
export function importedAttributes(
  feature: SourceFeature,
  mapping: Record<string, ImportTarget | null | undefined>,
  defaults: ParcelAttributesPatch,
): { ok: true; attributes: ParcelAttributes } | { ok: false; problems: AttributeProblem[] } {
  const problems: AttributeProblem[] = [];
  const top: Record<string, unknown> = {};
  const kibA: Record<string, unknown> = {};
  const fasosFasum: Record<string, unknown> = {};
  for (const [field, target] of Object.entries(mapping)) {
    if (!target) continue;
    const coerced = coerceValue(target, feature.properties[field] ?? null);
    if (!coerced.ok) {
      problems.push({
        reason: 'invalid_value',
        pointer: `/properties/${field}`,
        message: {
          id: `${field} → ${target}: ${coerced.message.id}`,
          en: `${field} → ${target}: ${coerced.message.en}`,
        },
      });
      continue;
    }
    if (coerced.value === null) continue;
    const [group, key] = target.split('.') as [string, string | undefined];
    if (key === undefined) top[group] = coerced.value;
    else (group === 'kib_a' ? kibA : fasosFasum)[key] = coerced.value;
  }
  const candidate = {
    ...newParcelDefaults,
    ...defaults,
    ...top,
    kib_a: { ...newParcelDefaults.kib_a, ...defaults.kib_a, ...kibA },
    fasos_fasum: { ...newParcelDefaults.fasos_fasum, ...defaults.fasos_fasum, ...fasosFasum },
    name: (top.name as string | undefined) || defaults.name || `Bidang impor ${feature.number}`,
  };
  const parsed = parcelAttributesSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      problems.push({
        reason: 'invalid_attribute',
        pointer: `/properties/${issue.path.join('/')}`,
        message: { id: `${path}: ${issue.message}`, en: `${path}: ${issue.message}` },
      });
    }
  }
  if (parsed.success && parsed.data.status === 'ditolak' && !parsed.data.status_reason) {
    problems.push({
      reason: 'rejection_reason_missing',
      pointer: '/properties/status_reason',
      message: {
        id: 'Status "ditolak" memerlukan alasan (status_reason).',
        en: 'Status "ditolak" (rejected) needs a reason (status_reason).',
      },
    });
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, attributes: parsed.data };
}
