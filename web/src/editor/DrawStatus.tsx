import { formatAreaM2, formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { VerdictBadge } from '../parcel/Badges.tsx';
import type { DrawingMode } from './drawing.ts';
import { problemText } from './problemText.ts';
import type { AssessmentView } from './useParcelEditor.ts';

/**
 * What drawing needs in sight at the top of the map: how to use the tool, and the live measurement
 * (ellipsoidal area, whether the building fits, the verdict), so the planner never looks away.
 */
export function DrawStatus({
  mode,
  view,
  ringCount = 1,
}: {
  mode: DrawingMode;
  view: AssessmentView;
  /** Outlines of the edited parcel (parts and holes); with more than one, the planner picks which to edit. */
  ringCount?: number;
}) {
  const { t, locale } = useI18n();
  if (mode === 'idle') return null;
  const assessment = view.assessment;
  const invalid = view.problems.length > 0;
  return (
    <div className="draw-status" data-testid="draw-status">
      <p className="draw-hint">{t.draw.hint[mode]}</p>
      {mode === 'edit' && ringCount > 1 && (
        <p className="draw-hint" data-testid="edit-parts-hint">
          {t.editParts.hint(formatInteger(ringCount))}
        </p>
      )}
      <div className="map-card measure" aria-live="polite" data-testid="live-measure">
        <span className="measure-area" data-testid="live-area">
          <span className="measure-label">{t.draw.measuring}</span>
          <strong className="mono">{view.area_m2 ? formatAreaM2(view.area_m2) : '–'}</strong>
        </span>
        {invalid && (
          <span className="measure-problem" role="alert" data-testid="live-problem">
            {view.problems[0] && problemText(t, locale, view.problems[0])}
          </span>
        )}
        {!invalid && assessment && (
          <>
            <span className={assessment.fits_prototype ? 'measure-fit fits' : 'measure-fit'}>
              {t.parcel.footprint}: {assessment.fits_prototype ? t.parcel.footprintFitsExact : t.parcel.footprintMisses}
            </span>
            <VerdictBadge verdict={assessment.verdict} />
          </>
        )}
        {!invalid && !assessment && view.source === 'sketch' && (
          <span className="measure-muted">{t.draw.tooFewPoints}</span>
        )}
      </div>
    </div>
  );
}
