import type { MultiPolygonCoordinates } from '../parcelFeature.ts';

/**
 * The .shp and .shx of a Polygon Shapefile (ESRI Shapefile Technical Description, 1998). One record per
 * parcel, all parts and holes in it. The format wants outer rings clockwise and holes counter-clockwise, the
 * reverse of GeoJSON (RFC 7946), so every ring is written reversed when needed.
 */

const polygonType = 5;

function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Rings in Shapefile order: exteriors clockwise (negative signed area), holes counter-clockwise. */
function shapefileRings(coordinates: MultiPolygonCoordinates): number[][][] {
  return coordinates.flatMap((polygon) =>
    polygon.map((ring, index) => {
      const clockwise = signedArea(ring) < 0;
      const wantClockwise = index === 0;
      return clockwise === wantClockwise ? ring : [...ring].reverse();
    }),
  );
}

type Box = [number, number, number, number];

function boxOf(rings: number[][][]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x = 0, y = 0] of ring) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  return box;
}

function header(fileBytes: number, box: Box): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(fileBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(polygonType, 32);
  box.forEach((value, i) => {
    h.writeDoubleLE(value, 36 + i * 8);
  });
  return h;
}

export function polygonShapefile(geometries: MultiPolygonCoordinates[]): { shp: Buffer; shx: Buffer } {
  const records: Buffer[] = [];
  const index: Buffer[] = [];
  const fileBox: Box = [Infinity, Infinity, -Infinity, -Infinity];
  let offset = 100;
  geometries.forEach((coordinates, i) => {
    const rings = shapefileRings(coordinates);
    const box = boxOf(rings);
    fileBox[0] = Math.min(fileBox[0], box[0]);
    fileBox[1] = Math.min(fileBox[1], box[1]);
    fileBox[2] = Math.max(fileBox[2], box[2]);
    fileBox[3] = Math.max(fileBox[3], box[3]);
    const pointCount = rings.reduce((n, ring) => n + ring.length, 0);
    const contentBytes = 44 + 4 * rings.length + 16 * pointCount;
    const record = Buffer.alloc(8 + contentBytes);
    record.writeInt32BE(i + 1, 0);
    record.writeInt32BE(contentBytes / 2, 4);
    record.writeInt32LE(polygonType, 8);
    box.forEach((value, j) => {
      record.writeDoubleLE(value, 12 + j * 8);
    });
    record.writeInt32LE(rings.length, 44);
    record.writeInt32LE(pointCount, 48);
    let position = 52;
    let start = 0;
    for (const ring of rings) {
      record.writeInt32LE(start, position);
      position += 4;
      start += ring.length;
    }
    for (const ring of rings) {
      for (const [x = 0, y = 0] of ring) {
        record.writeDoubleLE(x, position);
        record.writeDoubleLE(y, position + 8);
        position += 16;
      }
    }
    const entry = Buffer.alloc(8);
    entry.writeInt32BE(offset / 2, 0);
    entry.writeInt32BE(contentBytes / 2, 4);
    index.push(entry);
    records.push(record);
    offset += record.length;
  });
  const box: Box = geometries.length > 0 ? fileBox : [0, 0, 0, 0];
  return {
    shp: Buffer.concat([header(offset, box), ...records]),
    shx: Buffer.concat([header(100 + 8 * geometries.length, box), ...index]),
  };
}
