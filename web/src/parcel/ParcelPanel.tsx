import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { ParcelFeature, StatusHistory } from '../api/types.ts';
import { AttachmentsSection } from '../attachments/AttachmentsSection.tsx';
import type { FormErrors } from '../domain/parcelForm.ts';
import { icons } from '../editor/icons.tsx';
import { problemText } from '../editor/problemText.ts';
import type { ParcelEditor } from '../editor/useParcelEditor.ts';
import { ParcelAudit } from '../history/ParcelAudit.tsx';
import { formatAreaM2, formatDateTime, formatInteger, formatMeters, formatPercent } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { StatusBadge, VerdictBadge } from './Badges.tsx';
import { Checklist } from './Checklist.tsx';
import { ConflictDialog } from './ConflictDialog.tsx';
import { ParcelFields } from './ParcelFields.tsx';

type Props = {
  editor: ParcelEditor;
  /** Where "back" leads: the kelurahan's name, or null for the list. */
  backLabel: string | null;
  onBack: () => void;
  onZoom: () => void;
  onCoordinates: () => void;
  onDelete: () => void;
  onSaved: (parcel: ParcelFeature) => void;
  /**
   * Why this user may not change this parcel (core access rule for its kelurahan, UI language): the form is
   * read only and the refusal is the tooltip of the disabled actions. Null when allowed.
   */
  writeRefusal?: string | null;
};

function HistoryList({ parcel }: { parcel: ParcelFeature }) {
  const { t } = useI18n();
  const [history, setHistory] = useState<StatusHistory | null>(null);
  const { id, version } = { id: parcel.id, version: parcel.properties.version };
  useEffect(() => {
    void version;
    const abort = new AbortController();
    setHistory(null);
    api
      .parcelHistory(id, abort.signal)
      .then(setHistory)
      .catch(() => setHistory([]));
    return () => abort.abort();
  }, [id, version]);
  if (history === null) return <p className="muted">{t.parcel.historyLoading}</p>;
  if (history.length === 0) return <p className="muted">{t.parcel.historyEmpty}</p>;
  return (
    <ol className="timeline" data-testid="status-history">
      {[...history].reverse().map((entry) => (
        <li key={`${entry.changed_at}-${entry.to_status}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <span className="timeline-body">
            <StatusBadge status={entry.to_status as ParcelFeature['properties']['status']} />
            {entry.from_status === null && <span className="muted"> · {t.parcel.historyCreated}</span>}
            <span className="timeline-date">{formatDateTime(entry.changed_at)}</span>
            {entry.reason && <span className="timeline-reason">{entry.reason}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The selected or new parcel: geometry facts, every check, the whole form and the pipeline controls. */
export function ParcelPanel({
  editor,
  backLabel,
  onBack,
  onZoom,
  onCoordinates,
  onDelete,
  onSaved,
  writeRefusal = null,
}: Props) {
  const { t, locale } = useI18n();
  const [tab, setTab] = useState<'data' | 'history'>('data');
  const [errors, setErrors] = useState<FormErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const session = editor.session;
  const parcelId = session?.parcel?.id ?? null;

  // A different parcel starts with a clean slate.
  useEffect(() => {
    void parcelId;
    setErrors({});
    setSaveError(null);
    setConflict(false);
    setTab('data');
  }, [parcelId]);

  if (!session) return null;
  const { form } = session;
  const view = editor.view;
  const assessment = view.assessment;
  const isNew = session.kind === 'new';
  const editingGeometry = editor.mode === 'edit';
  const geometryDirty = editor.geometryDirty;

  const save = async (overwrite?: { etag: string; server: ParcelFeature }) => {
    setSaveError(null);
    const outcome = await editor.save(overwrite);
    if (outcome.ok) {
      setErrors({});
      setConflict(false);
      onSaved(outcome.parcel);
      return;
    }
    if (outcome.kind === 'form') {
      setErrors(outcome.errors);
      if (Object.keys(outcome.errors).length > 0) setSaveError(t.parcel.formInvalid);
      return;
    }
    if (outcome.kind === 'conflict') {
      setConflict(true);
      return;
    }
    const problem = outcome.error.problem;
    setSaveError(
      problem ? ((locale === 'en' ? problem.detail_en : problem.detail) ?? problem.title) : t.errors.network,
    );
  };

  const title = form.name.trim() || (isNew ? t.parcel.newTitle : (session.parcel?.properties.name ?? ''));
  const kelurahan = assessment?.kelurahan ?? null;
  const estimated = view.source === 'live' || view.source === 'sketch';
  const invalid = view.problems.length > 0;
  const serverDetail = view.serverProblem
    ? ((locale === 'en' ? view.serverProblem.detail_en : view.serverProblem.detail) ?? view.serverProblem.title)
    : null;
  const canSave =
    editor.dirty && !editor.saving && !invalid && session.history.present !== null && !serverDetail && !writeRefusal;
  const readOnly = writeRefusal !== null;

  return (
    <section className="parcel-panel" aria-labelledby="parcel-title" data-testid="parcel-panel">
      <div className="parcel-nav">
        <button type="button" className="button-back" onClick={onBack} data-testid="parcel-back">
          {icons.back}
          <span>{backLabel ? t.parcel.back(backLabel) : t.parcel.backToList}</span>
        </button>
      </div>

      <div className="parcel-scroll">
        <header className="parcel-header">
          <p className="detail-kind">
            {isNew ? t.parcel.newTitle : t.parcel.kind}
            {session.parcel && ` · ${session.parcel.properties.kecamatan_nama}`}
          </p>
          <h2 id="parcel-title" className="detail-title" data-testid="parcel-title">
            {title}
          </h2>
          <div className="parcel-badges">
            {assessment && <VerdictBadge verdict={assessment.verdict} large />}
            {!isNew && <StatusBadge status={form.status} />}
            {form.is_primary && (
              <span className="pill pill-primary">
                {icons.star}
                {t.parcel.primaryBadge}
              </span>
            )}
            {!isNew && session.parcel?.properties.rank != null && (
              <span className="pill" data-testid="parcel-rank">
                {t.parcel.rankBadge(formatInteger(session.parcel.properties.rank))}
              </span>
            )}
            {form.shortlisted && (
              <span className="pill">
                {form.shortlist_rank ? t.parcel.shortlistBadge(form.shortlist_rank) : t.parcel.shortlistBadgeNoRank}
              </span>
            )}
          </div>
        </header>

        {readOnly && (
          <p className="callout callout-info" data-testid="parcel-readonly">
            {writeRefusal}
          </p>
        )}

        {session.parcel && (
          <div className="panel-tabs parcel-tabs" role="tablist" aria-label={t.history.tabsLabel}>
            {(['data', 'history'] as const).map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={tab === id}
                className="panel-tab"
                onClick={() => setTab(id)}
                data-testid={`parcel-tab-${id}`}
              >
                {t.history.tabs[id]}
              </button>
            ))}
          </div>
        )}

        {tab === 'history' && session.parcel ? (
          <ParcelAudit parcelId={session.parcel.id} version={session.parcel.properties.version} />
        ) : (
          <>
            {session.history.present === null && view.source !== 'sketch' && (
              <p className="parcel-empty">{t.parcel.noGeometry}</p>
            )}

            {(view.area_m2 !== null || assessment) && (
              <dl className="facts parcel-facts" data-testid="parcel-facts">
                <div className="fact-wide">
                  <dt>{t.parcel.area}</dt>
                  <dd className="fact-big" data-testid="parcel-area">
                    {view.area_m2 !== null ? formatAreaM2(view.area_m2) : '–'}
                  </dd>
                </div>
                <div>
                  <dt>{t.parcel.footprint}</dt>
                  <dd className={assessment?.fits_prototype ? 'text-pass' : assessment ? 'text-fail' : undefined}>
                    {!assessment
                      ? t.parcel.footprintNone
                      : assessment.fits_prototype
                        ? assessment.footprint_slack_m !== null
                          ? t.parcel.footprintFits(formatMeters(assessment.footprint_slack_m))
                          : t.parcel.footprintFitsExact
                        : t.parcel.footprintMisses}
                  </dd>
                </div>
                <div>
                  <dt>{t.parcel.minWidth}</dt>
                  <dd>{assessment?.min_width_m != null ? formatMeters(assessment.min_width_m, 1) : '–'}</dd>
                </div>
                <div className="fact-wide">
                  <dt>
                    {t.parcel.kelurahan}
                    {estimated && kelurahan && <span className="fact-note"> · {t.parcel.kelurahanLive}</span>}
                  </dt>
                  <dd data-testid="parcel-kelurahan">
                    {kelurahan ? kelurahan.nama : assessment ? t.parcel.kelurahanUnknown : '–'}
                    {assessment?.crosses_border && assessment.kelurahan_outside_ratio !== null && (
                      <span className="text-warn">
                        {' '}
                        · {t.parcel.crossesBorder(formatPercent(assessment.kelurahan_outside_ratio))}
                      </span>
                    )}
                  </dd>
                </div>
              </dl>
            )}

            {invalid && (
              <div className="callout callout-error" role="alert" data-testid="geometry-problem">
                <strong>{t.parcel.invalidGeometry}</strong>
                <ul>
                  {[...new Map(view.problems.map((p) => [p.reason, p])).values()].slice(0, 3).map((problem) => (
                    <li key={problem.reason}>{problemText(t, locale, problem)}</li>
                  ))}
                </ul>
              </div>
            )}
            {serverDetail && (
              <div className="callout callout-error" role="alert">
                {serverDetail}
              </div>
            )}

            {session.history.present !== null && (
              <div className="geometry-actions">
                {!editingGeometry && editor.editable && !readOnly && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => void editor.editGeometry()}
                    data-testid="edit-geometry"
                  >
                    {icons.edit}
                    {t.parcel.editGeometry}
                  </button>
                )}
                {editingGeometry && !isNew && !geometryDirty && (
                  <button type="button" className="button" onClick={editor.stopEditing}>
                    {t.parcel.doneEditing}
                  </button>
                )}
                <button type="button" className="button" onClick={onZoom}>
                  {icons.zoom}
                  {t.parcel.zoomTo}
                </button>
                {!readOnly && (
                  <button type="button" className="button" onClick={onCoordinates}>
                    {icons.coordinates}
                    {t.draw.coordinates}
                  </button>
                )}
                {editingGeometry && <p className="field-hint geometry-hint">{t.parcel.editGeometryHint}</p>}
                {!editor.editable && <p className="field-hint geometry-hint">{t.parcel.cannotEditMulti}</p>}
              </div>
            )}

            {assessment && (
              <section className="parcel-section">
                <h3 className="parcel-section-title">
                  {t.checks.title}
                  <span className="source-tag" data-source={view.source}>
                    {view.source === 'server' ? t.checks.server : view.source === 'saved' ? t.checks.saved : null}
                  </span>
                </h3>
                {estimated && <p className="field-hint">{t.checks.live}</p>}
                <Checklist checks={assessment.checks} score={assessment.score} />
              </section>
            )}

            <fieldset className="parcel-fieldset" disabled={readOnly}>
              <section className="parcel-section">
                <h3 className="parcel-section-title">{t.parcel.sections.land}</h3>
                <ParcelFields form={form} errors={errors} update={editor.setForm} section="land" />
              </section>

              <details className="parcel-section" open={form.source === 'bmd' || form.owner_class === 'pemkot_bmd'}>
                <summary className="parcel-section-title">{t.parcel.sections.kibA}</summary>
                <ParcelFields form={form} errors={errors} update={editor.setForm} section="kibA" />
              </details>

              <details
                className="parcel-section"
                open={form.source === 'fasos_fasum' || form.owner_class === 'fasos_fasum'}
              >
                <summary className="parcel-section-title">{t.parcel.sections.fasosFasum}</summary>
                <ParcelFields form={form} errors={errors} update={editor.setForm} section="fasosFasum" />
              </details>

              <section className="parcel-section">
                <h3 className="parcel-section-title">{t.parcel.sections.pipeline}</h3>
                <ParcelFields form={form} errors={errors} update={editor.setForm} section="pipeline" />
                {session.parcel && (
                  <>
                    <h4 className="parcel-subtitle">{t.parcel.sections.history}</h4>
                    <HistoryList parcel={session.parcel} />
                  </>
                )}
              </section>

              <section className="parcel-section">
                <h3 className="parcel-section-title">{t.parcel.sections.notes}</h3>
                <ParcelFields form={form} errors={errors} update={editor.setForm} section="notes" />
              </section>
            </fieldset>
            {session.parcel && <AttachmentsSection parcelId={session.parcel.id} writeRefusal={writeRefusal} />}
          </>
        )}

        {session.parcel && (
          <p className="parcel-version">
            {t.parcel.version(
              formatInteger(session.parcel.properties.version),
              formatDateTime(session.parcel.properties.updated_at),
            )}
            <br />
            <span className="mono">{session.parcel.id}</span>
          </p>
        )}
      </div>

      <footer className="parcel-actions">
        <div className="parcel-actions-status" aria-live="polite">
          {saveError ? (
            <span className="form-error" data-testid="save-error">
              {saveError}
            </span>
          ) : editor.dirty ? (
            <span className="unsaved" data-testid="unsaved">
              {t.parcel.unsaved}
            </span>
          ) : session.parcel ? (
            <span className="saved-mark">{t.parcel.saved}</span>
          ) : null}
        </div>
        <div className="parcel-actions-buttons">
          {!isNew && (
            <button
              type="button"
              className="button button-quiet-danger"
              title={writeRefusal ?? t.parcel.deleteHint}
              disabled={readOnly}
              onClick={onDelete}
              data-testid="parcel-delete"
            >
              {t.parcel.delete}
            </button>
          )}
          {editor.dirty && (
            <button
              type="button"
              className="button"
              title={t.parcel.discardHint}
              onClick={editor.discard}
              data-testid="parcel-discard"
            >
              {t.parcel.discard}
            </button>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={!canSave}
            title={writeRefusal ?? undefined}
            onClick={() => void save()}
            data-testid="parcel-save"
          >
            {editor.saving ? t.parcel.saving : isNew ? t.parcel.saveNew : t.parcel.save}
          </button>
        </div>
      </footer>

      {conflict && session.parcel && (
        <ConflictDialog
          form={form}
          geometry={session.history.present}
          myArea={view.area_m2}
          parcelId={session.parcel.id}
          onClose={() => setConflict(false)}
          onReload={(server, etag) => {
            setConflict(false);
            editor.adopt({ data: server, etag });
          }}
          onOverwrite={(server, etag) => void save({ server, etag })}
        />
      )}
    </section>
  );
}
