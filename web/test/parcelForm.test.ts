import { parcelAttributesSchema, parcelPatchSchema } from '@tapak/core';
import { describe, expect, it } from 'vitest';
import {
  attributesFromForm,
  attributesOf,
  attributesPatch,
  emptyForm,
  formFromAttributes,
  parseLocaleNumber,
  parseTags,
  sameForm,
} from '../src/domain/parcelForm.ts';

const full = {
  name: 'Lapangan eks SD Margahayu',
  source: 'bmd' as const,
  owner_class: 'pemkot_bmd' as const,
  legal_status: 'bersih' as const,
  current_use: 'Lahan kosong',
  is_vacant: true,
  kib_a: {
    kode_barang: '1.3.1.01.01',
    register: '0007',
    hak: 'Hak Pakai',
    sertifikat_nomor: '10.08.0012',
    sertifikat_tanggal: '2004-05-17',
    tahun_pengadaan: 1994,
    penggunaan: 'Sekolah',
    asal_usul: 'Pembelian',
    alamat: 'Jl. Ir. H. Juanda',
    luas_sertifikat_m2: 1250.5,
  },
  fasos_fasum: {
    perumahan: 'Villa Mas',
    developer: 'PT X',
    bast_nomor: '12/BAST',
    bast_tanggal: '2010-01-02',
    handover_status: 'sudah_bast' as const,
  },
  tags: ['prioritas', 'dekat pasar'],
  notes: 'Catatan\nbaris dua',
  status: 'diusulkan' as const,
  status_reason: null,
  shortlisted: true,
  shortlist_rank: 2,
  is_primary: true,
};

describe('parcel form ↔ contract', () => {
  it('round-trips every attribute through the form, and the contract accepts the result', () => {
    const form = formFromAttributes(full);
    expect(form.kib_a.luas_sertifikat_m2).toBe('1250,5');
    expect(form.is_vacant).toBe('yes');
    expect(form.tags).toBe('prioritas, dekat pasar');
    const result = attributesFromForm(form);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.attributes).toEqual(full);
    expect(parcelAttributesSchema.parse(result.attributes)).toEqual(full);
  });

  it('maps an empty form to nulls and empty objects the contract accepts', () => {
    const result = attributesFromForm(emptyForm('Bidang baru'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.attributes).toMatchObject({
      name: 'Bidang baru',
      owner_class: null,
      legal_status: null,
      is_vacant: null,
      kib_a: {},
      fasos_fasum: {},
      tags: [],
      notes: null,
      shortlist_rank: null,
    });
    expect(() => parcelAttributesSchema.parse(result.attributes)).not.toThrow();
  });

  it('names what is wrong, per field', () => {
    const form = emptyForm('  ');
    form.kib_a.tahun_pengadaan = '94';
    form.kib_a.luas_sertifikat_m2 = '-3';
    form.kib_a.sertifikat_tanggal = '17/05/2004';
    form.shortlist_rank = '1,5';
    form.status = 'ditolak';
    const result = attributesFromForm(form);
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'required',
        'kib_a.tahun_pengadaan': 'year',
        'kib_a.luas_sertifikat_m2': 'positive',
        'kib_a.sertifikat_tanggal': 'date',
        shortlist_rank: 'integer',
        status_reason: 'reasonRequired',
      },
    });
  });

  it('drops the rank when the parcel leaves the shortlist', () => {
    const form = formFromAttributes(full);
    form.shortlisted = false;
    const result = attributesFromForm(form);
    expect(result.ok && result.attributes.shortlist_rank).toBeNull();
  });

  it('patches only what changed, as the PATCH contract expects', () => {
    const before = attributesOf({ ...full, kib_a: { ...full.kib_a } });
    const form = formFromAttributes(before);
    form.legal_status = 'sengketa';
    form.kib_a.alamat = '';
    const result = attributesFromForm(form);
    if (!result.ok) throw new Error('form invalid');
    const patch = attributesPatch(before, result.attributes);
    expect(Object.keys(patch).sort()).toEqual(['kib_a', 'legal_status']);
    expect(patch.kib_a).not.toHaveProperty('alamat');
    expect(() => parcelPatchSchema.parse({ properties: patch })).not.toThrow();
    expect(attributesPatch(before, before)).toEqual({});
  });

  it('reads numbers the way planners type them', () => {
    expect(parseLocaleNumber('1.234,5')).toBe(1234.5);
    expect(parseLocaleNumber('1234,5')).toBe(1234.5);
    expect(parseLocaleNumber('1234.5')).toBe(1234.5);
    expect(parseLocaleNumber('1.250')).toBe(1250);
    expect(parseLocaleNumber('')).toBeNull();
    expect(parseLocaleNumber('abc')).toBeNaN();
  });

  it('splits tags and compares forms by value', () => {
    expect(parseTags('a, b;a\n c ,')).toEqual(['a', 'b', 'c']);
    expect(sameForm(formFromAttributes(full), formFromAttributes(full))).toBe(true);
    expect(sameForm(formFromAttributes(full), emptyForm(full.name))).toBe(false);
  });
});
