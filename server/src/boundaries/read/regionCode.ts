/**
 * Kemendagri region codes and place names as they appear in third-party boundary files, brought to one form so
 * features can be matched against the registry: codes to the dotted `32.75.01.1001`, names to a bare lower-case
 * key. All pure.
 */

/** Segment lengths of a code: province, kabupaten/kota, kecamatan, desa/kelurahan. */
const SEGMENT_LENGTHS = [2, 2, 2, 4] as const;
/** Digit counts of a code without separators, by level. */
const UNDOTTED_LENGTHS = new Map([
  [2, 1],
  [4, 2],
  [6, 3],
  [10, 4],
]);

/**
 * Normalises a region code to its dotted form: `3275011001`, `32.75.01.1001`, `32 75 01 1001` and the number
 * 3275011001 all give `32.75.01.1001`; shorter codes give the province (`32`), kabupaten/kota (`32.75`) or
 * kecamatan (`32.75.01`). A leading country prefix `ID` (OCHA P-codes such as ADM4_PCODE `ID3275011001`) is
 * dropped. Anything else (wrong segment lengths, letters, a province starting with 0) gives null.
 */
export function normalizeRegionCode(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value <= 0) return null;
    text = String(value);
  } else if (typeof value === 'bigint') {
    text = value.toString();
  } else if (typeof value === 'string') {
    text = value.trim().replace(/^ID(?=\d)/i, '');
  } else {
    return null;
  }
  if (text === '') return null;

  let segments: string[];
  if (/^\d+$/.test(text)) {
    const level = UNDOTTED_LENGTHS.get(text.length);
    if (level === undefined) return null;
    segments = [];
    let start = 0;
    for (const length of SEGMENT_LENGTHS.slice(0, level)) {
      segments.push(text.slice(start, start + length));
      start += length;
    }
  } else {
    segments = text.split(/\s*\.\s*|\s+/);
    if (segments.length > SEGMENT_LENGTHS.length) return null;
    for (const [index, segment] of segments.entries()) {
      if (!/^\d+$/.test(segment) || segment.length !== SEGMENT_LENGTHS[index]) return null;
    }
  }
  // Province codes run from 11 (Aceh) to 9x (Papua); none starts with 0.
  if (segments[0]?.startsWith('0')) return null;
  return segments.join('.');
}

/** Number of segments of a normalised code: 1 province … 4 desa/kelurahan. */
export function regionCodeLevel(code: string): number {
  return code.split('.').length;
}

// Property names known from BIG/Dukcapil (KDEPUM, WADMKD, NAMOBJ), OCHA CODs (ADM4_PCODE, ADM4_EN), the
// wilayah datasets (kode, nama) and common shapefile exports. Compared case-insensitively, in this order.
const CODE_PROPERTY_CANDIDATES = [
  'kode',
  'kd_kel',
  'kode_kel',
  'kode_desa',
  'kd_desa',
  'kdepum',
  'kode_kd',
  'id_desa',
  'idkel',
  'adm4_pcode',
  'kode_wil',
  'kodewil',
];
const NAME_PROPERTY_CANDIDATES = [
  'nama',
  'nm_kel',
  'nama_kel',
  'nama_desa',
  'nm_desa',
  'namobj',
  'wadmkd',
  'desa',
  'kelurahan',
  'name',
  'adm4_en',
];

/**
 * The property holding desa/kelurahan codes: the one whose values normalise to a 4-segment code for more than
 * half of the samples. Known names (`kode`, `KDEPUM`, `kd_kel`, `ADM4_PCODE`...) win over other properties;
 * among equals, the one with more hits, then the earlier candidate. Null when no property qualifies.
 */
export function detectCodeProperty(samples: readonly Record<string, unknown>[]): string | null {
  return detectProperty(samples, CODE_PROPERTY_CANDIDATES, (value) => {
    const code = normalizeRegionCode(value);
    return code !== null && regionCodeLevel(code) === 4;
  });
}

/**
 * The property holding desa/kelurahan names: text with letters that is not a region code, for more than half of
 * the samples. Known names (`nama`, `NAMOBJ`, `WADMKD`, `ADM4_EN`...) win; otherwise the property with the most
 * distinct such values, since a kecamatan or kabupaten column repeats the same few names.
 */
export function detectNameProperty(samples: readonly Record<string, unknown>[]): string | null {
  return detectProperty(samples, NAME_PROPERTY_CANDIDATES, isPlaceNameLike, { rankOthersByDistinct: true });
}

function isPlaceNameLike(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return text.length > 0 && text.length <= 120 && /\p{L}/u.test(text) && normalizeRegionCode(text) === null;
}

interface PropertyScore {
  key: string;
  hits: number;
  distinct: number;
  /** Index in the candidate list, or Infinity for other properties. */
  rank: number;
}

function detectProperty(
  samples: readonly Record<string, unknown>[],
  candidates: readonly string[],
  matches: (value: unknown) => boolean,
  options: { rankOthersByDistinct?: boolean } = {},
): string | null {
  if (samples.length === 0) return null;
  const scores = new Map<string, PropertyScore>();
  const seen = new Map<string, Set<string>>();
  for (const sample of samples) {
    for (const [key, value] of Object.entries(sample)) {
      let score = scores.get(key);
      if (!score) {
        const rank = candidates.indexOf(key.toLowerCase());
        score = { key, hits: 0, distinct: 0, rank: rank === -1 ? Number.POSITIVE_INFINITY : rank };
        scores.set(key, score);
        seen.set(key, new Set());
      }
      if (!matches(value)) continue;
      score.hits += 1;
      const values = seen.get(key) as Set<string>;
      const normalized = String(value).trim().toLowerCase();
      if (!values.has(normalized)) {
        values.add(normalized);
        score.distinct += 1;
      }
    }
  }
  const qualified = [...scores.values()].filter((score) => score.hits * 2 > samples.length);
  const known = qualified.filter((score) => Number.isFinite(score.rank));
  if (known.length > 0) {
    known.sort((a, b) => b.hits - a.hits || a.rank - b.rank);
    return known[0]?.key ?? null;
  }
  const others = qualified;
  if (options.rankOthersByDistinct) others.sort((a, b) => b.distinct - a.distinct || b.hits - a.hits);
  else others.sort((a, b) => b.hits - a.hits);
  return others[0]?.key ?? null;
}

// Words that prefix a place name in some sources but are not part of it ("KEL. Margahayu", "Desa Sukamaju").
const PLACE_PREFIX = /^(?:kelurahan|kel|desa|ds)\s+(?=\S)/;

/**
 * A comparison key for place names: lower case, diacritics and punctuation dropped, a leading `kelurahan`/`kel.`/
 * `desa`/`ds.` removed, spaces collapsed; so `"KEL. Margahayu "` and `margahayu` match. Apostrophes vanish
 * (`Ma'arif` → `maarif`) while other punctuation separates words (`Pondok-Melati` → `pondok melati`).
 */
export function normalizePlaceName(name: string): string {
  const key = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return key.replace(PLACE_PREFIX, '');
}
