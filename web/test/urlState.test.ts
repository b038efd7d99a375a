import { describe, expect, it } from 'vitest';
import { formatView, parseUrlState, parseView, serializeUrlState } from '../src/state/urlState.ts';

describe('URL state', () => {
  it('round-trips selection, view and filter', () => {
    const state = {
      kel: '32.75.01.1001',
      view: { zoom: 13.25, lat: -6.2612, lon: 106.9912 },
      filter: 'unqualified' as const,
    };
    const search = serializeUrlState(state);
    expect(search).toBe('?kel=32.75.01.1001&map=13.25/-6.26120/106.99120&filter=unqualified');
    expect(parseUrlState(search)).toEqual(state);
  });

  it('carries the open parcel, and drops a malformed one', () => {
    const parcel = '0b7c4a52-7c1e-4a4e-9a55-2f6d3f0f9c11';
    const search = serializeUrlState({ kel: '32.75.01.1001', view: null, filter: null, parcel });
    expect(search).toBe(`?kel=32.75.01.1001&parcel=${parcel}`);
    expect(parseUrlState(search).parcel).toBe(parcel);
    expect(parseUrlState('?parcel=abc').parcel).toBeUndefined();
    expect(serializeUrlState({ kel: null, view: null, filter: null, parcel: null }, search)).toBe('');
  });

  it('returns an empty string when there is nothing to share', () => {
    expect(serializeUrlState({ kel: null, view: null, filter: null })).toBe('');
  });

  it('keeps parameters it does not own', () => {
    expect(serializeUrlState({ kel: null, view: null, filter: 'unqualified' }, '?debug=1&kel=32.75.01.1001')).toBe(
      '?debug=1&filter=unqualified',
    );
  });

  it('ignores malformed or out-of-range values instead of failing', () => {
    expect(parseUrlState('?kel=3275011001&map=abc&filter=all')).toEqual({ kel: null, view: null, filter: null });
    expect(parseView('30/0/0')).toBeNull();
    expect(parseView('12/-95/106')).toBeNull();
    expect(parseView('12/-6.2/190')).toBeNull();
    expect(parseView('12//106')).toBeNull();
    expect(parseView('12.5/-6.25/106.99')).toEqual({ zoom: 12.5, lat: -6.25, lon: 106.99 });
  });

  it('accepts an escaped slash from a link that went through a mail client', () => {
    expect(parseUrlState('?map=12%2F-6.25%2F106.99').view).toEqual({ zoom: 12, lat: -6.25, lon: 106.99 });
  });

  it('formats views to about a metre', () => {
    expect(formatView({ zoom: 11, lat: -6.123456789, lon: 106.987654321 })).toBe('11.00/-6.12346/106.98765');
  });
});
