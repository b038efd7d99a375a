import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLayerFeatures } from '../interop/readLayerFeatures.ts';
import { isGzipHead, sniffFormat } from './read/sniffFormat.ts';

/** Files read whole for conversion; a kab/kota or a province is far below this, the nation comes as GeoJSON. */
const maxConvertedBytes = 200 * 1024 * 1024;

/**
 * Boundaries from the files BPN and QGIS users have (zipped Shapefile with its .prj, GeoPackage, KML/KMZ, CSV or
 * XLSX with a WKT column) are converted once to a WGS 84 GeoJSON beside the original, with the interop readers,
 * and then go through the same streaming importer. GeoJSON (plain or gzip) and the SQL dump pass untouched.
 * Returns the path to import and how to remove what the conversion wrote.
 */
export async function boundaryFileToImport(filePath: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const handle = await fs.promises.open(filePath, 'r');
  let head: Buffer;
  let sizeBytes: number;
  try {
    head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    head = head.subarray(0, bytesRead);
    sizeBytes = (await handle.stat()).size;
  } finally {
    await handle.close();
  }
  if (isGzipHead(head) || sniffFormat(head) !== null || sizeBytes > maxConvertedBytes) {
    return { path: filePath, cleanup: async () => {} };
  }
  const read = await readLayerFeatures(await fs.promises.readFile(filePath));
  const areas = read.features.features.filter((feature) => {
    const type = (feature.geometry as { type?: string } | null)?.type;
    return type === 'Polygon' || type === 'MultiPolygon';
  });
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'tapak-boundaries-converted-'));
  const converted = path.join(dir, 'boundaries.wgs84.geojson');
  await fs.promises.writeFile(converted, JSON.stringify({ type: 'FeatureCollection', features: areas }));
  return { path: converted, cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }) };
}
