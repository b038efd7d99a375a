import { parcelFilterSchema } from '@tapak/core';
import { describe, expect, it } from 'vitest';
import {
  downloads,
  EMPTY_PARCEL_FILTER,
  isFilterActive,
  parcelFilterParams,
  parcelListQuery,
} from '../src/domain/parcelQuery.ts';

describe('parcel filter → query', () => {
  it('is empty without a filter', () => {
    expect(parcelFilterParams(EMPTY_PARCEL_FILTER).toString()).toBe('');
    expect(isFilterActive(EMPTY_PARCEL_FILTER)).toBe(false);
    expect(downloads.filtered(EMPTY_PARCEL_FILTER)).toBe('/api/export/parcels.geojson');
  });

  it('writes every filter the server knows, and the server contract accepts it', () => {
    const filter = {
      ...EMPTY_PARCEL_FILTER,
      kelurahan: '32.75.01.1001',
      status: 'diusulkan' as const,
      qualifies: 'yes' as const,
      shortlisted: true,
      source: 'bmd' as const,
      q: '  lapangan  ',
    };
    const params = parcelFilterParams(filter);
    expect(params.toString()).toBe(
      'kelurahan=32.75.01.1001&status=diusulkan&qualifies=true&shortlisted=true&source=bmd&q=lapangan',
    );
    const parsed = parcelFilterSchema.parse(Object.fromEntries(params));
    expect(parsed).toEqual({
      kelurahan: '32.75.01.1001',
      status: 'diusulkan',
      qualifies: true,
      shortlisted: true,
      source: 'bmd',
      q: 'lapangan',
    });
    expect(downloads.filtered(filter)).toBe(`/api/export/parcels.geojson?${params}`);
  });

  it('prefers the kelurahan over its kecamatan and writes qualifies=false', () => {
    const params = parcelFilterParams({
      ...EMPTY_PARCEL_FILTER,
      kelurahan: '32.75.01.1001',
      kecamatan: '32.75.01',
      qualifies: 'no',
    });
    expect(params.toString()).toBe('kelurahan=32.75.01.1001&qualifies=false');
    expect(parcelListQuery({ ...EMPTY_PARCEL_FILTER, kecamatan: '32.75.01' }, 50)).toBe('kecamatan=32.75.01&limit=50');
  });

  it('links the fixed downloads', () => {
    expect(downloads.kelurahan('32.75.01.1001')).toBe('/api/export/parcels.geojson?kelurahan=32.75.01.1001');
    expect(downloads.shortlist()).toBe('/api/export/parcels.geojson?shortlisted=true');
    expect(downloads.coverage()).toBe('/api/export/kelurahan.geojson');
  });
});
