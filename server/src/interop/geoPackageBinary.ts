import wkx from 'wkx';

/**
 * The GeoPackage geometry blob (OGC 12-128r18, §2.1.3): "GP", version 0, flags, srs_id, envelope, then
 * standard WKB. Writing always uses little endian and an x/y envelope, as GDAL does.
 */

const envelopeBytesByCode = [0, 32, 48, 48, 64];

export function geoPackageBlob(
  geometry: object,
  srsId: number,
  envelope: [number, number, number, number],
): Uint8Array {
  const wkb = wkx.Geometry.parseGeoJSON(geometry).toWkb();
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'ascii');
  header.writeUInt8(0, 2);
  // Bit 0: little endian; bits 1-3 = 1: envelope [minX, maxX, minY, maxY].
  header.writeUInt8(0b0000_0011, 3);
  header.writeInt32LE(srsId, 4);
  const [minX, minY, maxX, maxY] = envelope;
  header.writeDoubleLE(minX, 8);
  header.writeDoubleLE(maxX, 16);
  header.writeDoubleLE(minY, 24);
  header.writeDoubleLE(maxY, 32);
  return Buffer.concat([header, wkb]);
}

/** The GeoJSON geometry in a GeoPackage blob, or null for an empty geometry. Throws on a malformed blob. */
export function geometryOfGeoPackageBlob(blob: Uint8Array): object | null {
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (bytes.length < 8 || bytes.toString('ascii', 0, 2) !== 'GP') throw new Error('not a GeoPackage geometry');
  const flags = bytes.readUInt8(3);
  if (flags & 0b0001_0000) return null;
  const envelopeBytes = envelopeBytesByCode[(flags >> 1) & 0b111];
  if (envelopeBytes === undefined) throw new Error('invalid GeoPackage envelope code');
  return wkx.Geometry.parse(bytes.subarray(8 + envelopeBytes)).toGeoJSON() as object;
}
