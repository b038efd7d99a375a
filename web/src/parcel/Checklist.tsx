import type { CheckResult } from '../api/types.ts';
import { icons } from '../editor/icons.tsx';
import { formatAreaM2, formatDecimal, formatMeters, formatPercent } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.id.ts';

type Value = CheckResult['value'] | CheckResult['threshold'];

/** Measured values in the planner's units, id-ID numbers whatever the language. */
function formatValue(t: Messages, id: string, value: Value, which: 'value' | 'threshold'): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return null;
  if (typeof value === 'boolean') return value ? t.parcel.fields.vacantYes : t.parcel.fields.vacantNo;
  if (typeof value === 'string') {
    if (id === 'owner_eligible') return t.ownerClass[value as keyof Messages['ownerClass']] ?? value;
    if (id === 'legal_not_disputed' || id === 'legal_clear') {
      return t.legalStatus[value as keyof Messages['legalStatus']] ?? value;
    }
    return value;
  }
  switch (id) {
    case 'area_min':
    case 'area_ideal':
      return formatAreaM2(value);
    case 'footprint_fit':
      return which === 'value' ? formatMeters(value) : null;
    case 'min_width':
      return formatMeters(value, 1);
    case 'within_kelurahan':
      return formatPercent(value);
    // Distances to the nearest road and facility, in metres (the road check measures to 0,01 m).
    case 'road_access':
      return formatMeters(value);
    case 'facility_nearby':
      return formatMeters(value, 0);
    default:
      // Overlap with an exclusion layer against the sliver tolerance, both in m².
      if (id.startsWith('outside_')) return formatAreaM2(value);
      return formatDecimal(value, 2);
  }
}

function CheckRow({ check }: { check: CheckResult }) {
  const { t, locale } = useI18n();
  const label = t.checks.labels[check.id] ?? check.message[locale];
  // Text values (an owner class, a legal status) are already in the message; numbers are shown apart.
  const value = typeof check.value === 'number' ? formatValue(t, check.id, check.value, 'value') : null;
  const threshold = formatValue(t, check.id, check.threshold, 'threshold');
  return (
    <li className="check" data-status={check.status} data-check={check.id}>
      <span className="check-icon" role="img" aria-label={t.checks[check.status]}>
        {check.status === 'pass' ? icons.check : check.status === 'fail' ? icons.cross : icons.question}
      </span>
      <span className="check-body">
        <span className="check-label">{label}</span>
        <span className="check-message">{check.message[locale]}</span>
      </span>
      {(value || threshold) && (
        <span className="check-values">
          {value && (
            <span className="check-value mono" title={t.checks.measured}>
              {value}
            </span>
          )}
          {threshold && (
            <span className="check-threshold" title={t.checks.threshold}>
              {t.checks.threshold}: {threshold}
            </span>
          )}
        </span>
      )}
    </li>
  );
}

/** Every check, mandatory first, with its reason and what was measured against what is required. */
export function Checklist({ checks, score }: { checks: readonly CheckResult[]; score: number | null }) {
  const { t } = useI18n();
  const hard = checks.filter((c) => c.severity === 'hard');
  const soft = checks.filter((c) => c.severity === 'soft');
  return (
    <div className="checklist" data-testid="checklist">
      <h3 className="section-title">
        {t.checks.hard}
        <span className="section-meta">
          {hard.filter((c) => c.status === 'pass').length}/{hard.length}
        </span>
      </h3>
      <ul>
        {hard.map((check) => (
          <CheckRow key={check.id} check={check} />
        ))}
      </ul>
      {soft.length > 0 && (
        <>
          <h3 className="section-title">
            {t.checks.soft}
            {score !== null && (
              <span className="section-meta" title={t.checks.scoreHint}>
                {t.checks.score} {formatDecimal(score, 0)}/100
              </span>
            )}
          </h3>
          <ul>
            {soft.map((check) => (
              <CheckRow key={check.id} check={check} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
