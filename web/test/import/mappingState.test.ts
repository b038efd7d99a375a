import { describe, expect, it } from 'vitest';
import { importTargets } from '../../../server/src/interop/importTargets.ts';
import {
  assignTarget,
  commitErrorRows,
  contractTargets,
  defaultsBody,
  EMPTY_DEFAULTS,
  initialMapping,
  mappedCount,
  targetOptions,
  uploadPercent,
} from '../../src/import/mappingState.ts';

describe('import mapping state', () => {
  it('derives the mapping targets from the core parcel contract, the same ones the server accepts', () => {
    const targets = contractTargets();
    expect(targets).toContain('name');
    expect(targets).toContain('kib_a.sertifikat_nomor');
    expect(targets).toContain('fasos_fasum.handover_status');
    // Nested groups are opened into their fields, never offered whole.
    expect(targets).not.toContain('kib_a');
    expect([...targets].sort()).toEqual([...importTargets].sort());
  });

  it('offers only what the server lists, in the contract order', () => {
    expect(targetOptions(['notes', 'name', 'unknown_thing'])).toEqual(['name', 'notes']);
  });

  it('starts from the suggestion, dropping unknown targets and repeats', () => {
    const mapping = initialMapping({
      fields: [
        { name: 'nama', type: 'text' },
        { name: 'ket', type: 'text' },
        { name: 'luas', type: 'number' },
        { name: 'catatan', type: 'text' },
      ],
      mapping_suggestion: { nama: 'name', ket: 'notes', luas: 'area_m2', catatan: 'notes' },
      targets: [...importTargets],
    });
    expect(mapping).toEqual({ nama: 'name', ket: null, luas: null, catatan: 'notes' });
    expect(mappedCount(mapping)).toBe(2);
  });

  it('moves a target to the field that takes it, so each attribute comes from one field', () => {
    const before = { nama: 'name', lokasi: null, ket: 'notes' };
    const after = assignTarget(before, 'lokasi', 'name');
    expect(after).toEqual({ nama: null, lokasi: 'name', ket: 'notes' });
    expect(before.nama).toBe('name');
    expect(assignTarget(after, 'ket', null)).toEqual({ nama: null, lokasi: 'name', ket: null });
  });

  it('sends only the defaults the planner set', () => {
    expect(defaultsBody(EMPTY_DEFAULTS)).toBeUndefined();
    expect(
      defaultsBody({ ...EMPTY_DEFAULTS, source: 'bmd', status: 'kandidat', tags: ' impor 2025, kib ,impor 2025,' }),
    ).toEqual({ source: 'bmd', status: 'kandidat', tags: ['impor 2025', 'kib'] });
  });

  it('turns the server’s feature and row prefixes into columns', () => {
    const rows = commitErrorRows(
      [
        {
          reason: 'invalid_value',
          pointer: '/features/3/properties/rank',
          message: {
            id: 'Fitur 3 (baris 4): rank → shortlist_rank: nilai "x" bukan angka',
            en: 'Feature 3 (row 4): rank → shortlist_rank: value "x" is not a number',
          },
        },
        {
          reason: 'outside_territory',
          pointer: '/features/12/geometry',
          message: { id: 'Fitur 12: di luar wilayah kerja Anda.', en: 'Feature 12: outside your territory.' },
        },
        { reason: 'other', message: { id: 'Sesuatu', en: 'Something' } },
      ],
      'id',
    );
    expect(rows).toEqual([
      { feature: 3, row: 4, message: 'rank → shortlist_rank: nilai "x" bukan angka' },
      { feature: 12, row: null, message: 'di luar wilayah kerja Anda.' },
      { feature: null, row: null, message: 'Sesuatu' },
    ]);
    expect(commitErrorRows([{ reason: 'r', message: { id: 'Fitur 2: a', en: 'Feature 2 (row 3): b' } }], 'en')).toEqual(
      [{ feature: 2, row: 3, message: 'b' }],
    );
  });

  it('shows upload progress as a percentage that reaches 100 only at the end', () => {
    expect(uploadPercent(0)).toBe(0);
    expect(uploadPercent(0.421)).toBe(42);
    expect(uploadPercent(0.9999)).toBe(99);
    expect(uploadPercent(1)).toBe(100);
    expect(uploadPercent(Number.NaN)).toBe(0);
  });
});
