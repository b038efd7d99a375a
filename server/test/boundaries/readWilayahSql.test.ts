import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawBoundaryFeature } from '../../src/boundaries/read/rawBoundaryFeature.ts';
import { readWilayahSql } from '../../src/boundaries/read/readWilayahSql.ts';
import { bekasiSqlPath } from './sharedData.ts';
import { collect, rejection, textStream } from './streams.ts';

const insert = 'INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES';
const square = '[[[-6.0,107.0],[-6.0,107.1],[-6.1,107.1],[-6.1,107.0],[-6.0,107.0]]]';

describe('readWilayahSql', () => {
  it('reads the 56 rows of the Kota Bekasi dump as [lon, lat] polygons', async () => {
    const features = await collect(readWilayahSql(fs.createReadStream(bekasiSqlPath)));
    expect(features).toHaveLength(56);
    expect(features.map((feature) => feature.ordinal)).toEqual(Array.from({ length: 56 }, (_, index) => index + 1));
    expect(features[0]?.properties).toEqual({ kode: '32.75.01.1001', nama: 'Bekasijaya' });
    expect(features[0]?.srid).toBe(4326);
    for (const feature of features) {
      expect(feature.properties.kode).toMatch(/^32\.75\.\d{2}\.\d{4}$/);
      const geometry = feature.geometry as { type: string; coordinates: number[][][] };
      expect(geometry.type).toBe('Polygon');
      const positions = geometry.coordinates.flat();
      const lons = positions.map((position) => position[0] as number);
      const lats = positions.map((position) => position[1] as number);
      // Kota Bekasi lies around 107.0 E, 6.3 S: a swapped order would put latitudes near 107.
      expect(Math.min(...lons)).toBeGreaterThan(106.8);
      expect(Math.max(...lons)).toBeLessThan(107.2);
      expect(Math.min(...lats)).toBeGreaterThan(-6.5);
      expect(Math.max(...lats)).toBeLessThan(-6.1);
    }
    // The dump's first vertex is [-6.22370682199994,107.03104666500008], swapped and unrounded.
    expect((features[0]?.geometry as { coordinates: number[][][] } | undefined)?.coordinates[0]?.[0]).toEqual([
      107.03104666500008, -6.22370682199994,
    ]);
  });

  it('reads the same features from tiny chunks (rows of several KB cut anywhere)', async () => {
    const whole = await collect(readWilayahSql(fs.createReadStream(bekasiSqlPath)));
    const chunked = await collect(readWilayahSql(fs.createReadStream(bekasiSqlPath, { highWaterMark: 97 })));
    expect(chunked).toEqual(whole);
  });

  it('reads 2-deep paths as a Polygon, 4-deep as a MultiPolygon, and escaped names', async () => {
    const sql = [
      '-- fixture',
      insert,
      `\t('32.75.01.1001','Bekasi\\'s ''Jaya''',-6.05,107.05,'${square}'),`,
      `\t('32.75.01.1002','Ring',-6.05,107.05,'[[-6.0,107.0],[-6.0,107.1],[-6.1,107.1],[-6.0,107.0]]');`,
      insert,
      `\t('32.75.01.1003','Two parts',-6.05,107.05,'[${square},[[[-7,108],[-7,108.1],[-7.1,108],[-7,108]]]]');`,
    ].join('\n');
    const features = await collect(readWilayahSql(textStream(sql, 11)));
    expect(features.map((feature) => feature.properties)).toEqual([
      { kode: '32.75.01.1001', nama: "Bekasi's 'Jaya'" },
      { kode: '32.75.01.1002', nama: 'Ring' },
      { kode: '32.75.01.1003', nama: 'Two parts' },
    ]);
    expect(features.map((feature) => feature.ordinal)).toEqual([1, 2, 3]);
    expect(features[0]?.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [107.0, -6.0],
          [107.1, -6.0],
          [107.1, -6.1],
          [107.0, -6.1],
          [107.0, -6.0],
        ],
      ],
    });
    expect(features[1]?.geometry).toMatchObject({
      type: 'Polygon',
      coordinates: [
        [
          [107, -6],
          [107.1, -6],
          [107.1, -6.1],
          [107, -6],
        ],
      ],
    });
    const multi = features[2]?.geometry as { type: string; coordinates: number[][][][] };
    expect(multi.type).toBe('MultiPolygon');
    expect(multi.coordinates).toHaveLength(2);
    expect(multi.coordinates[1]?.[0]?.[1]).toEqual([108.1, -7]);
  });

  it.each([
    ['a path that is not JSON', `'[[[-6.0,107.0]'`],
    ['a path in [lng, lat] order', `'[[[107.0,-6.0],[107.1,-6.0],[107.1,-6.1],[107.0,-6.0]]]'`],
    ['a path that is not quoted', 'NULL'],
    ['an empty path', `'[]'`],
    ['a path with text coordinates', `'[[["-6.0","107.0"]]]'`],
  ])('refuses %s with malformed_sql and the row ordinal', async (_label, pathLiteral) => {
    const sql = `${insert}\n('32.75.01.1001','Good',-6,107,'${square}'),\n('32.75.01.1002','Bad',-6,107,${pathLiteral});`;
    const read: RawBoundaryFeature[] = [];
    const error = await rejection(
      (async () => {
        for await (const feature of readWilayahSql(textStream(sql))) read.push(feature);
      })(),
    );
    expect(read).toHaveLength(1);
    expect(error).toMatchObject({ name: 'BoundaryReadError', code: 'malformed_sql', ordinal: 2 });
    expect((error as Error).message).toContain('32.75.01.1002');
  });

  it('refuses a row with a missing value, and an INSERT into a table without path', async () => {
    const short = `${insert}\n('32.75.01.1001','Short',-6,107);`;
    await expect(collect(readWilayahSql(textStream(short)))).rejects.toMatchObject({
      code: 'malformed_sql',
      ordinal: 1,
    });
    const other = "INSERT INTO kelurahan(kode,nama) VALUES ('32.75.01.1001','No path');";
    await expect(collect(readWilayahSql(textStream(other)))).rejects.toMatchObject({
      code: 'malformed_sql',
      ordinal: 1,
    });
  });

  it('refuses a dump cut in the middle of a row', async () => {
    const text = fs.readFileSync(bekasiSqlPath, 'utf8');
    const truncated = text.slice(0, Math.floor(text.length * 0.5));
    const error = await rejection(collect(readWilayahSql(textStream(truncated))));
    expect(error).toMatchObject({ code: 'malformed_sql' });
    expect((error as { ordinal: number }).ordinal).toBeGreaterThan(20);
  });

  it('yields nothing for a dump without INSERT rows', async () => {
    const sql = "/* only a delete */\nDELETE FROM wilayah_boundaries WHERE kode LIKE '32.75.%';\n";
    expect(await collect(readWilayahSql(textStream(sql)))).toEqual([]);
  });
});
