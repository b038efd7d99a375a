import type {
  HandoverStatus,
  LegalStatus,
  OwnerClass,
  ParcelAttributes,
  ParcelSource,
  ParcelStatus,
} from '@tapak/core';

// The parcel form holds what the inputs hold (strings, '' for "not entered"); the contract holds what
// the server stores (nulls, numbers, booleans). These functions are the only bridge between the two,
// so the form never sends a field the contract does not know (the server answers 400 to those).

export const KIB_A_FIELDS = [
  'kode_barang',
  'register',
  'hak',
  'sertifikat_nomor',
  'sertifikat_tanggal',
  'tahun_pengadaan',
  'penggunaan',
  'asal_usul',
  'alamat',
  'luas_sertifikat_m2',
] as const;
export const FASOS_FASUM_FIELDS = ['perumahan', 'developer', 'bast_nomor', 'bast_tanggal', 'handover_status'] as const;

export type KibAField = (typeof KIB_A_FIELDS)[number];
export type FasosFasumField = (typeof FASOS_FASUM_FIELDS)[number];
export type TriState = '' | 'yes' | 'no';

export type ParcelForm = {
  name: string;
  source: ParcelSource;
  owner_class: OwnerClass | '';
  legal_status: LegalStatus | '';
  current_use: string;
  is_vacant: TriState;
  kib_a: Record<KibAField, string>;
  fasos_fasum: Record<Exclude<FasosFasumField, 'handover_status'>, string> & { handover_status: HandoverStatus | '' };
  /** Comma-separated, as typed. */
  tags: string;
  notes: string;
  status: ParcelStatus;
  status_reason: string;
  shortlisted: boolean;
  shortlist_rank: string;
  is_primary: boolean;
};

/** Which field is wrong and the key of its message in `t.parcel.errors`. */
export type FormErrors = Partial<Record<FormErrorField, FormErrorCode>>;
export type FormErrorField =
  | 'name'
  | 'status_reason'
  | 'shortlist_rank'
  | 'kib_a.tahun_pengadaan'
  | 'kib_a.luas_sertifikat_m2'
  | 'kib_a.sertifikat_tanggal'
  | 'fasos_fasum.bast_tanggal'
  | 'tags';
export type FormErrorCode = 'required' | 'year' | 'positive' | 'integer' | 'date' | 'reasonRequired' | 'tooLong';

const emptyKibA = Object.fromEntries(KIB_A_FIELDS.map((f) => [f, ''])) as Record<KibAField, string>;
const emptyFasosFasum = {
  perumahan: '',
  developer: '',
  bast_nomor: '',
  bast_tanggal: '',
  handover_status: '',
} as const;

export function emptyForm(name = ''): ParcelForm {
  return {
    name,
    source: 'other',
    owner_class: '',
    legal_status: '',
    current_use: '',
    is_vacant: '',
    kib_a: { ...emptyKibA },
    fasos_fasum: { ...emptyFasosFasum },
    tags: '',
    notes: '',
    status: 'kandidat',
    status_reason: '',
    shortlisted: false,
    shortlist_rank: '',
    is_primary: false,
  };
}

const text = (value: string | number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

/** Numbers as a planner types them: "1.234,5" (id-ID), "1234.5", "1234,5". */
export function parseLocaleNumber(input: string): number | null {
  const value = input.trim().replace(/\s/g, '');
  if (value === '') return null;
  let normalized: string;
  if (value.includes(',')) normalized = value.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(value)) normalized = value.replace(/\./g, '');
  else normalized = value;
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return Number.NaN;
  return Number(normalized);
}

/** A number for an input, id-ID style ("1234,5"): what `parseLocaleNumber` reads back. */
function numberText(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace('.', ',');
}

export function formFromAttributes(attributes: Partial<ParcelAttributes> & { name: string }): ParcelForm {
  const kib = attributes.kib_a ?? {};
  const fasos = attributes.fasos_fasum ?? {};
  const form = emptyForm(attributes.name);
  return {
    ...form,
    source: attributes.source ?? form.source,
    owner_class: attributes.owner_class ?? '',
    legal_status: attributes.legal_status ?? '',
    current_use: text(attributes.current_use),
    is_vacant: attributes.is_vacant === true ? 'yes' : attributes.is_vacant === false ? 'no' : '',
    kib_a: {
      kode_barang: text(kib.kode_barang),
      register: text(kib.register),
      hak: text(kib.hak),
      sertifikat_nomor: text(kib.sertifikat_nomor),
      sertifikat_tanggal: text(kib.sertifikat_tanggal),
      tahun_pengadaan: text(kib.tahun_pengadaan),
      penggunaan: text(kib.penggunaan),
      asal_usul: text(kib.asal_usul),
      alamat: text(kib.alamat),
      luas_sertifikat_m2: numberText(kib.luas_sertifikat_m2),
    },
    fasos_fasum: {
      perumahan: text(fasos.perumahan),
      developer: text(fasos.developer),
      bast_nomor: text(fasos.bast_nomor),
      bast_tanggal: text(fasos.bast_tanggal),
      handover_status: fasos.handover_status ?? '',
    },
    tags: (attributes.tags ?? []).join(', '),
    notes: text(attributes.notes),
    status: attributes.status ?? form.status,
    status_reason: text(attributes.status_reason),
    shortlisted: attributes.shortlisted ?? false,
    shortlist_rank: text(attributes.shortlist_rank),
    is_primary: attributes.is_primary ?? false,
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  for (const part of input.split(/[,;\n]/)) {
    const tag = part.trim();
    if (tag !== '') seen.add(tag);
  }
  return [...seen];
}

export type FormResult = { ok: true; attributes: ParcelAttributes } | { ok: false; errors: FormErrors };

/** The complete attributes the form describes, or what is wrong with it. */
export function attributesFromForm(form: ParcelForm): FormResult {
  const errors: FormErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'required';
  else if (name.length > 200) errors.name = 'tooLong';

  const kib_a: ParcelAttributes['kib_a'] = {};
  for (const field of [
    'kode_barang',
    'register',
    'hak',
    'sertifikat_nomor',
    'penggunaan',
    'asal_usul',
    'alamat',
  ] as const) {
    const value = orNull(form.kib_a[field]);
    if (value !== null) kib_a[field] = value;
  }
  const certDate = orNull(form.kib_a.sertifikat_tanggal);
  if (certDate !== null) {
    if (DATE.test(certDate)) kib_a.sertifikat_tanggal = certDate;
    else errors['kib_a.sertifikat_tanggal'] = 'date';
  }
  const year = parseLocaleNumber(form.kib_a.tahun_pengadaan);
  if (year !== null) {
    if (Number.isInteger(year) && year >= 1800 && year <= 2100) kib_a.tahun_pengadaan = year;
    else errors['kib_a.tahun_pengadaan'] = 'year';
  }
  const certArea = parseLocaleNumber(form.kib_a.luas_sertifikat_m2);
  if (certArea !== null) {
    if (Number.isFinite(certArea) && certArea > 0 && certArea <= 1e9) kib_a.luas_sertifikat_m2 = certArea;
    else errors['kib_a.luas_sertifikat_m2'] = 'positive';
  }

  const fasos_fasum: ParcelAttributes['fasos_fasum'] = {};
  for (const field of ['perumahan', 'developer', 'bast_nomor'] as const) {
    const value = orNull(form.fasos_fasum[field]);
    if (value !== null) fasos_fasum[field] = value;
  }
  const bastDate = orNull(form.fasos_fasum.bast_tanggal);
  if (bastDate !== null) {
    if (DATE.test(bastDate)) fasos_fasum.bast_tanggal = bastDate;
    else errors['fasos_fasum.bast_tanggal'] = 'date';
  }
  if (form.fasos_fasum.handover_status !== '') fasos_fasum.handover_status = form.fasos_fasum.handover_status;

  const tags = parseTags(form.tags);
  if (tags.length > 50 || tags.some((tag) => tag.length > 50)) errors.tags = 'tooLong';

  let shortlist_rank: number | null = null;
  const rank = parseLocaleNumber(form.shortlist_rank);
  if (rank !== null) {
    if (Number.isInteger(rank) && rank >= 1 && rank <= 10_000) shortlist_rank = rank;
    else errors.shortlist_rank = 'integer';
  }
  const status_reason = orNull(form.status_reason);
  if (form.status === 'ditolak' && status_reason === null) errors.status_reason = 'reasonRequired';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    attributes: {
      name,
      source: form.source,
      owner_class: form.owner_class === '' ? null : form.owner_class,
      legal_status: form.legal_status === '' ? null : form.legal_status,
      current_use: orNull(form.current_use),
      is_vacant: form.is_vacant === '' ? null : form.is_vacant === 'yes',
      kib_a,
      fasos_fasum,
      tags,
      notes: form.notes.trim() === '' ? null : form.notes,
      status: form.status,
      status_reason,
      shortlisted: form.shortlisted,
      // A rank only means something on the shortlist.
      shortlist_rank: form.shortlisted ? shortlist_rank : null,
      is_primary: form.is_primary,
    },
  };
}

/** The fields of `next` that differ from `previous`: the body of a PATCH (objects are sent whole). */
export function attributesPatch(previous: ParcelAttributes, next: ParcelAttributes): Partial<ParcelAttributes> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ParcelAttributes)[]) {
    if (!sameValue(previous[key], next[key])) patch[key] = next[key];
  }
  return patch as Partial<ParcelAttributes>;
}

/** The attributes a stored parcel's properties carry (its computed fields left out). */
export function attributesOf(properties: ParcelAttributes): ParcelAttributes {
  return {
    name: properties.name,
    source: properties.source,
    owner_class: properties.owner_class,
    legal_status: properties.legal_status,
    current_use: properties.current_use,
    is_vacant: properties.is_vacant,
    kib_a: properties.kib_a ?? {},
    fasos_fasum: properties.fasos_fasum ?? {},
    tags: properties.tags ?? [],
    notes: properties.notes,
    status: properties.status,
    status_reason: properties.status_reason,
    shortlisted: properties.shortlisted,
    shortlist_rank: properties.shortlist_rank,
    is_primary: properties.is_primary,
  };
}

/** Whether two forms describe the same attributes (what decides "unsaved changes"). */
export function sameForm(a: ParcelForm, b: ParcelForm): boolean {
  return sameValue(a, b);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
