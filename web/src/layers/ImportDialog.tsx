import { overlayKindLabels } from '@tapak/core/contracts/overlay';
import { useEffect, useId, useState } from 'react';
import { ApiError, api, sendForm } from '../api/client.ts';
import type {
  LayerChangeResult,
  LayerFeatureCollection,
  LayerSummary,
  OverlayKind,
  ProblemError,
  ProgressEntry,
  RoadClass,
} from '../api/types.ts';
import {
  featureNumber,
  layerParams,
  nameFromFile,
  OVERLAY_KINDS,
  parseGeoJson,
  progressShare,
  ROAD_CLASSES,
} from '../domain/layers.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from '../ui/Dialog.tsx';

type Props = {
  /** A layer whose features are replaced; none: a new layer. */
  replace: LayerSummary | null;
  onClose: () => void;
  onDone: (result: LayerChangeResult) => void;
};

type FileState =
  | { status: 'none' }
  | { status: 'converting'; name: string }
  | { status: 'read'; name: string; collection: LayerFeatureCollection; skipped: number }
  | { status: 'error'; error: 'json' | 'geojson' | 'empty' | 'readFailed' }
  | { status: 'failed'; text: string };

/** What POST /api/import/layer-features answers: the file's features in WGS 84, and those it skipped. */
type ConvertedLayer = { features: LayerFeatureCollection; skipped: unknown[] };

const isGeoJsonName = (fileName: string) => /\.(geo)?json$/i.test(fileName);

/**
 * Reads a layer file and sends it as a new layer (or a layer's new features): GeoJSON is read in the browser;
 * KML, KMZ, Shapefile ZIP, GeoPackage, CSV and XLSX are converted to WGS 84 GeoJSON by the server first.
 */
export default function ImportDialog({ replace, onClose, onDone }: Props) {
  const { t, locale } = useI18n();
  const ids = { file: useId(), name: useId(), kind: useId(), half: useId(), road: useId(), status: useId() };
  const [file, setFile] = useState<FileState>({ status: 'none' });
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OverlayKind>('flood');
  const [halfWidth, setHalfWidth] = useState('');
  const [roadClass, setRoadClass] = useState<RoadClass | ''>('');
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [progress, setProgress] = useState<ProgressEntry[]>([]);
  const [result, setResult] = useState<LayerChangeResult | null>(null);
  const [failure, setFailure] = useState<{ text: string; errors: ProblemError[] } | null>(null);

  // While the request runs, the server reports long re-judgements: poll every 500 ms.
  useEffect(() => {
    if (!sending) return;
    let stopped = false;
    const timer = window.setInterval(() => {
      api
        .progress()
        .then((entries) => {
          if (!stopped) setProgress(entries);
        })
        .catch(() => {});
    }, 500);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [sending]);

  const readFile = (chosen: File | undefined) => {
    setResult(null);
    setFailure(null);
    if (!chosen) {
      setFile({ status: 'none' });
      return;
    }
    if (!isGeoJsonName(chosen.name)) {
      setFile({ status: 'converting', name: chosen.name });
      sendForm('/api/import/layer-features', chosen)
        .then(({ data }) => {
          const converted = data as ConvertedLayer;
          setFile((current) =>
            current.status === 'converting' && current.name === chosen.name
              ? converted.features.features.length === 0
                ? { status: 'error', error: 'empty' }
                : {
                    status: 'read',
                    name: chosen.name,
                    collection: converted.features,
                    skipped: converted.skipped.length,
                  }
              : current,
          );
          if (!replace) setName((current) => current || nameFromFile(chosen.name));
        })
        .catch((error: unknown) => {
          const problem = error instanceof ApiError ? error.problem : null;
          const text = problem
            ? ((locale === 'en' ? problem.detail_en : problem.detail) ?? problem.title)
            : error instanceof ApiError && error.status === 0
              ? t.errors.network
              : t.layers.importConvertFailed;
          setFile((current) =>
            current.status === 'converting' && current.name === chosen.name ? { status: 'failed', text } : current,
          );
        });
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const parsed = parseGeoJson(String(reader.result ?? ''));
      setFile(
        parsed.ok
          ? { status: 'read', name: chosen.name, collection: parsed.collection, skipped: 0 }
          : { status: 'error', error: parsed.error },
      );
      if (parsed.ok && !replace) setName((current) => current || nameFromFile(chosen.name));
    };
    reader.onerror = () => setFile({ status: 'error', error: 'readFailed' });
    reader.readAsText(chosen);
  };

  const params = layerParams(kind, halfWidth, roadClass);
  const fileError =
    file.status === 'error'
      ? t.importLayer.errors[file.error]
      : file.status === 'failed'
        ? file.text
        : submitted && file.status === 'none'
          ? t.importLayer.errors.noFile
          : null;
  const nameError = !replace && submitted && !name.trim() ? t.importLayer.errors.noName : null;
  const halfWidthError = params === null ? t.importLayer.errors.halfWidth : null;

  const submit = async () => {
    setSubmitted(true);
    if (file.status !== 'read' || params === null || (!replace && !name.trim())) return;
    setSending(true);
    setFailure(null);
    setResult(null);
    try {
      const done = replace
        ? await api.replaceLayerFeatures(replace.id, file.collection)
        : await api.createLayer({
            name: name.trim(),
            kind,
            ...(Object.keys(params).length > 0 ? { params } : {}),
            features: file.collection,
          });
      setResult(done);
      onDone(done);
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      setFailure({
        text: problem ? ((locale === 'en' ? problem.detail_en : problem.detail) ?? problem.title) : t.errors.network,
        errors: problem?.errors ?? [],
      });
    } finally {
      setSending(false);
      setProgress([]);
    }
  };

  return (
    <Dialog
      title={replace ? t.importLayer.replaceTitle(replace.name) : t.importLayer.title}
      onClose={onClose}
      wide
      testId="import-dialog"
      actions={
        result ? (
          <button type="button" className="button button-primary" onClick={onClose} data-testid="import-close">
            {t.importLayer.close}
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose} disabled={sending}>
              {t.importLayer.cancel}
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void submit()}
              disabled={sending || file.status === 'converting'}
              aria-describedby={ids.status}
              data-testid="import-submit"
            >
              {replace ? t.importLayer.submitReplace : t.importLayer.submit}
            </button>
          </>
        )
      }
    >
      <div className="form-grid">
        <div className="field field-wide" data-invalid={fileError ? 'true' : undefined}>
          <label className="field-label" htmlFor={ids.file}>
            {t.layers.importFile}
          </label>
          <input
            id={ids.file}
            type="file"
            accept=".geojson,.json,.kml,.kmz,.zip,.gpkg,.csv,.xlsx,application/geo+json,application/json"
            onChange={(event) => readFile(event.target.files?.[0])}
            aria-invalid={fileError ? true : undefined}
            data-testid="import-file"
          />
          {fileError ? (
            <span className="field-error" role="alert">
              {fileError}
            </span>
          ) : (
            <span className="field-hint">
              {file.status === 'read'
                ? t.importLayer.fileRead(formatInteger(file.collection.features.length)) +
                  (file.skipped > 0 ? ` ${t.layers.importSkipped(formatInteger(file.skipped))}` : '')
                : file.status === 'converting'
                  ? t.layers.importConverting
                  : t.layers.importFormats}
            </span>
          )}
        </div>
        {!replace && (
          <>
            <div className="field" data-invalid={nameError ? 'true' : undefined}>
              <label className="field-label" htmlFor={ids.name}>
                {t.importLayer.name}
              </label>
              <input
                id={ids.name}
                value={name}
                maxLength={200}
                onChange={(event) => setName(event.target.value)}
                aria-invalid={nameError ? true : undefined}
                data-testid="import-name"
              />
              {nameError && <span className="field-error">{nameError}</span>}
            </div>
            <div className="field">
              <label className="field-label" htmlFor={ids.kind}>
                {t.importLayer.kind}
              </label>
              <select
                id={ids.kind}
                value={kind}
                onChange={(event) => setKind(event.target.value as OverlayKind)}
                data-testid="import-kind"
              >
                {OVERLAY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {overlayKindLabels[k][locale]}
                  </option>
                ))}
              </select>
            </div>
            {kind === 'sutet' && (
              <div className="field" data-invalid={halfWidthError ? 'true' : undefined}>
                <label className="field-label" htmlFor={ids.half}>
                  {t.importLayer.halfWidth}
                </label>
                <input
                  id={ids.half}
                  inputMode="decimal"
                  value={halfWidth}
                  placeholder="20"
                  onChange={(event) => setHalfWidth(event.target.value)}
                  aria-invalid={halfWidthError ? true : undefined}
                />
                <span className={halfWidthError ? 'field-error' : 'field-hint'}>
                  {halfWidthError ?? t.importLayer.halfWidthHint}
                </span>
              </div>
            )}
            {kind === 'road' && (
              <div className="field">
                <label className="field-label" htmlFor={ids.road}>
                  {t.importLayer.roadClass}
                </label>
                <select
                  id={ids.road}
                  value={roadClass}
                  onChange={(event) => setRoadClass(event.target.value as RoadClass | '')}
                >
                  <option value="">{t.importLayer.roadClassDefault}</option>
                  {ROAD_CLASSES.map((c) => (
                    <option key={c} value={c}>
                      {t.importLayer.roadClasses[c]}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </>
        )}
      </div>
      <div id={ids.status} className="import-status" aria-live="polite" data-testid="import-status">
        {sending && (
          <>
            <p>{t.importLayer.sending}</p>
            {progress.map((entry) => {
              const share = progressShare(entry.done, entry.total);
              return (
                <div key={entry.id} className="import-progress">
                  <span>{entry.label[locale]}</span>
                  <progress max={1} value={share ?? undefined} aria-label={entry.label[locale]} />
                  <span className="mono">
                    {t.importLayer.progress(formatInteger(entry.done), formatInteger(entry.total))}
                  </span>
                </div>
              );
            })}
          </>
        )}
        {result && (
          <p className="import-result" data-testid="import-result">
            {t.layers.result(
              formatInteger(result.parcels_rejudged),
              formatInteger(result.parcels_changed_qualification),
            )}
          </p>
        )}
        {failure && (
          <div className="import-failure" role="alert" data-testid="import-errors">
            <p className="field-error">{failure.text}</p>
            {failure.errors.length > 0 && (
              <>
                <p>{t.importLayer.errorsTitle(formatInteger(failure.errors.length))}</p>
                <ul>
                  {failure.errors.slice(0, 50).map((error) => {
                    const number = featureNumber(error.pointer);
                    const message = error.message[locale];
                    return (
                      <li key={`${error.pointer ?? ''}-${error.reason}-${message}`}>
                        {number === null ? message : t.importLayer.featureError(formatInteger(number), message)}
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
