/**
 * Bilingual texts for geometry problems, Bahasa Indonesia first (the planners' language), English
 * second. Numbers follow each language's conventions: id-ID (decimal comma, dot thousands) and en-US.
 */

export interface LocalizedText {
  id: string;
  en: string;
}

const idNumber = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 6 });
const enNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const idCount = new Intl.NumberFormat('id-ID');
const enCount = new Intl.NumberFormat('en-US');

/** Where a ring sits in the geometry, e.g. "batas lubang ke-1 pada bagian ke-2". */
export interface RingLabel {
  /** 0 for the exterior, k for the k-th hole. */
  ring: number;
  /** 0-based part index of a MultiPolygon, or null for a Polygon. */
  part: number | null;
}

export function ringName(label: RingLabel): LocalizedText {
  const base: LocalizedText =
    label.ring === 0
      ? { id: 'batas luar', en: 'outer boundary' }
      : { id: `batas lubang ke-${label.ring}`, en: `boundary of hole ${label.ring}` };
  if (label.part === null) return base;
  return { id: `${base.id} pada bagian ke-${label.part + 1}`, en: `${base.en} of part ${label.part + 1}` };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function pointText(lon: number, lat: number): LocalizedText {
  return {
    id: `(bujur ${idNumber.format(lon)}; lintang ${idNumber.format(lat)})`,
    en: `(lon ${enNumber.format(lon)}, lat ${enNumber.format(lat)})`,
  };
}

export const geometryMessages = {
  notPolygon(received: string): LocalizedText {
    return {
      id: `Geometri bidang harus berupa Polygon atau MultiPolygon, tetapi yang diterima adalah ${received}.`,
      en: `The parcel geometry must be a Polygon or MultiPolygon, but a ${received} was received.`,
    };
  },
  empty(): LocalizedText {
    return {
      id: 'Geometri bidang kosong: tidak ada koordinat batas.',
      en: 'The parcel geometry is empty: it has no boundary coordinates.',
    };
  },
  ringNotClosed(ring: RingLabel): LocalizedText {
    const name = ringName(ring);
    return {
      id: `${capitalize(name.id)} tidak tertutup: titik terakhir harus sama persis dengan titik pertama.`,
      en: `The ${name.en} is not closed: its last position must equal its first.`,
    };
  },
  ringTooFewPositions(ring: RingLabel, positions: number, distinct: boolean): LocalizedText {
    const name = ringName(ring);
    return distinct
      ? {
          id: `${capitalize(name.id)} hanya memiliki ${idCount.format(positions)} titik berbeda; diperlukan minimal 3 titik berbeda agar membentuk bidang.`,
          en: `The ${name.en} has only ${enCount.format(positions)} distinct positions; at least 3 are needed to enclose an area.`,
        }
      : {
          id: `${capitalize(name.id)} hanya memiliki ${idCount.format(positions)} titik; diperlukan minimal 4 titik (termasuk titik penutup yang sama dengan titik pertama).`,
          en: `The ${name.en} has only ${enCount.format(positions)} positions; at least 4 are needed (including the closing position equal to the first).`,
        };
  },
  positionNotFinite(ring: RingLabel, index: number): LocalizedText {
    const name = ringName(ring);
    return {
      id: `Titik ke-${idCount.format(index + 1)} pada ${name.id} bukan angka yang sah (kosong, teks, NaN, atau tak hingga).`,
      en: `Position ${enCount.format(index + 1)} of the ${name.en} is not a valid number (missing, text, NaN or infinite).`,
    };
  },
  positionDimension(ring: RingLabel, index: number, numbers: number): LocalizedText {
    const name = ringName(ring);
    return {
      id: `Titik ke-${idCount.format(index + 1)} pada ${name.id} berisi ${idCount.format(numbers)} angka; harus 2 (bujur, lintang) atau 3 (dengan ketinggian, yang diabaikan).`,
      en: `Position ${enCount.format(index + 1)} of the ${name.en} has ${enCount.format(numbers)} numbers; it must have 2 (longitude, latitude) or 3 (with an altitude, which is ignored).`,
    };
  },
  lonOutOfRange(ring: RingLabel, index: number, lon: number): LocalizedText {
    const name = ringName(ring);
    return {
      id: `Bujur ${idNumber.format(lon)} pada titik ke-${idCount.format(index + 1)} di ${name.id} berada di luar rentang -180 sampai 180. Periksa urutan koordinat: GeoJSON memakai [bujur, lintang] dalam derajat WGS 84.`,
      en: `Longitude ${enNumber.format(lon)} at position ${enCount.format(index + 1)} of the ${name.en} is outside -180 to 180. Check the coordinate order: GeoJSON uses [longitude, latitude] in WGS 84 degrees.`,
    };
  },
  latOutOfRange(ring: RingLabel, index: number, lat: number): LocalizedText {
    const name = ringName(ring);
    return {
      id: `Lintang ${idNumber.format(lat)} pada titik ke-${idCount.format(index + 1)} di ${name.id} berada di luar rentang -90 sampai 90. Periksa urutan koordinat: GeoJSON memakai [bujur, lintang] dalam derajat WGS 84.`,
      en: `Latitude ${enNumber.format(lat)} at position ${enCount.format(index + 1)} of the ${name.en} is outside -90 to 90. Check the coordinate order: GeoJSON uses [longitude, latitude] in WGS 84 degrees.`,
    };
  },
  selfIntersection(lon: number, lat: number): LocalizedText {
    const point = pointText(lon, lat);
    return {
      id: `Batas bidang berpotongan dengan dirinya sendiri di sekitar titik ${point.id}; perbaiki titik-titiknya atau gunakan perbaikan otomatis (ST_MakeValid).`,
      en: `The boundary crosses itself near ${point.en}; fix the vertices or use the automatic repair (ST_MakeValid).`,
    };
  },
  holeOutsideShell(ring: RingLabel, lon: number, lat: number, insideOtherHole: boolean): LocalizedText {
    const name = ringName(ring);
    const point = pointText(lon, lat);
    return insideOtherHole
      ? {
          id: `${capitalize(name.id)} berada di dalam lubang lain (sekitar titik ${point.id}); lubang tidak boleh bersarang. Hapus lubang itu atau gunakan perbaikan otomatis (ST_MakeValid).`,
          en: `The ${name.en} lies inside another hole (near ${point.en}); holes cannot be nested. Remove that hole or use the automatic repair (ST_MakeValid).`,
        }
      : {
          id: `${capitalize(name.id)} keluar dari batas luar bidang (sekitar titik ${point.id}); lubang harus berada di dalam batas luar. Perbaiki titik-titiknya atau gunakan perbaikan otomatis (ST_MakeValid).`,
          en: `The ${name.en} extends outside the outer boundary (near ${point.en}); a hole must lie inside it. Fix the vertices or use the automatic repair (ST_MakeValid).`,
        };
  },
  partsOverlap(part: number, otherPart: number, lon: number, lat: number): LocalizedText {
    const point = pointText(lon, lat);
    return {
      id: `Bagian ke-${part + 1} bertumpuk dengan bagian ke-${otherPart + 1} (sekitar titik ${point.id}); bagian-bagian MultiPolygon tidak boleh saling menutupi. Gabungkan bagian itu atau gunakan perbaikan otomatis (ST_MakeValid).`,
      en: `Part ${part + 1} overlaps part ${otherPart + 1} (near ${point.en}); the parts of a MultiPolygon must not cover each other. Merge them or use the automatic repair (ST_MakeValid).`,
    };
  },
  tooManyVertices(vertices: number, maxVertices: number): LocalizedText {
    return {
      id: `Geometri memiliki ${idCount.format(vertices)} titik, melebihi batas ${idCount.format(maxVertices)} titik; sederhanakan batas bidang terlebih dahulu.`,
      en: `The geometry has ${enCount.format(vertices)} vertices, more than the limit of ${enCount.format(maxVertices)}; simplify the boundary first.`,
    };
  },
};
