import { describe, expect, it } from 'vitest';
import { coerceValue, suggestMapping } from '../../src/interop/importTargets.ts';

describe('import field mapping', () => {
  it("suggests Tapak's own columns, Shapefile names and common Indonesian names, each attribute once", () => {
    expect(
      suggestMapping([
        'name',
        'owner_cls',
        'kib_sertno',
        'Nama',
        'Keterangan',
        'No. Sertifikat',
        'area_m2',
        'kelurahan_kode',
      ]),
    ).toEqual({
      name: 'name',
      owner_cls: 'owner_class',
      kib_sertno: 'kib_a.sertifikat_nomor',
      Nama: null,
      Keterangan: 'notes',
      'No. Sertifikat': null,
      area_m2: null,
      kelurahan_kode: null,
    });
    expect(suggestMapping(['name', 'description'])).toEqual({ name: 'name', description: 'notes' });
    expect(suggestMapping(['notes', 'description'])).toEqual({ notes: 'notes', description: null });
    expect(suggestMapping(['kib_a_hak', 'fasos_fasum_bast_nomor'])).toEqual({
      kib_a_hak: 'kib_a.hak',
      fasos_fasum_bast_nomor: 'fasos_fasum.bast_nomor',
    });
  });

  it('reads values the way planners write them', () => {
    const value = (target: Parameters<typeof coerceValue>[0], input: Parameters<typeof coerceValue>[1]) => {
      const result = coerceValue(target, input);
      return result.ok ? result.value : `error: ${result.message.en}`;
    };
    expect(value('is_vacant', 'Ya')).toBe(true);
    expect(value('is_vacant', 'tidak')).toBe(false);
    expect(value('is_vacant', 1)).toBe(true);
    expect(value('is_vacant', '')).toBeNull();
    expect(value('is_vacant', 'mungkin')).toMatch(/^error: value "mungkin" is not yes\/no/);
    expect(value('owner_class', 'Pemkot BMD')).toBe('pemkot_bmd');
    expect(value('owner_class', 'BUMN')).toBe('bumn');
    expect(value('legal_status', 'Sengketa')).toBe('sengketa');
    expect(value('status', 'Proposed')).toBe('diusulkan');
    expect(value('owner_class', 'kerajaan')).toMatch(/^error: .*one of: pemkot_bmd/);
    expect(value('kib_a.luas_sertifikat_m2', '1200,5')).toBe(1200.5);
    expect(value('kib_a.tahun_pengadaan', '1998')).toBe(1998);
    expect(value('kib_a.tahun_pengadaan', 1998.5)).toMatch(/whole number/);
    expect(value('kib_a.sertifikat_tanggal', '02/03/2015')).toBe('2015-03-02');
    expect(value('kib_a.sertifikat_tanggal', '2015-03-02T00:00:00.000Z')).toBe('2015-03-02');
    expect(value('kib_a.sertifikat_tanggal', '2015-02-30')).toMatch(/^error/);
    expect(value('tags', 'prioritas; dekat pasar;')).toEqual(['prioritas', 'dekat pasar']);
    expect(value('tags', ['a', null, 'b'])).toEqual(['a', 'b']);
    expect(value('name', 12)).toBe('12');
  });
});
