import { newParcelDefaults } from '@tapak/core';
import { describe, expect, it } from 'vitest';
import { actionLabel, auditChange, geometryChangeText } from '../src/history/auditDiff.ts';
import { en } from '../src/i18n/messages.en.ts';
import { id as t } from '../src/i18n/messages.id.ts';

const square = (size: number) => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [107, -6.2],
        [107 + size, -6.2],
        [107 + size, -6.2 + size],
        [107, -6.2],
      ],
    ],
  ],
});

const snapshot = (properties: Record<string, unknown>, area_m2: number, size = 0.0003) => ({
  kelurahan_kode: '32.75.01.1001',
  properties: { ...newParcelDefaults, name: 'Lapangan RW 03', ...properties },
  geometry: square(size),
  area_m2,
});

describe('auditChange', () => {
  it('lists changed attributes with the form labels and code-list values', () => {
    const change = auditChange(
      {
        action: 'update',
        before: snapshot(
          { status: 'kandidat', notes: null, kib_a: { ...newParcelDefaults.kib_a, register: '0001' } },
          612.4,
        ),
        after: snapshot(
          { status: 'diverifikasi', notes: 'Cek BAST', kib_a: { ...newParcelDefaults.kib_a, register: '0002' } },
          612.4,
        ),
      },
      t,
    );
    expect(change.geometry).toBeNull();
    expect(change.fields).toEqual(
      expect.arrayContaining([
        { key: 'status', label: 'Status tahapan', before: 'Kandidat', after: 'Diverifikasi' },
        { key: 'notes', label: 'Catatan', before: '–', after: 'Cek BAST' },
        { key: 'kib_a.register', label: 'Nomor register', before: '0001', after: '0002' },
      ]),
    );
    expect(change.fields).toHaveLength(3);
  });

  it('says the geometry changed with both areas as id-ID square metres', () => {
    const change = auditChange(
      { action: 'update', before: snapshot({}, 612.4, 0.0003), after: snapshot({}, 1234.56, 0.0004) },
      t,
    );
    expect(change.fields).toEqual([]);
    const geometry = { before_m2: 612.4, after_m2: 1234.56 };
    expect(change.geometry).toEqual(geometry);
    expect(geometryChangeText(geometry, t)).toBe('Geometri diubah: 612,4 m² → 1.234,6 m²');
    expect(geometryChangeText(geometry, en)).toBe('Geometry changed: 612,4 m² → 1.234,6 m²');
  });

  it('a creation lists what was set; a deletion changes no field', () => {
    const created = auditChange(
      { action: 'create', before: null, after: snapshot({ owner_class: 'pemkot_bmd' }, 700) },
      t,
    );
    expect(created.fields).toContainEqual({
      key: 'owner_class',
      label: 'Kelas pemilik',
      before: '–',
      after: 'Pemkot/Pemkab (BMD, KIB A)',
    });
    expect(auditChange({ action: 'delete', before: snapshot({}, 700), after: null }, t)).toEqual({
      fields: [],
      geometry: null,
    });
  });

  it('tolerates entries that are not parcel snapshots', () => {
    expect(auditChange({ action: 'update', before: { x: 1 }, after: 'text' }, t)).toEqual({
      fields: [],
      geometry: null,
    });
  });
});

describe('actionLabel', () => {
  it('names actions in Indonesian and keeps unknown ones as they are', () => {
    expect(actionLabel('status', t)).toBe('Status diubah');
    expect(actionLabel('restore', t)).toBe('Dipulihkan');
    expect(actionLabel('merge', t)).toBe('merge');
  });
});
