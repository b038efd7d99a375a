import { describe, expect, it } from 'vitest';
import type { RawBoundaryFeature } from '../../src/boundaries/read/rawBoundaryFeature.ts';
import { readBoundaryFeatures } from '../../src/boundaries/read/readBoundaryFeatures.ts';
import { bekasiGeoJsonPath, bekasiSqlPath } from './sharedData.ts';
import { collect } from './streams.ts';

type Rings = number[][][];

async function byCode(pathOrUrl: string): Promise<Map<string, RawBoundaryFeature>> {
  const features = await collect((await readBoundaryFeatures(pathOrUrl)).features);
  return new Map(features.map((feature) => [String(feature.properties.kode), feature]));
}

const ringsOf = (feature: RawBoundaryFeature | undefined): Rings =>
  (feature?.geometry as { type: 'Polygon'; coordinates: Rings } | undefined)?.coordinates ?? [];

/**
 * The two Kota Bekasi files of the reference data hold the same boundaries: the dump ([lat, lng], 15 decimals)
 * is the source, the GeoJSON the same vertices swapped to [lon, lat] and rounded to 7 decimals. Same codes, same
 * names, same rings, same vertex count and order; so they are compared vertex by vertex, ring by ring.
 */
describe('Kota Bekasi: the raw SQL dump against the GeoJSON', async () => {
  const geojson = await byCode(bekasiGeoJsonPath);
  const sql = await byCode(bekasiSqlPath);

  it('hold the same 56 codes and names', () => {
    expect(geojson.size).toBe(56);
    expect([...sql.keys()].sort()).toEqual([...geojson.keys()].sort());
    for (const [kode, feature] of geojson) expect(sql.get(kode)?.properties.nama).toBe(feature.properties.nama);
  });

  it('hold the same rings with the same vertex counts', () => {
    for (const [kode, feature] of geojson) {
      const fromSql = ringsOf(sql.get(kode));
      const fromGeoJson = ringsOf(feature);
      expect(sql.get(kode)?.geometry).toMatchObject({ type: 'Polygon' });
      expect(
        fromSql.map((ring) => ring.length),
        kode,
      ).toEqual(fromGeoJson.map((ring) => ring.length));
    }
  });

  it('agree within 1e-7 degrees vertex by vertex, the GeoJSON being the dump rounded to 7 decimals', () => {
    let worstDegrees = 0;
    let vertices = 0;
    let unequalAfterRounding = 0;
    for (const [kode, feature] of geojson) {
      const fromSql = ringsOf(sql.get(kode));
      for (const [ringIndex, ring] of ringsOf(feature).entries()) {
        for (const [index, [lon, lat]] of ring.entries()) {
          const sqlLon = fromSql[ringIndex]?.[index]?.[0] ?? Number.NaN;
          const sqlLat = fromSql[ringIndex]?.[index]?.[1] ?? Number.NaN;
          worstDegrees = Math.max(worstDegrees, Math.abs((lon as number) - sqlLon), Math.abs((lat as number) - sqlLat));
          if (Number(sqlLon.toFixed(7)) !== lon || Number(sqlLat.toFixed(7)) !== lat) unequalAfterRounding += 1;
          vertices += 1;
        }
      }
    }
    expect(vertices).toBe(4831);
    expect(worstDegrees).toBeLessThan(1e-7);
    expect(unequalAfterRounding).toBe(0);
  });
});
