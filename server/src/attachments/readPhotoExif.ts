import exifr from 'exifr';

export interface PhotoExif {
  lon: number | null;
  lat: number | null;
  /** ISO 8601 with the offset applied (UTC), or null when the camera recorded no usable time. */
  takenAt: string | null;
}

/**
 * Phones and cameras in Kota Bekasi keep local time (WIB). EXIF DateTimeOriginal is wall-clock time without a
 * zone; OffsetTimeOriginal (EXIF 2.31) names it when the device wrote it, otherwise WIB is the best guess.
 */
const defaultUtcOffset = '+07:00';

const exifDateTime = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const utcOffset = /^[+-]\d{2}:\d{2}$/;

function takenAtIso(dateTime: unknown, offset: unknown): string | null {
  if (typeof dateTime !== 'string') return null;
  const match = exifDateTime.exec(dateTime.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  const zone = typeof offset === 'string' && utcOffset.test(offset.trim()) ? offset.trim() : defaultUtcOffset;
  const parsed = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`);
  // "0000:00:00 00:00:00" and other placeholders some cameras write parse to nothing or to a nonsense year.
  if (Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 1990) return null;
  return parsed.toISOString();
}

function validPosition(lon: unknown, lat: unknown): { lon: number; lat: number } | null {
  if (typeof lon !== 'number' || typeof lat !== 'number') return null;
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  // A receiver without a fix writes 0/0: that is "unknown", not a point in the Gulf of Guinea.
  if (lon === 0 && lat === 0) return null;
  return { lon, lat };
}

/**
 * GPS position and time of capture from a photo's EXIF (JPEG APP1 or PNG eXIf), read with exifr from the
 * stored file (only its header is read). A photo without EXIF, or with unreadable EXIF, gives nulls: the
 * photo is still worth keeping, it just has no place on the map.
 */
export async function readPhotoExif(filePath: string): Promise<PhotoExif> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(filePath, {
      tiff: true,
      ifd1: false,
      ihdr: false,
      exif: { pick: ['DateTimeOriginal', 'OffsetTimeOriginal'] },
      gps: true,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      // Raw values: exifr would otherwise turn the zone-less time into a Date in the server's time zone.
      reviveValues: false,
      translateValues: false,
    });
  } catch {
    tags = undefined;
  }
  if (!tags) return { lon: null, lat: null, takenAt: null };
  const position = validPosition(tags.longitude, tags.latitude);
  return {
    lon: position?.lon ?? null,
    lat: position?.lat ?? null,
    takenAt: takenAtIso(tags.DateTimeOriginal, tags.OffsetTimeOriginal),
  };
}
