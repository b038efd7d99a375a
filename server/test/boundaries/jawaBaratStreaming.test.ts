import { describe, expect, it } from 'vitest';
import { readBoundaryFeatures } from '../../src/boundaries/read/readBoundaryFeatures.ts';
import { normalizeRegionCode } from '../../src/boundaries/read/regionCode.ts';
import { jawaBaratGzPath } from './sharedData.ts';

// Own file, so the heap measured is this worker's and not the other suites' (the national 83k file stays out of
// the suite: about 20 s; see the reader's documentation).
describe('Jawa Barat desa/kelurahan (gzip, 17 MB of GeoJSON)', () => {
  it('streams all 5,957 features with bounded memory', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let peakGrowthBytes = 0;
    let count = 0;
    let multiPolygons = 0;
    let badCodes = 0;
    const source = await readBoundaryFeatures(jawaBaratGzPath);
    expect(source).toMatchObject({ format: 'geojson', gzipped: true });
    for await (const feature of source.features) {
      count += 1;
      expect(feature.ordinal).toBe(count);
      if ((feature.geometry as { type: string }).type === 'MultiPolygon') multiPolygons += 1;
      const code = normalizeRegionCode(feature.properties.kode);
      if (code === null || !code.startsWith('32.') || code.split('.').length !== 4) badCodes += 1;
      if (count % 100 === 0) {
        peakGrowthBytes = Math.max(peakGrowthBytes, process.memoryUsage().heapUsed - heapBefore);
      }
    }
    expect(count).toBe(5957);
    expect(multiPolygons).toBe(154);
    expect(badCodes).toBe(0);
    // Parsing the whole file at once takes about 48 MB of heap on top of its 17 MB of text; streaming peaks near
    // 15 MB, most of it garbage awaiting collection. 40 MB leaves room for GC timing and still fails a reader
    // that accumulates.
    expect(peakGrowthBytes).toBeLessThan(40 * 1024 * 1024);
  });
});
