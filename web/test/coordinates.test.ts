import { describe, expect, it } from 'vitest';
import { numbersOnLine, parseCoordinateText, parseNumber } from '../src/domain/coordinates.ts';
import { utmToLonLat } from '../src/domain/utm.ts';

describe('parseNumber', () => {
  it('reads decimal dots and decimal commas, refuses thousands separators', () => {
    expect(parseNumber('106.987654')).toBe(106.987654);
    expect(parseNumber('-6,234567')).toBe(-6.234567);
    expect(parseNumber('712000')).toBe(712000);
    expect(parseNumber('9.310.000')).toBeNull();
    expect(parseNumber('abc')).toBeNull();
  });
});

describe('numbersOnLine', () => {
  it('splits on commas when dots are decimal marks', () => {
    expect(numbersOnLine('106.98, -6.23')).toEqual([106.98, -6.23]);
    expect(numbersOnLine('[106.98,-6.23]')).toEqual([106.98, -6.23]);
  });
  it('reads commas as decimal marks when whitespace or semicolons separate values', () => {
    expect(numbersOnLine('106,98 -6,23')).toEqual([106.98, -6.23]);
    expect(numbersOnLine('106,98;-6,23')).toEqual([106.98, -6.23]);
    expect(numbersOnLine('106,98\t-6,23')).toEqual([106.98, -6.23]);
  });
  it('reads a comma between integers as a separator', () => {
    expect(numbersOnLine('712000,9310000')).toEqual([712000, 9310000]);
  });
});

describe('parseCoordinateText', () => {
  const square = ['106.9900 -6.2600', '106.9903 -6.2600', '106.9903 -6.2603', '106.9900 -6.2603'].join('\n');

  it('closes a ring of lon/lat pairs', () => {
    const result = parseCoordinateText(square);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.system).toBe('lonlat');
    expect(result.closed).toBe(true);
    expect(result.ring).toHaveLength(5);
    expect(result.ring[4]).toEqual(result.ring[0]);
    expect(result.points).toBe(4);
  });

  it('turns lat/lon columns around (the ranges never overlap in Indonesia)', () => {
    const result = parseCoordinateText('-6,2600 106,9900\n-6,2600 106,9903\n-6,2603 106,9903');
    expect(result.ok && result.swapped).toBe(true);
    if (result.ok) expect(result.ring[0]).toEqual([106.99, -6.26]);
  });

  it('skips a header row and point numbers', () => {
    const result = parseCoordinateText('No;Bujur;Lintang\n1;106,9900;-6,2600\n2;106,9903;-6,2600\n3;106,9903;-6,2603');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.ring[1]).toEqual([106.9903, -6.26]);
  });

  it('converts UTM 48S easting/northing', () => {
    const result = parseCoordinateText('712000 9310000\n712030 9310000\n712030 9310020\n712000 9310020');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.system).toBe('utm');
    expect(result.ring[0]).toEqual(utmToLonLat(712000, 9310000));
  });

  it('turns northing/easting columns around', () => {
    const result = parseCoordinateText('9310000 712000\n9310000 712030\n9310020 712030');
    expect(result.ok && result.swapped && result.system === 'utm').toBe(true);
  });

  it('reads WKT and GeoJSON polygons', () => {
    const wkt = parseCoordinateText('POLYGON ((106.99 -6.26, 106.9903 -6.26, 106.9903 -6.2603, 106.99 -6.26))');
    expect(wkt.ok && wkt.ring.length).toBe(4);
    const geojson = parseCoordinateText(
      JSON.stringify({
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [106.99, -6.26],
              [106.9903, -6.26],
              [106.9903, -6.2603],
              [106.99, -6.26],
            ],
          ],
        },
      }),
    );
    expect(geojson.ok && geojson.closed).toBe(false);
    const holes = parseCoordinateText('POLYGON ((0 0, 1 0, 1 1, 0 0), (0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))');
    expect(holes.ok).toBe(false);
  });

  it('names every unreadable line instead of skipping it', () => {
    const result = parseCoordinateText('106.99 -6.26\nhello\n106.9903 -6.26\n106.9903\n106.9903 -6.2603');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { kind: 'unreadable', line: 2, text: 'hello' },
      { kind: 'unreadable', line: 4, text: '106.9903' },
    ]);
  });

  it('refuses fewer than three distinct points and empty input', () => {
    expect(parseCoordinateText('106.99 -6.26\n106.99 -6.26\n106.9903 -6.26')).toEqual({
      ok: false,
      issues: [{ kind: 'too_few_points', count: 2 }],
    });
    expect(parseCoordinateText('  ')).toEqual({ ok: false, issues: [{ kind: 'empty' }] });
  });

  it('refuses positions out of range', () => {
    const result = parseCoordinateText('106.99 -96.26\n106.9903 -6.26\n106.9903 -6.2603');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ kind: 'out_of_range', line: 1 });
  });
});
