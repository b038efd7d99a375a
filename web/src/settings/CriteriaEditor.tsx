import { ownerClasses } from '@tapak/core/contracts/codeLists';
import { useEffect, useId, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { CriteriaPreview, CriteriaResponse } from '../api/types.ts';
import {
  CRITERIA_NUMBER_FIELDS,
  type CriteriaErrors,
  type CriteriaForm,
  type CriteriaNumberField,
  criteriaToForm,
  formToCriteria,
} from '../domain/criteriaForm.ts';
import { formatInteger } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Dialog } from '../ui/Dialog.tsx';

type Props = {
  onClose: () => void;
  /** After a save: every parcel was re-judged. */
  onSaved: (text: string) => void;
  /** Why this user may not save criteria (core access rule, UI language); null when allowed. Preview saves nothing. */
  saveRefusal?: string | null;
};

function NumberField({
  field,
  form,
  errors,
  onChange,
}: {
  field: CriteriaNumberField;
  form: CriteriaForm;
  errors: CriteriaErrors;
  onChange: (field: CriteriaNumberField, value: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const errorId = useId();
  const error = errors[field];
  return (
    <div className="field" data-invalid={error ? 'true' : undefined}>
      <label className="field-label" htmlFor={id}>
        {t.criteria.fields[field]}
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={form[field]}
        onChange={(event) => onChange(field, event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid={`criteria-${field}`}
      />
      {error && (
        <span id={errorId} className="field-error">
          {t.criteria.errors[error]}
        </span>
      )}
    </div>
  );
}

/** The settings panel's criteria editor: edit, preview the effect, save (which re-judges every parcel). */
export default function CriteriaEditor({ onClose, onSaved, saveRefusal = null }: Props) {
  const { t, locale } = useI18n();
  const [loaded, setLoaded] = useState<CriteriaResponse | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [form, setForm] = useState<CriteriaForm | null>(null);
  const [errors, setErrors] = useState<CriteriaErrors>({});
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [preview, setPreview] = useState<CriteriaPreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    api
      .criteria(abort.signal)
      .then((response) => {
        setLoaded(response);
        setForm(criteriaToForm(response.criteria));
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setLoadFailed(true);
      });
    return () => abort.abort();
  }, []);

  const change = (update: (form: CriteriaForm) => CriteriaForm) => {
    setForm((current) => (current ? update(current) : current));
    setPreview(null);
  };

  const run = async (action: 'preview' | 'save') => {
    if (!form || !loaded) return;
    const parsed = formToCriteria(form, loaded.criteria);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(action);
    try {
      if (action === 'preview') {
        setPreview(await api.previewCriteria(parsed.criteria));
      } else {
        const saved = (await api.saveCriteria(parsed.criteria)) as CriteriaResponse & {
          parcels_rejudged?: number;
          parcels_changed_qualification?: number;
        };
        setLoaded({ version: saved.version, criteria: saved.criteria });
        onSaved(
          t.criteria.saved(
            formatInteger(saved.version),
            formatInteger(saved.parcels_rejudged ?? 0),
            formatInteger(saved.parcels_changed_qualification ?? 0),
          ),
        );
      }
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      const fieldErrors = problem?.errors ?? [];
      setFailure(
        [
          problem ? ((locale === 'en' ? problem.detail_en : problem.detail) ?? problem.title) : t.errors.network,
          ...fieldErrors.map((e) => `${e.pointer ?? ''} ${e.message?.[locale] ?? e.reason}`.trim()),
        ].join(' · '),
      );
    } finally {
      setBusy(null);
    }
  };

  const ownersError = errors.eligible_owner_classes;

  return (
    <Dialog
      title={t.settings.title}
      onClose={onClose}
      wide
      testId="criteria-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t.criteria.close}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void run('preview')}
            disabled={!form || busy !== null}
            data-testid="criteria-preview"
          >
            {t.criteria.preview}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void run('save')}
            disabled={!form || busy !== null || Boolean(saveRefusal)}
            title={saveRefusal ?? undefined}
            data-testid="criteria-save"
          >
            {t.criteria.save}
          </button>
        </>
      }
    >
      <p className="dialog-text">{t.criteria.intro}</p>
      {loaded && <p className="field-hint">{t.criteria.version(formatInteger(loaded.version))}</p>}
      {loadFailed && <p className="field-error">{t.criteria.loadFailed}</p>}
      {!form && !loadFailed && <p className="field-hint">{t.criteria.loading}</p>}
      {form && (
        <div className="form-grid criteria-form">
          {CRITERIA_NUMBER_FIELDS.map((field) => (
            <NumberField
              key={field}
              field={field}
              form={form}
              errors={errors}
              onChange={(f, value) => change((current) => ({ ...current, [f]: value }))}
            />
          ))}
          <fieldset className="field">
            <legend className="field-label">{t.criteria.roadSeverity}</legend>
            {(['hard', 'soft'] as const).map((severity) => (
              <label key={severity} className="radio">
                <input
                  type="radio"
                  name="road-severity"
                  checked={form.road_access_severity === severity}
                  onChange={() => change((current) => ({ ...current, road_access_severity: severity }))}
                />
                <span>{t.criteria.severity[severity]}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="field field-wide check-fields" data-invalid={ownersError ? 'true' : undefined}>
            <legend className="field-label">{t.criteria.owners}</legend>
            {ownerClasses.map((owner) => (
              <label key={owner} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.eligible_owner_classes.includes(owner)}
                  onChange={(event) =>
                    change((current) => ({
                      ...current,
                      eligible_owner_classes: event.target.checked
                        ? ownerClasses.filter((o) => o === owner || current.eligible_owner_classes.includes(o))
                        : current.eligible_owner_classes.filter((o) => o !== owner),
                    }))
                  }
                />
                {t.ownerClass[owner]}
              </label>
            ))}
            {ownersError && <span className="field-error">{t.criteria.errors[ownersError]}</span>}
          </fieldset>
        </div>
      )}
      <div className="criteria-outcome" aria-live="polite" data-testid="criteria-outcome">
        {busy === 'preview' && <p>{t.criteria.previewing}</p>}
        {busy === 'save' && <p>{t.criteria.saving}</p>}
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        {preview && (
          <div className="criteria-preview" data-testid="criteria-preview-result">
            <p>
              <strong>{preview.summary[locale]}</strong>
            </p>
            {preview.kelurahan_losing_qualifying_site.length > 0 && (
              <>
                <h3>{t.criteria.losing}</h3>
                <ul data-testid="criteria-losing">
                  {preview.kelurahan_losing_qualifying_site.map((k) => (
                    <li key={k.kode}>
                      {k.nama} <span className="mono">{k.kode}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {preview.kelurahan_gaining_qualifying_site.length > 0 && (
              <>
                <h3>{t.criteria.gaining}</h3>
                <ul data-testid="criteria-gaining">
                  {preview.kelurahan_gaining_qualifying_site.map((k) => (
                    <li key={k.kode}>
                      {k.nama} <span className="mono">{k.kode}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}
