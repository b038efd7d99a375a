import { describe, expect, it } from 'vitest';
import criteriaDefault from '../../data/criteria.default.json' with { type: 'json' };
import type { Criteria } from '../src/api/types.ts';
import { criteriaToForm, formToCriteria } from '../src/domain/criteriaForm.ts';
import {
  featureNumber,
  layerParams,
  nameFromFile,
  OVERLAY_COLORS,
  OVERLAY_KINDS,
  overlayShape,
  parseGeoJson,
  parseVisibility,
  progressShare,
  serializeVisibility,
} from '../src/domain/layers.ts';

const polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [107, -6.2],
      [107.001, -6.2],
      [107.001, -6.201],
      [107, -6.2],
    ],
  ],
};

describe('reading an uploaded GeoJSON file', () => {
  it('keeps a FeatureCollection and only the members the API takes', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      bbox: [0, 0, 1, 1],
      features: [{ type: 'Feature', id: 7, geometry: polygon, properties: { nama: 'genangan' }, bbox: [0, 0, 1, 1] }],
    });
    const result = parseGeoJson(`\uFEFF${text}`);
    expect(result).toEqual({
      ok: true,
      collection: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', id: 7, geometry: polygon, properties: { nama: 'genangan' } }],
      },
    });
  });

  it('wraps a single Feature or a bare geometry', () => {
    const feature = parseGeoJson(JSON.stringify({ type: 'Feature', geometry: polygon, properties: null }));
    expect(feature.ok && feature.collection.features).toEqual([{ type: 'Feature', geometry: polygon, properties: {} }]);
    const bare = parseGeoJson(JSON.stringify(polygon));
    expect(bare.ok && bare.collection.features[0]?.geometry).toEqual(polygon);
  });

  it('names what is wrong: not JSON, not GeoJSON, no features', () => {
    expect(parseGeoJson('{nope')).toEqual({ ok: false, error: 'json' });
    expect(parseGeoJson('[1,2]')).toEqual({ ok: false, error: 'geojson' });
    expect(parseGeoJson('{"type":"Topology"}')).toEqual({ ok: false, error: 'geojson' });
    expect(parseGeoJson('{"type":"FeatureCollection","features":[]}')).toEqual({ ok: false, error: 'empty' });
  });
});

describe('layer dialog helpers', () => {
  it('builds the params a kind takes, reading id-ID decimals', () => {
    expect(layerParams('sutet', '', '')).toEqual({});
    expect(layerParams('sutet', '22,5', '')).toEqual({ corridor_half_width_m: 22.5 });
    expect(layerParams('sutet', '0', '')).toBeNull();
    expect(layerParams('sutet', '600', '')).toBeNull();
    expect(layerParams('sutet', 'lebar', '')).toBeNull();
    expect(layerParams('road', '', 'kolektor')).toEqual({ road_class: 'kolektor' });
    expect(layerParams('road', '', '')).toEqual({});
    expect(layerParams('flood', '30', 'arteri')).toEqual({});
  });

  it('suggests a name from the file and numbers features from 1', () => {
    expect(nameFromFile('banjir_2024.geojson')).toBe('banjir 2024');
    expect(nameFromFile('RTH.json')).toBe('RTH');
    expect(featureNumber('/features/3/geometry')).toBe(4);
    expect(featureNumber('/name')).toBeNull();
    expect(featureNumber(undefined)).toBeNull();
  });

  it('remembers visible layers as a sorted JSON list and ignores junk', () => {
    expect(serializeVisibility(new Set(['b', 'a']))).toBe('["a","b"]');
    expect([...parseVisibility('["a","b",3]')]).toEqual(['a', 'b']);
    expect(parseVisibility('not json').size).toBe(0);
    expect(parseVisibility('{"a":1}').size).toBe(0);
    expect(parseVisibility(null).size).toBe(0);
  });

  it('draws every kind with its own colour and shape', () => {
    expect(new Set(OVERLAY_KINDS.map((k) => OVERLAY_COLORS[k])).size).toBe(OVERLAY_KINDS.length);
    expect(overlayShape('flood')).toBe('area');
    expect(overlayShape('sutet')).toBe('line');
    expect(overlayShape('road')).toBe('line');
    expect(overlayShape('facility')).toBe('point');
  });

  it('turns progress into a share, unknown without a total', () => {
    expect(progressShare(5, 10)).toBe(0.5);
    expect(progressShare(12, 10)).toBe(1);
    expect(progressShare(0, 0)).toBeNull();
  });
});

describe('criteria form', () => {
  const base = criteriaDefault as Criteria;

  it('round-trips the defaults, with decimal commas in the form', () => {
    const form = criteriaToForm(base);
    expect(form.min_area_m2).toBe('600');
    expect(form.border_outside_ratio).toBe('0,01');
    expect(formToCriteria(form, base)).toEqual({ ok: true, criteria: base });
  });

  it('reads edited values and keeps what the form does not edit', () => {
    const form = {
      ...criteriaToForm(base),
      min_area_m2: '750',
      ideal_area_m2: '1.200',
      road_access_severity: 'soft' as const,
    };
    const result = formToCriteria(form, base);
    expect(result.ok && result.criteria).toMatchObject({
      min_area_m2: 750,
      ideal_area_m2: 1200,
      road_access_severity: 'soft',
      score_weights: base.score_weights,
    });
  });

  it('reports field errors inline', () => {
    const form = {
      ...criteriaToForm(base),
      min_area_m2: '2000',
      footprint_width_m: '0',
      min_width_m: '',
      border_outside_ratio: '1,5',
      road_max_distance_m: 'lima',
      eligible_owner_classes: [],
    };
    const result = formToCriteria(form, base);
    expect(result).toEqual({
      ok: false,
      errors: {
        ideal_area_m2: 'idealBelowMin',
        footprint_width_m: 'positive',
        min_width_m: 'required',
        border_outside_ratio: 'ratio',
        road_max_distance_m: 'number',
        eligible_owner_classes: 'ownersEmpty',
      },
    });
  });
});
