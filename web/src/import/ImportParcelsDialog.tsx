import { legalStatuses, ownerClasses, parcelSources, parcelStatuses } from '@tapak/core/contracts/codeLists';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { ProgressEntry } from '../api/types.ts';
import { progressShare } from '../domain/layers.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { commitParcelImport, previewParcelImport } from './importApi.ts';
import type { ImportCommitResult, ImportPreview } from './importTypes.ts';
import {
  ACCEPTED_FILES,
  assignTarget,
  commitErrorRows,
  type DefaultsForm,
  defaultsBody,
  EMPTY_DEFAULTS,
  type ErrorRow,
  initialMapping,
  type Mapping,
  mappedCount,
  targetOptions,
  uploadPercent,
} from './mappingState.ts';
import './importParcels.css';

type Props = {
  onClose: () => void;
  /** Parcels were created: the map and lists must be read again. */
  onDone: (result: ImportCommitResult) => void;
};

/** Where the import stands; each step keeps what the next one needs. */
type Step =
  | { kind: 'choose' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'reading' }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'committing'; preview: ImportPreview }
  | { kind: 'done'; preview: ImportPreview; result: ImportCommitResult };

type Failure = { text: string; rows: ErrorRow[]; total: number | null; refused: boolean };

const MAX_ROWS_SHOWN = 200;
const PROGRESS_POLL_MS = 500;

/** "Impor bidang": file → upload with progress → preview and mapping → commit (all or nothing) → result. */
export default function ImportParcelsDialog({ onClose, onDone }: Props) {
  const { t, locale } = useI18n();
  const m = t.importParcels;
  const ids = { file: useId(), crs: useId(), status: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [crs, setCrs] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [mapping, setMapping] = useState<Mapping>({});
  const [defaults, setDefaults] = useState<DefaultsForm>(EMPTY_DEFAULTS);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [progress, setProgress] = useState<ProgressEntry[]>([]);
  const abortRef = useRef<AbortController | null>(null);

  const busy = step.kind === 'uploading' || step.kind === 'reading' || step.kind === 'committing';

  // Long server work (reading a large file, judging every imported parcel) may report itself: poll while busy.
  useEffect(() => {
    if (!busy) {
      setProgress([]);
      return;
    }
    let stopped = false;
    const timer = window.setInterval(() => {
      api
        .progress()
        .then((entries) => {
          if (!stopped) setProgress(entries);
        })
        .catch(() => {});
    }, PROGRESS_POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [busy]);

  // Closing the dialog mid-upload stops the upload.
  useEffect(() => () => abortRef.current?.abort(), []);

  const problemFailure = (error: unknown): Failure => {
    if (error instanceof ApiError && error.problem) {
      const problem = error.problem;
      const text = (locale === 'en' ? problem.detail_en : problem.detail) ?? problem.title;
      const total = (problem as { errors_total?: unknown }).errors_total;
      return {
        text,
        rows: commitErrorRows(problem.errors ?? [], locale),
        total: typeof total === 'number' ? total : null,
        refused: error.status === 403,
      };
    }
    return { text: t.errors.network, rows: [], total: null, refused: false };
  };

  const upload = async () => {
    if (!file) {
      setFailure({ text: m.noFile, rows: [], total: null, refused: false });
      return;
    }
    const abort = new AbortController();
    abortRef.current = abort;
    setFailure(null);
    setStep({ kind: 'uploading', percent: 0 });
    try {
      const preview = await previewParcelImport(file, {
        crs: crs.trim() || undefined,
        signal: abort.signal,
        onProgress: (fraction) =>
          // Once the last byte left, the server is reading the file: say so instead of a full bar.
          setStep(fraction >= 1 ? { kind: 'reading' } : { kind: 'uploading', percent: uploadPercent(fraction) }),
      });
      setMapping(initialMapping(preview));
      setDefaults(EMPTY_DEFAULTS);
      setStep({ kind: 'preview', preview });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setFailure(problemFailure(error));
      setStep({ kind: 'choose' });
    } finally {
      abortRef.current = null;
    }
  };

  const commit = async (preview: ImportPreview) => {
    setFailure(null);
    setStep({ kind: 'committing', preview });
    try {
      const body = defaultsBody(defaults);
      const result = await commitParcelImport(preview.import_id, { mapping, ...(body ? { defaults: body } : {}) });
      setStep({ kind: 'done', preview, result });
      onDone(result);
    } catch (error) {
      // Nothing was saved; the server keeps the upload, so the planner can change the mapping and try again.
      setFailure(problemFailure(error));
      setStep({ kind: 'preview', preview });
    }
  };

  const restart = () => {
    setFailure(null);
    setStep({ kind: 'choose' });
  };

  const preview = step.kind === 'preview' || step.kind === 'committing' || step.kind === 'done' ? step.preview : null;

  const actions = (() => {
    if (step.kind === 'done') {
      return (
        <button type="button" className="button button-primary" onClick={onClose} data-testid="import-parcels-close">
          {m.close}
        </button>
      );
    }
    if (preview) {
      const blocked = preview.blocking_count > 0 || preview.importable_count === 0;
      return (
        <>
          <button type="button" className="button" onClick={restart} disabled={busy}>
            {m.otherFile}
          </button>
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {m.cancel}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void commit(preview)}
            disabled={busy || blocked}
            title={blocked ? m.blockedHint : undefined}
            aria-describedby={ids.status}
            data-testid="import-parcels-commit"
          >
            {m.commit(formatInteger(preview.importable_count))}
          </button>
        </>
      );
    }
    return (
      <>
        <button type="button" className="button" onClick={onClose}>
          {m.cancel}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => void upload()}
          disabled={busy}
          aria-describedby={ids.status}
          data-testid="import-parcels-upload"
        >
          {m.upload}
        </button>
      </>
    );
  })();

  return (
    <Dialog
      title={m.title}
      onClose={busy ? () => abortRef.current?.abort() : onClose}
      wide
      testId="import-parcels-dialog"
      actions={actions}
    >
      <ol className="import-steps" aria-label={m.stepsLabel}>
        {(['choose', 'preview', 'done'] as const).map((name, index) => {
          const current = step.kind === 'done' ? 2 : preview ? 1 : 0;
          return (
            <li key={name} aria-current={index === current ? 'step' : undefined} data-done={index < current}>
              {m.steps[name]}
            </li>
          );
        })}
      </ol>

      {!preview && (
        <div className="form-grid">
          <div className="field field-wide">
            <label className="field-label" htmlFor={ids.file}>
              {m.file}
            </label>
            <input
              id={ids.file}
              type="file"
              accept={ACCEPTED_FILES}
              disabled={busy}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setFailure(null);
              }}
              data-testid="import-parcels-file"
            />
            <span className="field-hint">
              {file ? m.fileChosen(file.name, formatMegabytes(file.size)) : m.fileHint}
            </span>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.crs}>
              {m.crsOverride}
            </label>
            <input
              id={ids.crs}
              value={crs}
              placeholder="EPSG:32748"
              disabled={busy}
              onChange={(event) => setCrs(event.target.value)}
              data-testid="import-parcels-crs"
            />
            <span className="field-hint">{m.crsOverrideHint}</span>
          </div>
        </div>
      )}

      {preview && <PreviewSummary preview={preview} />}

      {preview && step.kind !== 'done' && (
        <MappingEditor
          preview={preview}
          mapping={mapping}
          defaults={defaults}
          disabled={busy}
          onMapping={setMapping}
          onDefaults={setDefaults}
        />
      )}

      <div id={ids.status} className="import-status" aria-live="polite" data-testid="import-parcels-status">
        {step.kind === 'uploading' && (
          <div className="import-progress" data-testid="import-parcels-upload-progress">
            <span>{m.uploading}</span>
            <progress max={100} value={step.percent} aria-label={m.uploading} />
            <span className="mono">{`${formatInteger(step.percent)} %`}</span>
          </div>
        )}
        {step.kind === 'reading' && (
          <p className="import-busy" data-testid="import-parcels-reading">
            <span className="spinner" aria-hidden="true" />
            {m.reading}
          </p>
        )}
        {step.kind === 'committing' && (
          <p className="import-busy" data-testid="import-parcels-committing">
            <span className="spinner" aria-hidden="true" />
            {m.committing(formatInteger(preview?.importable_count ?? 0))}
          </p>
        )}
        {busy &&
          progress.map((entry) => {
            const share = progressShare(entry.done, entry.total);
            return (
              <div key={entry.id} className="import-progress">
                <span>{entry.label[locale]}</span>
                <progress max={1} value={share ?? undefined} aria-label={entry.label[locale]} />
                <span className="mono">
                  {entry.total === null
                    ? formatInteger(entry.done)
                    : m.progress(formatInteger(entry.done), formatInteger(entry.total))}
                </span>
              </div>
            );
          })}
        {step.kind === 'done' && <ResultView result={step.result} />}
        {failure && (
          <div className="import-failure" role="alert" data-testid="import-parcels-errors">
            <p className="field-error">{failure.text}</p>
            {failure.rows.length > 0 && (
              <>
                <p>
                  {failure.refused ? m.refusedTitle : m.failedTitle}{' '}
                  {m.errorCount(formatInteger(failure.total ?? failure.rows.length))}
                </p>
                <IssueTable
                  rows={failure.rows.slice(0, MAX_ROWS_SHOWN).map((row) => ({ ...row, effect: null }))}
                  testId="import-parcels-error-table"
                />
              </>
            )}
            {preview && <p className="field-hint">{m.nothingSaved}</p>}
          </div>
        )}
      </div>
    </Dialog>
  );
}

function formatMegabytes(bytes: number): string {
  return (bytes / 1_048_576).toLocaleString('id-ID', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

function PreviewSummary({ preview }: { preview: ImportPreview }) {
  const { t, locale } = useI18n();
  const m = t.importParcels;
  const crs = preview.crs_detected;
  const crsText = `${crs.name}${crs.code ? ` (${crs.code})` : ''}`;
  return (
    <section className="import-preview" data-testid="import-parcels-preview">
      <dl className="import-facts">
        <div>
          <dt>{m.format}</dt>
          <dd data-testid="import-parcels-format">{m.formats[preview.format]}</dd>
        </div>
        <div>
          <dt>{m.crs}</dt>
          <dd data-testid="import-parcels-crs-detected">
            {crsText}
            <span className="field-hint">
              {m.crsSource[crs.source]} · {crs.reprojected ? m.reprojected : m.notReprojected}
            </span>
          </dd>
        </div>
        <div>
          <dt>{m.features}</dt>
          <dd data-testid="import-parcels-count">{formatInteger(preview.feature_count)}</dd>
        </div>
        <div>
          <dt>{m.importable}</dt>
          <dd data-testid="import-parcels-importable">{formatInteger(preview.importable_count)}</dd>
        </div>
        <div>
          <dt>{m.skipped}</dt>
          <dd>{formatInteger(preview.skipped_count)}</dd>
        </div>
        <div>
          <dt>{m.blocking}</dt>
          <dd data-invalid={preview.blocking_count > 0 ? 'true' : undefined}>
            {formatInteger(preview.blocking_count)}
          </dd>
        </div>
      </dl>
      {preview.notes.map((note) => (
        <p key={note.reason} className="field-hint">
          {note.message[locale]}
        </p>
      ))}
      {preview.errors.length > 0 && (
        <div className="import-issues" data-testid="import-parcels-issues">
          <p>
            {preview.blocking_count > 0 ? m.blockedHint : m.skippedHint}{' '}
            {m.errorCount(formatInteger(preview.errors_total))}
          </p>
          <IssueTable
            rows={preview.errors.slice(0, MAX_ROWS_SHOWN).map((issue) => ({
              feature: issue.feature,
              row: issue.row,
              message: issue.message[locale],
              effect: issue.effect,
            }))}
            testId="import-parcels-issue-table"
          />
        </div>
      )}
    </section>
  );
}

function IssueTable({
  rows,
  testId,
}: {
  rows: (ErrorRow & { effect: 'skipped' | 'blocks_commit' | null })[];
  testId: string;
}) {
  const { t } = useI18n();
  const m = t.importParcels;
  const withEffect = rows.some((row) => row.effect !== null);
  const withRow = rows.some((row) => row.row !== null);
  return (
    <div className="import-table-wrap">
      <table className="import-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{m.featureColumn}</th>
            {withRow && <th scope="col">{m.rowColumn}</th>}
            <th scope="col">{m.reasonColumn}</th>
            {withEffect && <th scope="col">{m.effectColumn}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // Several problems of one feature share its number: the position keeps them apart.
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are never reordered
            <tr key={index} data-feature={row.feature ?? undefined}>
              <td className="mono">{row.feature === null ? '–' : formatInteger(row.feature)}</td>
              {withRow && <td className="mono">{row.row === null ? '–' : formatInteger(row.row)}</td>}
              <td>{row.message}</td>
              {withEffect && <td>{row.effect ? m.effects[row.effect] : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function targetLabel(target: string, t: ReturnType<typeof useI18n>['t']): string {
  const fields = t.parcel.fields;
  const [group, key] = target.split('.') as [string, string | undefined];
  if (key && group === 'kib_a') return `KIB A · ${fields.kib_a[key as keyof typeof fields.kib_a] ?? key}`;
  if (key && group === 'fasos_fasum') {
    return `${t.importParcels.fasosFasum} · ${fields.fasos_fasum[key as keyof typeof fields.fasos_fasum] ?? key}`;
  }
  const label = (fields as Record<string, unknown>)[group];
  return typeof label === 'string' ? label : target;
}

function sampleValue(preview: ImportPreview, field: string): string {
  for (const feature of preview.sample) {
    const value = feature.properties[field];
    if (value !== null && value !== undefined && value !== '') {
      const text = Array.isArray(value) ? value.join('; ') : String(value);
      return text.length > 40 ? `${text.slice(0, 39)}…` : text;
    }
  }
  return '';
}

function MappingEditor(props: {
  preview: ImportPreview;
  mapping: Mapping;
  defaults: DefaultsForm;
  disabled: boolean;
  onMapping: (mapping: Mapping) => void;
  onDefaults: (defaults: DefaultsForm) => void;
}) {
  const { t } = useI18n();
  const m = t.importParcels;
  const { preview, mapping, defaults, disabled } = props;
  const options = useMemo(() => targetOptions(preview.targets), [preview.targets]);
  const idBase = useId();
  const setDefault = (key: keyof DefaultsForm, value: string) => props.onDefaults({ ...defaults, [key]: value });

  return (
    <>
      <section className="import-mapping">
        <h3>{m.mappingTitle}</h3>
        {preview.fields.length === 0 ? (
          <p className="field-hint">{m.noFields}</p>
        ) : (
          <>
            <p className="field-hint">{m.mappingHint(formatInteger(mappedCount(mapping)))}</p>
            <div className="import-table-wrap">
              <table className="import-table" data-testid="import-parcels-mapping">
                <thead>
                  <tr>
                    <th scope="col">{m.fieldColumn}</th>
                    <th scope="col">{m.sampleColumn}</th>
                    <th scope="col">{m.targetColumn}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.fields.map((field, index) => {
                    const id = `${idBase}-${index}`;
                    return (
                      <tr key={field.name}>
                        <th scope="row">
                          <label htmlFor={id}>{field.name}</label>
                          <span className="field-hint"> {m.fieldTypes[field.type]}</span>
                        </th>
                        <td className="import-sample">{sampleValue(preview, field.name)}</td>
                        <td>
                          <select
                            id={id}
                            value={mapping[field.name] ?? ''}
                            disabled={disabled}
                            onChange={(event) =>
                              props.onMapping(assignTarget(mapping, field.name, event.target.value || null))
                            }
                            data-testid={`import-map-${field.name}`}
                          >
                            <option value="">{m.ignore}</option>
                            {options.map((target) => (
                              <option key={target} value={target}>
                                {targetLabel(target, t)}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section className="import-defaults">
        <h3>{m.defaultsTitle}</h3>
        <p className="field-hint">{m.defaultsHint}</p>
        <div className="form-grid">
          <DefaultSelect
            label={t.parcel.fields.source}
            value={defaults.source}
            codes={parcelSources}
            labels={t.source}
            disabled={disabled}
            onChange={(value) => setDefault('source', value)}
            testId="import-default-source"
          />
          <DefaultSelect
            label={t.parcel.fields.owner_class}
            value={defaults.owner_class}
            codes={ownerClasses}
            labels={t.ownerClass}
            disabled={disabled}
            onChange={(value) => setDefault('owner_class', value)}
            testId="import-default-owner-class"
          />
          <DefaultSelect
            label={t.parcel.fields.legal_status}
            value={defaults.legal_status}
            codes={legalStatuses}
            labels={t.legalStatus}
            disabled={disabled}
            onChange={(value) => setDefault('legal_status', value)}
            testId="import-default-legal-status"
          />
          <DefaultSelect
            label={t.parcel.fields.status}
            value={defaults.status}
            codes={parcelStatuses}
            labels={t.status}
            disabled={disabled}
            onChange={(value) => setDefault('status', value)}
            testId="import-default-status"
          />
          <div className="field">
            <label className="field-label" htmlFor={`${idBase}-tags`}>
              {t.parcel.fields.tags}
            </label>
            <input
              id={`${idBase}-tags`}
              value={defaults.tags}
              disabled={disabled}
              onChange={(event) => setDefault('tags', event.target.value)}
              data-testid="import-default-tags"
            />
            <span className="field-hint">{t.parcel.fields.tagsHint}</span>
          </div>
        </div>
      </section>
    </>
  );
}

function DefaultSelect<Code extends string>(props: {
  label: string;
  value: string;
  codes: readonly Code[];
  labels: Record<Code, string>;
  disabled: boolean;
  onChange: (value: string) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value)}
        data-testid={props.testId}
      >
        <option value="">{t.importParcels.noDefault}</option>
        {props.codes.map((code) => (
          <option key={code} value={code}>
            {props.labels[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

function ResultView({ result }: { result: ImportCommitResult }) {
  const { t, locale } = useI18n();
  const m = t.importParcels;
  return (
    <div className="import-done">
      <p className="import-result" data-testid="import-parcels-result">
        {m.created(formatInteger(result.created_count))}
      </p>
      {result.skipped.length > 0 && (
        <>
          <p>{m.skippedAfter(formatInteger(result.skipped.length))}</p>
          <IssueTable
            rows={result.skipped.slice(0, MAX_ROWS_SHOWN).map((issue) => ({
              feature: issue.feature,
              row: issue.row,
              message: issue.message[locale],
              effect: null,
            }))}
            testId="import-parcels-skipped-table"
          />
        </>
      )}
    </div>
  );
}
