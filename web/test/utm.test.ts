import { describe, expect, it } from 'vitest';
import { centralMeridian, lonLatToUtm, utmToLonLat, utmZoneOf } from '../src/domain/utm.ts';

/**
 * An independent inverse: Snyder, "Map Projections — A Working Manual" (USGS PP 1395, 1987), eqs. 8-12
 * to 8-25, the series in the eccentricity that surveyors used before Krüger–Karney. Its error grows with
 * the distance from the central meridian but stays below ~1e-7° (1 cm) within Kota Bekasi (~200 km east
 * of 105° E), so agreement to that level confirms the Krüger implementation.
 */
function snyderInverse(easting: number, northing: number, zone: number, south: boolean): [number, number] {
  const a = 6_378_137;
  const f = 1 / 298.257223563;
  const k0 = 0.9996;
  const e2 = f * (2 - f);
  const ep2 = e2 / (1 - e2);
  const x = easting - 500_000;
  const y = south ? northing - 10_000_000 : northing;
  const m = y / k0;
  const mu = m / (a * (1 - e2 / 4 - (3 * e2 * e2) / 64 - (5 * e2 ** 3) / 256));
  const e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
  const phi1 =
    mu +
    ((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) +
    ((21 * e1 ** 2) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu) +
    ((151 * e1 ** 3) / 96) * Math.sin(6 * mu) +
    ((1097 * e1 ** 4) / 512) * Math.sin(8 * mu);
  const sin1 = Math.sin(phi1);
  const cos1 = Math.cos(phi1);
  const c1 = ep2 * cos1 * cos1;
  const t1 = Math.tan(phi1) ** 2;
  const n1 = a / Math.sqrt(1 - e2 * sin1 * sin1);
  const r1 = (a * (1 - e2)) / (1 - e2 * sin1 * sin1) ** 1.5;
  const d = x / (n1 * k0);
  const phi =
    phi1 -
    ((n1 * Math.tan(phi1)) / r1) *
      ((d * d) / 2 -
        ((5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * ep2) * d ** 4) / 24 +
        ((61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * ep2 - 3 * c1 * c1) * d ** 6) / 720);
  const lambda =
    (d -
      ((1 + 2 * t1 + c1) * d ** 3) / 6 +
      ((5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * ep2 + 24 * t1 * t1) * d ** 5) / 120) /
    cos1;
  return [zone * 6 - 183 + (lambda * 180) / Math.PI, (phi * 180) / Math.PI];
}

describe('UTM zone 48S → WGS 84', () => {
  it('puts E 712 000 N 9 310 000 in Kota Bekasi (106,9161° E, 6,2389° S)', () => {
    // Rough check by hand: 212 km east of 105° E at 6,24° S is 212 000 / (0,9996 · 111 320 · cos 6,24°)
    // ≈ 1,9166° of longitude, i.e. 106,917° E; 690 km north of the false origin's 10 000 km is 6,24° S.
    const [lon, lat] = utmToLonLat(712_000, 9_310_000);
    expect(lon).toBeCloseTo(106.91611, 5);
    expect(lat).toBeCloseTo(-6.23891, 5);
    expect(Math.abs(lon - 106.93)).toBeLessThan(0.02);
  });

  it('agrees with Snyder’s independent series to 1e-7° (about 1 cm) across the city', () => {
    for (const easting of [690_000, 700_000, 712_000, 725_000, 735_000]) {
      for (const northing of [9_295_000, 9_305_000, 9_310_000, 9_320_000, 9_330_000]) {
        const [lon, lat] = utmToLonLat(easting, northing);
        const [lonS, latS] = snyderInverse(easting, northing, 48, true);
        expect(Math.abs(lon - lonS)).toBeLessThan(1e-7);
        expect(Math.abs(lat - latS)).toBeLessThan(1e-7);
      }
    }
  });

  it('maps the central meridian and the false origin exactly', () => {
    const [lon, lat] = utmToLonLat(500_000, 10_000_000);
    expect(lon).toBeCloseTo(105, 12);
    expect(lat).toBeCloseTo(0, 12);
    expect(centralMeridian(48)).toBe(105);
    expect(utmZoneOf(106.99, -6.26)).toEqual({ zone: 48, hemisphere: 'S' });
  });

  it('round-trips through the forward projection to well under a millimetre', () => {
    for (const [lon, lat] of [
      [106.93, -6.24],
      [107.05, -6.37],
      [106.5, -5.9],
    ] as const) {
      const [e, n] = lonLatToUtm(lon, lat, { zone: 48, hemisphere: 'S' });
      const [lon2, lat2] = utmToLonLat(e, n, { zone: 48, hemisphere: 'S' });
      expect(Math.abs(lon2 - lon)).toBeLessThan(1e-11);
      expect(Math.abs(lat2 - lat)).toBeLessThan(1e-11);
    }
  });

  it('handles the northern hemisphere (no false northing)', () => {
    const [e, n] = lonLatToUtm(98.67, 3.59); // Medan, zone 47N
    expect(n).toBeGreaterThan(390_000);
    expect(n).toBeLessThan(400_000);
    const [lon, lat] = utmToLonLat(e, n, { zone: 47, hemisphere: 'N' });
    expect(lon).toBeCloseTo(98.67, 9);
    expect(lat).toBeCloseTo(3.59, 9);
  });
});
