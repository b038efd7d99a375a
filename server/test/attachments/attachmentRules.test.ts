import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { detectMediaType } from '../../src/attachments/detectMediaType.ts';
import { contentDisposition, sanitiseFileName } from '../../src/attachments/fileName.ts';
import { readPhotoExif } from '../../src/attachments/readPhotoExif.ts';

const jpeg = detectMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
const pdf = detectMediaType(Buffer.from('%PDF-1.7\n'));

describe('detectMediaType', () => {
  it('knows JPEG, PNG and PDF by their first bytes and nothing else', () => {
    expect(jpeg?.mediaType).toBe('image/jpeg');
    expect(detectMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.mediaType).toBe('image/png');
    expect(pdf?.kind).toBe('document');
    expect(detectMediaType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeNull();
    expect(detectMediaType(Buffer.from('GIF89a..'))).toBeNull();
    // A PNG signature broken by a text-mode transfer (CR LF → LF) is not a PNG.
    expect(detectMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a, 0x00]))).toBeNull();
  });
});

describe('sanitiseFileName', () => {
  if (!jpeg || !pdf) throw new Error('signatures');
  it('drops directories, control and bidi characters, and keeps a matching extension', () => {
    expect(sanitiseFileName('C:\\Users\\lurah\\Foto 1.JPG', jpeg)).toBe('Foto 1.JPG');
    expect(sanitiseFileName('../../etc/passwd', jpeg)).toBe('passwd.jpg');
    expect(sanitiseFileName('laporan\u202Efdp.exe', pdf)).toBe('laporanfdp.exe.pdf');
    expect(sanitiseFileName('a\u0000b\r\nc.pdf', pdf)).toBe('abc.pdf');
    expect(sanitiseFileName('..', jpeg)).toBe('lampiran.jpg');
    expect(sanitiseFileName(undefined, pdf)).toBe('lampiran.pdf');
    expect(sanitiseFileName('tanda "tangan" <asli>?.pdf', pdf)).toBe('tanda _tangan_ _asli__.pdf');
    const long = sanitiseFileName(`${'x'.repeat(300)}.jpeg`, jpeg);
    expect(long).toHaveLength(120);
    expect(long.endsWith('.jpeg')).toBe(true);
  });

  it('writes an ASCII fallback and the exact UTF-8 name in Content-Disposition', () => {
    expect(contentDisposition('attachment', 'Sertifikat Ñandú "asli".pdf')).toBe(
      `attachment; filename="Sertifikat _and_ _asli_.pdf"; filename*=UTF-8''Sertifikat%20%C3%91and%C3%BA%20%22asli%22.pdf`,
    );
  });
});

describe('readPhotoExif', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-exif-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  let count = 0;

  async function photoFile(exif: Record<string, Record<string, string>>): Promise<string> {
    count += 1;
    const file = path.join(dir, `foto-${count}.jpg`);
    await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
      .jpeg()
      .withExif(exif)
      .toFile(file);
    return file;
  }

  it('takes the zone from OffsetTimeOriginal, WIB otherwise, and treats 0/0 as no position', async () => {
    const withOffset = await photoFile({
      IFD2: { DateTimeOriginal: '2026:01:05 08:00:00', OffsetTimeOriginal: '+08:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1' },
    });
    expect(await readPhotoExif(withOffset)).toEqual({ lon: null, lat: null, takenAt: '2026-01-05T00:00:00.000Z' });
    const wib = await photoFile({ IFD2: { DateTimeOriginal: '2026:01:05 08:00:00' } });
    expect((await readPhotoExif(wib)).takenAt).toBe('2026-01-05T01:00:00.000Z');
    const placeholder = await photoFile({ IFD2: { DateTimeOriginal: '0000:00:00 00:00:00' } });
    expect((await readPhotoExif(placeholder)).takenAt).toBeNull();
  });
});
