import type { ParcelStatus, Verdict } from '../api/types.ts';
import { STATUS_STYLES, VERDICT_COLORS } from '../domain/verdict.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function VerdictBadge({ verdict, large = false }: { verdict: Verdict; large?: boolean }) {
  const { t } = useI18n();
  const colors = VERDICT_COLORS[verdict];
  return (
    <span
      className={large ? 'badge badge-large' : 'badge'}
      style={{ background: colors.tint, color: colors.ink }}
      data-verdict={verdict}
      title={t.verdictLong[verdict]}
    >
      <span className="badge-dot" style={{ background: colors.fill }} aria-hidden="true" />
      {t.verdict[verdict]}
    </span>
  );
}

export function StatusBadge({ status }: { status: ParcelStatus }) {
  const { t } = useI18n();
  const style = STATUS_STYLES[status];
  return (
    <span className="status-badge" data-status={status}>
      <span
        className="status-line"
        aria-hidden="true"
        style={{ borderTop: `${Math.min(style.width, 3)}px ${style.dashed ? 'dashed' : 'solid'} ${style.color}` }}
      />
      {t.status[status]}
    </span>
  );
}
