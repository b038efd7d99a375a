import {
  handoverStatuses,
  legalStatuses,
  ownerClasses,
  type ParcelSource,
  type ParcelStatus,
  parcelSources,
} from '@tapak/core/contracts/codeLists';
import { type ReactNode, useId } from 'react';
import type { FormErrorField, FormErrors, ParcelForm, TriState } from '../domain/parcelForm.ts';
import { PARCEL_STATUSES } from '../domain/verdict.ts';
import { useI18n } from '../i18n/i18n.tsx';

type Update = (update: (form: ParcelForm) => ParcelForm, touchesName?: boolean) => void;

function Field({
  label,
  error,
  hint,
  children,
  wide = false,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  const messageId = useId();
  const describedBy = error || hint ? messageId : undefined;
  return (
    <div className={wide ? 'field field-wide' : 'field'} data-invalid={error ? 'true' : undefined}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children(id, describedBy)}
      {(error || hint) && (
        <span id={messageId} className={error ? 'field-error' : 'field-hint'}>
          {error ?? hint}
        </span>
      )}
    </div>
  );
}

type Props = {
  form: ParcelForm;
  errors: FormErrors;
  update: Update;
  section: 'land' | 'kibA' | 'fasosFasum' | 'pipeline' | 'notes';
};

/** One section of the parcel form: every attribute of the contract has an input here. */
export function ParcelFields({ form, errors, update, section }: Props) {
  const { t } = useI18n();
  const f = t.parcel.fields;
  const error = (field: FormErrorField) => {
    const code = errors[field];
    return code ? t.parcel.errors[code] : undefined;
  };
  const text = (
    value: string,
    set: (value: string) => (form: ParcelForm) => ParcelForm,
    options: { placeholder?: string; inputMode?: 'decimal' | 'numeric'; type?: string; testId?: string } = {},
  ) => {
    const render = (id: string, describedBy: string | undefined) => (
      <input
        id={id}
        type={options.type ?? 'text'}
        value={value}
        placeholder={options.placeholder}
        inputMode={options.inputMode}
        aria-describedby={describedBy}
        onChange={(event) => update(set(event.target.value))}
        data-testid={options.testId}
      />
    );
    return render;
  };

  switch (section) {
    case 'land':
      return (
        <div className="form-grid">
          <Field label={f.name} error={error('name')} wide>
            {(id, describedBy) => (
              <input
                id={id}
                value={form.name}
                placeholder={f.namePlaceholder}
                aria-describedby={describedBy}
                aria-required="true"
                maxLength={200}
                onChange={(event) => update((prev) => ({ ...prev, name: event.target.value }), true)}
                data-testid="field-name"
              />
            )}
          </Field>
          <Field label={f.source}>
            {(id) => (
              <select
                id={id}
                value={form.source}
                onChange={(event) => update((prev) => ({ ...prev, source: event.target.value as ParcelSource }))}
                data-testid="field-source"
              >
                {parcelSources.map((source) => (
                  <option key={source} value={source}>
                    {t.source[source]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={f.owner_class}>
            {(id) => (
              <select
                id={id}
                value={form.owner_class}
                onChange={(event) =>
                  update((prev) => ({ ...prev, owner_class: event.target.value as ParcelForm['owner_class'] }))
                }
                data-testid="field-owner-class"
              >
                <option value="">{f.notEntered}</option>
                {ownerClasses.map((owner) => (
                  <option key={owner} value={owner}>
                    {t.ownerClass[owner]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={f.legal_status}>
            {(id) => (
              <select
                id={id}
                value={form.legal_status}
                onChange={(event) =>
                  update((prev) => ({ ...prev, legal_status: event.target.value as ParcelForm['legal_status'] }))
                }
                data-testid="field-legal-status"
              >
                <option value="">{f.notEntered}</option>
                {legalStatuses.map((status) => (
                  <option key={status} value={status}>
                    {t.legalStatus[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={f.is_vacant}>
            {(id) => (
              <select
                id={id}
                value={form.is_vacant}
                onChange={(event) => update((prev) => ({ ...prev, is_vacant: event.target.value as TriState }))}
                data-testid="field-vacant"
              >
                <option value="">{f.notEntered}</option>
                <option value="yes">{f.vacantYes}</option>
                <option value="no">{f.vacantNo}</option>
              </select>
            )}
          </Field>
          <Field label={f.current_use} wide>
            {text(form.current_use, (value) => (prev) => ({ ...prev, current_use: value }), {
              placeholder: f.current_usePlaceholder,
            })}
          </Field>
        </div>
      );
    case 'kibA':
      return (
        <div className="form-grid">
          {(['kode_barang', 'register', 'hak', 'sertifikat_nomor'] as const).map((key) => (
            <Field key={key} label={f.kib_a[key]}>
              {text(form.kib_a[key], (value) => (prev) => ({ ...prev, kib_a: { ...prev.kib_a, [key]: value } }))}
            </Field>
          ))}
          <Field label={f.kib_a.sertifikat_tanggal} error={error('kib_a.sertifikat_tanggal')}>
            {text(
              form.kib_a.sertifikat_tanggal,
              (value) => (prev) => ({ ...prev, kib_a: { ...prev.kib_a, sertifikat_tanggal: value } }),
              { type: 'date' },
            )}
          </Field>
          <Field label={f.kib_a.tahun_pengadaan} error={error('kib_a.tahun_pengadaan')}>
            {text(
              form.kib_a.tahun_pengadaan,
              (value) => (prev) => ({ ...prev, kib_a: { ...prev.kib_a, tahun_pengadaan: value } }),
              { inputMode: 'numeric' },
            )}
          </Field>
          <Field label={f.kib_a.luas_sertifikat_m2} error={error('kib_a.luas_sertifikat_m2')}>
            {text(
              form.kib_a.luas_sertifikat_m2,
              (value) => (prev) => ({ ...prev, kib_a: { ...prev.kib_a, luas_sertifikat_m2: value } }),
              { inputMode: 'decimal' },
            )}
          </Field>
          {(['penggunaan', 'asal_usul'] as const).map((key) => (
            <Field key={key} label={f.kib_a[key]}>
              {text(form.kib_a[key], (value) => (prev) => ({ ...prev, kib_a: { ...prev.kib_a, [key]: value } }))}
            </Field>
          ))}
          <Field label={f.kib_a.alamat} wide>
            {text(form.kib_a.alamat, (value) => (prev) => ({ ...prev, kib_a: { ...prev.kib_a, alamat: value } }))}
          </Field>
        </div>
      );
    case 'fasosFasum':
      return (
        <div className="form-grid">
          {(['perumahan', 'developer', 'bast_nomor'] as const).map((key) => (
            <Field key={key} label={f.fasos_fasum[key]}>
              {text(form.fasos_fasum[key], (value) => (prev) => ({
                ...prev,
                fasos_fasum: { ...prev.fasos_fasum, [key]: value },
              }))}
            </Field>
          ))}
          <Field label={f.fasos_fasum.bast_tanggal} error={error('fasos_fasum.bast_tanggal')}>
            {text(
              form.fasos_fasum.bast_tanggal,
              (value) => (prev) => ({ ...prev, fasos_fasum: { ...prev.fasos_fasum, bast_tanggal: value } }),
              { type: 'date' },
            )}
          </Field>
          <Field label={f.fasos_fasum.handover_status} wide>
            {(id) => (
              <select
                id={id}
                value={form.fasos_fasum.handover_status}
                onChange={(event) =>
                  update((prev) => ({
                    ...prev,
                    fasos_fasum: {
                      ...prev.fasos_fasum,
                      handover_status: event.target.value as ParcelForm['fasos_fasum']['handover_status'],
                    },
                  }))
                }
              >
                <option value="">{f.notEntered}</option>
                {handoverStatuses.map((status) => (
                  <option key={status} value={status}>
                    {t.handover[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      );
    case 'pipeline':
      return (
        <div className="form-grid">
          <Field label={f.status}>
            {(id) => (
              <select
                id={id}
                value={form.status}
                onChange={(event) => update((prev) => ({ ...prev, status: event.target.value as ParcelStatus }))}
                data-testid="field-status"
              >
                {PARCEL_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t.status[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={form.status === 'ditolak' ? f.status_reasonRequired : f.status_reason}
            error={error('status_reason')}
          >
            {text(form.status_reason, (value) => (prev) => ({ ...prev, status_reason: value }), {
              testId: 'field-status-reason',
            })}
          </Field>
          <div className="field field-wide check-fields">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={form.shortlisted}
                onChange={(event) => update((prev) => ({ ...prev, shortlisted: event.target.checked }))}
                data-testid="field-shortlisted"
              />
              {f.shortlisted}
            </label>
            <label className="checkbox" title={f.is_primaryHint}>
              <input
                type="checkbox"
                checked={form.is_primary}
                onChange={(event) => update((prev) => ({ ...prev, is_primary: event.target.checked }))}
                data-testid="field-primary"
              />
              {f.is_primary}
            </label>
          </div>
          {form.shortlisted && (
            <Field label={f.shortlist_rank} error={error('shortlist_rank')}>
              {text(form.shortlist_rank, (value) => (prev) => ({ ...prev, shortlist_rank: value }), {
                inputMode: 'numeric',
                testId: 'field-rank',
              })}
            </Field>
          )}
        </div>
      );
    case 'notes':
      return (
        <div className="form-grid">
          <Field label={f.tags} hint={f.tagsHint} error={error('tags')} wide>
            {text(form.tags, (value) => (prev) => ({ ...prev, tags: value }))}
          </Field>
          <Field label={f.notes} wide>
            {(id) => (
              <textarea
                id={id}
                rows={3}
                value={form.notes}
                onChange={(event) => update((prev) => ({ ...prev, notes: event.target.value }))}
              />
            )}
          </Field>
        </div>
      );
  }
}
