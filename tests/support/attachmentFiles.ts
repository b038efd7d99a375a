import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/**
 * Files for attachment tests, generated in the test (never stored): a JPEG whose EXIF carries a GPS position
 * and a capture time, written by sharp (libexif), and a one-page PDF written by pdfkit.
 */

/** Degrees as the EXIF GPS rational triple "d/1 m/1 s·10⁶/10⁶" (a millionth of a second ≈ 3 × 10⁻¹⁰ °). */
function dmsRational(degrees: number): string {
  const absolute = Math.abs(degrees);
  const whole = Math.floor(absolute);
  const minutesFloat = (absolute - whole) * 60;
  const minutes = Math.floor(minutesFloat);
  const microSeconds = Math.round((minutesFloat - minutes) * 60 * 1e6);
  return `${whole}/1 ${minutes}/1 ${microSeconds}/1000000`;
}

export interface PhotoOptions {
  lon: number;
  lat: number;
  /** EXIF wall-clock time "YYYY:MM:DD HH:MM:SS". */
  takenAt: string;
  widthPixels?: number;
  heightPixels?: number;
  /** EXIF orientation (6 = the camera was turned; the picture must be rotated 90° clockwise). */
  orientation?: number;
}

export async function jpegWithGps(options: PhotoOptions): Promise<Buffer> {
  const image = sharp({
    create: {
      width: options.widthPixels ?? 1200,
      height: options.heightPixels ?? 800,
      channels: 3,
      background: { r: 40, g: 140, b: 70 },
    },
  }).jpeg({ quality: 85 });
  if (options.orientation) image.withMetadata({ orientation: options.orientation });
  return image
    .withExif({
      IFD0: { Make: 'Tapak', Model: 'Uji lapangan' },
      IFD2: { DateTimeOriginal: options.takenAt },
      IFD3: {
        GPSLatitudeRef: options.lat < 0 ? 'S' : 'N',
        GPSLatitude: dmsRational(options.lat),
        GPSLongitudeRef: options.lon < 0 ? 'W' : 'E',
        GPSLongitude: dmsRational(options.lon),
      },
    })
    .toBuffer();
}

export async function tinyPdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A6', info: { Title: text } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text(text);
  doc.end();
  return done;
}

export interface FormPart {
  name: string;
  value: Buffer | string;
  fileName?: string;
  contentType?: string;
}

/** A multipart/form-data body as a browser sends it. */
export function multipartForm(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tapak-uji-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.fileName
      ? `form-data; name="${part.name}"; filename="${part.fileName}"`
      : `form-data; name="${part.name}"`;
    const type = part.fileName ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value) : part.value);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
