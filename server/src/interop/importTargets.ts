import {
  handoverStatuses,
  legalStatuses,
  legalStatusLabels,
  ownerClasses,
  ownerClassLabels,
  parcelSources,
  parcelStatuses,
  parcelStatusLabels,
} from '@tapak/core';
import { parcelColumns } from './parcelColumns.ts';
import type { SourceValue } from './sourceFeature.ts';

/**
 * The parcel attributes a file's field can be mapped onto: what a planner enters (nested KIB A and fasos-fasum
 * fields as `kib_a.hak`). Computed values (area, verdict, kelurahan) are never imported: the server measures
 * and judges every parcel itself.
 */
export const importTargets = [
  'name',
  'source',
  'owner_class',
  'legal_status',
  'current_use',
  'is_vacant',
  'tags',
  'notes',
  'status',
  'status_reason',
  'shortlisted',
  'shortlist_rank',
  'is_primary',
  'kib_a.kode_barang',
  'kib_a.register',
  'kib_a.hak',
  'kib_a.sertifikat_nomor',
  'kib_a.sertifikat_tanggal',
  'kib_a.tahun_pengadaan',
  'kib_a.penggunaan',
  'kib_a.asal_usul',
  'kib_a.alamat',
  'kib_a.luas_sertifikat_m2',
  'fasos_fasum.perumahan',
  'fasos_fasum.developer',
  'fasos_fasum.bast_nomor',
  'fasos_fasum.bast_tanggal',
  'fasos_fasum.handover_status',
] as const;
export type ImportTarget = (typeof importTargets)[number];

type Labels = Record<string, { id: string; en: string }>;

export type TargetSpec =
  | { kind: 'text' | 'boolean' | 'integer' | 'number' | 'date' | 'tags' }
  | { kind: 'code'; codes: readonly string[]; labels?: Labels };

export const targetSpecs: Record<ImportTarget, TargetSpec> = {
  name: { kind: 'text' },
  source: { kind: 'code', codes: parcelSources },
  owner_class: { kind: 'code', codes: ownerClasses, labels: ownerClassLabels },
  legal_status: { kind: 'code', codes: legalStatuses, labels: legalStatusLabels },
  current_use: { kind: 'text' },
  is_vacant: { kind: 'boolean' },
  tags: { kind: 'tags' },
  notes: { kind: 'text' },
  status: { kind: 'code', codes: parcelStatuses, labels: parcelStatusLabels },
  status_reason: { kind: 'text' },
  shortlisted: { kind: 'boolean' },
  shortlist_rank: { kind: 'integer' },
  is_primary: { kind: 'boolean' },
  'kib_a.kode_barang': { kind: 'text' },
  'kib_a.register': { kind: 'text' },
  'kib_a.hak': { kind: 'text' },
  'kib_a.sertifikat_nomor': { kind: 'text' },
  'kib_a.sertifikat_tanggal': { kind: 'date' },
  'kib_a.tahun_pengadaan': { kind: 'integer' },
  'kib_a.penggunaan': { kind: 'text' },
  'kib_a.asal_usul': { kind: 'text' },
  'kib_a.alamat': { kind: 'text' },
  'kib_a.luas_sertifikat_m2': { kind: 'number' },
  'fasos_fasum.perumahan': { kind: 'text' },
  'fasos_fasum.developer': { kind: 'text' },
  'fasos_fasum.bast_nomor': { kind: 'text' },
  'fasos_fasum.bast_tanggal': { kind: 'date' },
  'fasos_fasum.handover_status': { kind: 'code', codes: handoverStatuses },
};

/** Field names planners use in their own sheets, besides Tapak's export columns and Shapefile names. */
const aliases: Partial<Record<ImportTarget, string[]>> = {
  name: ['nama', 'nama_lokasi', 'nama_bidang', 'nama_aset', 'site_name'],
  owner_class: ['kelas_pemilik'],
  legal_status: ['status_hukum'],
  current_use: ['penggunaan_saat_ini', 'guna_lahan'],
  is_vacant: ['kosong', 'lahan_kosong'],
  tags: ['label'],
  notes: ['catatan', 'keterangan', 'ket'],
  status: ['status_usulan'],
  status_reason: ['alasan_status', 'alasan'],
  'kib_a.kode_barang': ['kode_barang'],
  'kib_a.register': ['register', 'no_register', 'nomor_register'],
  'kib_a.hak': ['hak', 'jenis_hak', 'hak_atas_tanah'],
  'kib_a.sertifikat_nomor': ['sertifikat', 'no_sertifikat', 'nomor_sertifikat'],
  'kib_a.sertifikat_tanggal': ['tanggal_sertifikat', 'tgl_sertifikat'],
  'kib_a.tahun_pengadaan': ['tahun_pengadaan', 'tahun_perolehan'],
  'kib_a.penggunaan': ['penggunaan'],
  'kib_a.asal_usul': ['asal_usul'],
  'kib_a.alamat': ['alamat', 'letak', 'letak_alamat'],
  'kib_a.luas_sertifikat_m2': ['luas_sertifikat', 'luas_sertifikat_m2'],
  'fasos_fasum.perumahan': ['perumahan'],
  'fasos_fasum.developer': ['developer', 'pengembang'],
  'fasos_fasum.bast_nomor': ['bast', 'no_bast', 'nomor_bast'],
  'fasos_fasum.bast_tanggal': ['tanggal_bast', 'tgl_bast'],
  'fasos_fasum.handover_status': ['status_serah_terima', 'status_bast'],
};

const normalisedName = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

const targetByName = (() => {
  const byName = new Map<string, ImportTarget>();
  const add = (name: string, target: ImportTarget) => {
    const key = normalisedName(name);
    if (!byName.has(key)) byName.set(key, target);
  };
  for (const target of importTargets) add(target, target);
  for (const column of parcelColumns) {
    const target = column.key.replace(/^(kib_a|fasos_fasum)_/, '$1.') as ImportTarget;
    if (!(importTargets as readonly string[]).includes(target)) continue;
    add(column.key, target);
    add(column.shp, target);
  }
  for (const [target, names] of Object.entries(aliases) as Array<[ImportTarget, string[]]>) {
    for (const name of names) add(name, target);
  }
  return byName;
})();

/**
 * A proposed mapping of the file's fields onto parcel attributes: Tapak's own column and Shapefile names, the
 * attribute names, and common Indonesian field names. Each attribute is proposed once (first field wins); a
 * KML `description` becomes the notes when nothing else does.
 */
export function suggestMapping(fieldNames: readonly string[]): Record<string, ImportTarget | null> {
  const suggestion: Record<string, ImportTarget | null> = {};
  const taken = new Set<ImportTarget>();
  for (const field of fieldNames) {
    const target = targetByName.get(normalisedName(field)) ?? null;
    suggestion[field] = target && !taken.has(target) ? target : null;
    if (target) taken.add(target);
  }
  if (!taken.has('notes') && 'description' in suggestion) suggestion.description = 'notes';
  return suggestion;
}

export type CoercedValue = string | number | boolean | string[] | null;

export type Coercion = { ok: true; value: CoercedValue } | { ok: false; message: { id: string; en: string } };

const trueWords = new Set(['true', 't', 'ya', 'y', 'yes', '1', 'benar']);
const falseWords = new Set(['false', 'f', 'tidak', 'n', 'no', '0', 'salah']);

function failure(value: SourceValue, expected: { id: string; en: string }): Coercion {
  const shown = JSON.stringify(value);
  return {
    ok: false,
    message: { id: `nilai ${shown} bukan ${expected.id}`, en: `value ${shown} is not ${expected.en}` },
  };
}

function numberFrom(value: string | number): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  // A single decimal comma is how Indonesian spreadsheets write 1200,5.
  return Number(/^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text);
}

function dateFrom(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : dayFirst
      ? [dayFirst[3], dayFirst[2]?.padStart(2, '0'), dayFirst[1]?.padStart(2, '0')]
      : [];
  if (!year || !month || !day) return null;
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${year}-${month}-${day}`
    ? null
    : `${year}-${month}-${day}`;
}

/**
 * A file value as the attribute's type: blanks are null; codes match their code or their Indonesian or English
 * label (any case); yes/no words in both languages; dates as YYYY-MM-DD or DD/MM/YYYY; tags split on ";".
 */
export function coerceValue(target: ImportTarget, value: SourceValue): Coercion {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return { ok: true, value: null };
  const spec = targetSpecs[target];
  if (Array.isArray(value)) {
    if (spec.kind === 'tags') {
      return {
        ok: true,
        value: value.filter((v) => v !== null && String(v).trim() !== '').map((v) => String(v).trim()),
      };
    }
    return failure(value, { id: 'satu nilai', en: 'a single value' });
  }
  switch (spec.kind) {
    case 'text':
      return { ok: true, value: String(value).trim() };
    case 'tags':
      return {
        ok: true,
        value: String(value)
          .split(';')
          .map((tag) => tag.trim())
          .filter(Boolean),
      };
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      const word = String(value).trim().toLowerCase();
      if (trueWords.has(word)) return { ok: true, value: true };
      if (falseWords.has(word)) return { ok: true, value: false };
      return failure(value, { id: 'ya/tidak', en: 'yes/no' });
    }
    case 'integer':
    case 'number': {
      if (typeof value === 'boolean') return failure(value, { id: 'angka', en: 'a number' });
      const number = numberFrom(value);
      if (!Number.isFinite(number)) return failure(value, { id: 'angka', en: 'a number' });
      if (spec.kind === 'integer' && !Number.isInteger(number)) {
        return failure(value, { id: 'bilangan bulat', en: 'a whole number' });
      }
      return { ok: true, value: number };
    }
    case 'date': {
      const date = typeof value === 'string' ? dateFrom(value) : null;
      return date
        ? { ok: true, value: date }
        : failure(value, { id: 'tanggal (YYYY-MM-DD)', en: 'a date (YYYY-MM-DD)' });
    }
    case 'code': {
      const text = String(value).trim().toLowerCase();
      const asCode = text.replace(/[\s-]+/g, '_');
      const code =
        spec.codes.find((c) => c === asCode) ??
        Object.entries(spec.labels ?? {}).find(
          ([, label]) => label.id.toLowerCase() === text || label.en.toLowerCase() === text,
        )?.[0];
      if (code) return { ok: true, value: code };
      return failure(value, {
        id: `salah satu dari: ${spec.codes.join(', ')}`,
        en: `one of: ${spec.codes.join(', ')}`,
      });
    }
  }
}
