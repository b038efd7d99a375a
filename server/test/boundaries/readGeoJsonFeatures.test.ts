import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BoundaryReadError } from '../../src/boundaries/read/errors.ts';
import { readGeoJsonFeatures } from '../../src/boundaries/read/readGeoJsonFeatures.ts';
import { bekasiGeoJsonPath } from './sharedData.ts';
import { collect, rejection, textStream } from './streams.ts';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [107, -6],
      [107.1, -6],
      [107.1, -6.1],
      [107, -6],
    ],
  ],
};
const feature = (kode: string) => ({ type: 'Feature', properties: { kode }, geometry: square });
const collection = (members: Record<string, unknown>) =>
  JSON.stringify({ type: 'FeatureCollection', ...members }, null, 1);
const crsNamed = (name: string) => ({ type: 'name', properties: { name } });

describe('readGeoJsonFeatures', () => {
  it('streams the 56 kelurahan of Kota Bekasi in file order', async () => {
    const features = await collect(readGeoJsonFeatures(fs.createReadStream(bekasiGeoJsonPath)));
    expect(features).toHaveLength(56);
    expect(features[0]).toMatchObject({
      ordinal: 1,
      properties: { kode: '32.75.01.1001', nama: 'Bekasijaya' },
      geometry: { type: 'Polygon' },
      srid: 4326,
    });
    expect(features.map((item) => item.ordinal)).toEqual(Array.from({ length: 56 }, (_, index) => index + 1));
    for (const item of features) expect(item.properties.kode).toMatch(/^32\.75\.\d{2}\.\d{4}$/);
    expect(new Set(features.map((item) => item.properties.kode)).size).toBe(56);
  });

  it('gives the same features when the bytes arrive in tiny chunks', async () => {
    const text = fs.readFileSync(bekasiGeoJsonPath);
    const whole = await collect(readGeoJsonFeatures(textStream(text)));
    expect(await collect(readGeoJsonFeatures(textStream(text, 61)))).toEqual(whole);
  });

  it('keeps geometry as read, turns null properties into {}, and skips other members before and after', async () => {
    const text = collection({
      name: 'fixture',
      bbox: [107, -6.1, 107.1, -6],
      features: [
        { type: 'Feature', properties: null, geometry: null },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [107, -6] }, properties: { nama: 'Titik' } },
        { type: 'Feature', properties: { kode: 'x' } },
      ],
      foreign: { nested: [{ deep: [1, 2, { features: [] }] }] },
    });
    const features = await collect(readGeoJsonFeatures(textStream(text, 7)));
    expect(features).toEqual([
      { ordinal: 1, properties: {}, geometry: null, srid: 4326 },
      { ordinal: 2, properties: { nama: 'Titik' }, geometry: { type: 'Point', coordinates: [107, -6] }, srid: 4326 },
      { ordinal: 3, properties: { kode: 'x' }, geometry: null, srid: 4326 },
    ]);
  });

  it('reads an empty FeatureCollection as no features', async () => {
    expect(await collect(readGeoJsonFeatures(textStream(collection({ features: [] }))))).toEqual([]);
  });

  describe('crs', () => {
    it('takes the srid of a crs member given before the features (EPSG:32748, UTM 48S)', async () => {
      const text = collection({
        crs: crsNamed('urn:ogc:def:crs:EPSG::32748'),
        features: [feature('32.75.01.1001'), feature('32.75.01.1002')],
      });
      const features = await collect(readGeoJsonFeatures(textStream(text)));
      expect(features.map((item) => item.srid)).toEqual([32748, 32748]);
    });

    it.each([
      ['EPSG:4326', 4326],
      ['urn:ogc:def:crs:OGC:1.3:CRS84', 4326],
      ['urn:ogc:def:crs:EPSG:6.6:4326', 4326],
      ['http://www.opengis.net/def/crs/EPSG/0/23830', 23830],
      ['EPSG:32748', 32748],
    ])('reads crs name %s as srid %i', async (name, srid) => {
      const text = collection({ crs: crsNamed(name), features: [feature('32.75.01.1001')] });
      const [first] = await collect(readGeoJsonFeatures(textStream(text)));
      expect(first?.srid).toBe(srid);
    });

    it('accepts the pre-2008 {"type":"EPSG"} form and a null crs', async () => {
      const epsg = collection({ crs: { type: 'EPSG', properties: { code: 32748 } }, features: [feature('a')] });
      expect((await collect(readGeoJsonFeatures(textStream(epsg))))[0]?.srid).toBe(32748);
      const none = collection({ crs: null, features: [feature('a')] });
      expect((await collect(readGeoJsonFeatures(textStream(none))))[0]?.srid).toBe(4326);
    });

    it('refuses a different crs after features were already read', async () => {
      const text = collection({ features: [feature('a'), feature('b')], crs: crsNamed('EPSG:32748') });
      const read: unknown[] = [];
      const error = await rejection(
        (async () => {
          for await (const item of readGeoJsonFeatures(textStream(text))) read.push(item);
        })(),
      );
      expect(read).toHaveLength(2);
      expect(error).toBeInstanceOf(BoundaryReadError);
      expect(error).toMatchObject({ code: 'crs_after_features' });
      expect((error as Error).message).toMatch(/sebelum "features".*before "features"/);
    });

    it('accepts a WGS 84 crs after the features, since it changes nothing', async () => {
      const text = collection({ features: [feature('a')], crs: crsNamed('urn:ogc:def:crs:OGC:1.3:CRS84') });
      expect(await collect(readGeoJsonFeatures(textStream(text)))).toHaveLength(1);
    });

    it('refuses a crs it cannot name', async () => {
      const text = collection({ crs: crsNamed('urn:ogc:def:crs:OGC:1.3:CRS83'), features: [feature('a')] });
      await expect(collect(readGeoJsonFeatures(textStream(text)))).rejects.toMatchObject({ code: 'unsupported_crs' });
    });
  });

  describe('malformed input', () => {
    it('reports truncated JSON as malformed_json with the ordinal and the position reached', async () => {
      const text = fs.readFileSync(bekasiGeoJsonPath, 'utf8');
      const truncated = text.slice(0, Math.floor(text.length * 0.8));
      let read = 0;
      const error = await rejection(
        (async () => {
          for await (const _ of readGeoJsonFeatures(textStream(truncated, 4096))) read += 1;
        })(),
      );
      expect(error).toBeInstanceOf(BoundaryReadError);
      expect(error).toMatchObject({ code: 'malformed_json', ordinal: read + 1 });
      expect(read).toBeGreaterThan(30);
      expect((error as BoundaryReadError).position).toBe(Buffer.byteLength(truncated));
    });

    it('reports garbage in the middle as malformed_json near where it is', async () => {
      const good = collection({ features: [feature('a'), feature('b')] });
      const broken = good.replace('"b"', '"b" oops');
      const padded = broken.replace('"features"', `"padding": "${'x'.repeat(200_000)}", "features"`);
      const error = await rejection(collect(readGeoJsonFeatures(textStream(padded, 16 * 1024))));
      expect(error).toMatchObject({ code: 'malformed_json', ordinal: 2 });
      const position = (error as BoundaryReadError).position as number;
      const actual = Buffer.byteLength(padded.slice(0, padded.indexOf('oops')));
      expect(position).toBeGreaterThanOrEqual(actual);
      expect(position - actual).toBeLessThan(64 * 1024);
    });

    it.each([
      ['a single Feature', JSON.stringify(feature('32.75.01.1001'))],
      ['a bare geometry', JSON.stringify(square)],
      ['an array of features', JSON.stringify([feature('a')])],
      ['a string', '"FeatureCollection"'],
      ['an object without features', JSON.stringify({ type: 'FeatureCollection' })],
      ['features that are not an array', JSON.stringify({ type: 'FeatureCollection', features: {} })],
    ])('refuses %s with not_feature_collection', async (_label, text) => {
      const error = await rejection(collect(readGeoJsonFeatures(textStream(text))));
      expect(error).toBeInstanceOf(BoundaryReadError);
      expect(error).toMatchObject({ code: 'not_feature_collection' });
    });

    it('refuses an element of features that is not an object, naming its ordinal', async () => {
      const text = collection({ features: [feature('a'), 42] });
      await expect(collect(readGeoJsonFeatures(textStream(text)))).rejects.toMatchObject({
        code: 'invalid_feature',
        ordinal: 2,
      });
    });
  });

  it('closes the source when the consumer stops early', async () => {
    const stream = fs.createReadStream(bekasiGeoJsonPath, { highWaterMark: 1024 });
    for await (const item of readGeoJsonFeatures(stream)) {
      expect(item.ordinal).toBe(1);
      break;
    }
    expect(stream.destroyed).toBe(true);
  });
});
