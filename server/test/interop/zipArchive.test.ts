import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { InteropError } from '../../src/interop/interopError.ts';
import { listZipEntries, readZipEntries, zipLimits } from '../../src/interop/read/zipArchive.ts';

function reason(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof InteropError ? error.reason : 'other';
  }
  return undefined;
}

describe('ZIP limits', () => {
  it('lists and reads an ordinary archive', () => {
    const text = new TextEncoder().encode('UTF-8');
    const archive = zipSync({ 'a/bidang.cpg': text, 'a/bidang.shp': new Uint8Array(100).fill(3) });
    expect(listZipEntries(archive).map((e) => [e.name, e.bytes])).toEqual([
      ['a/bidang.cpg', 5],
      ['a/bidang.shp', 100],
    ]);
    const files = readZipEntries(archive, (name) => name.endsWith('.cpg'));
    expect([...files.keys()]).toEqual(['a/bidang.cpg']);
    expect(new TextDecoder().decode(files.get('a/bidang.cpg'))).toBe('UTF-8');
  });

  it('refuses an archive that expands far beyond its size', () => {
    const bomb = zipSync({ 'zeros.dbf': new Uint8Array(zipLimits.ratioFreeBytes + 1024 * 1024) });
    expect(reason(() => listZipEntries(bomb))).toBe('archive_too_large');
  });

  it('refuses an archive that declares more bytes than the limit, before inflating anything', () => {
    const liar = Buffer.from(zipSync({ 'bidang.shp': new Uint8Array(10) }));
    const central = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    liar.writeUInt32LE(zipLimits.maxTotalBytes + 1, 22);
    liar.writeUInt32LE(zipLimits.maxTotalBytes + 1, central + 24);
    expect(reason(() => listZipEntries(liar))).toBe('archive_too_large');
  });

  it('refuses too many entries and reports a damaged archive', () => {
    const many = Object.fromEntries(
      Array.from({ length: zipLimits.maxEntries + 1 }, (_, i) => [`f${i}.txt`, new Uint8Array(0)]),
    );
    expect(reason(() => listZipEntries(zipSync(many)))).toBe('archive_too_large');
    const archive = zipSync({ 'bidang.shp': new Uint8Array(100) });
    expect(reason(() => listZipEntries(archive.subarray(0, 60)))).toBe('zip_malformed');
  });
});
