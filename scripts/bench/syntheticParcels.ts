// Seeded, reproducible synthetic parcels for the benchmarks (issue #8 item 1): rectangles, strips, L-shapes and
// irregular polygons of 200–3,000 m² (measured with the core's ellipsoidal `areaSquareMeters`), each wholly inside
// one real kelurahan of ../shared/data (as many per kelurahan as its share of the city's area), with attributes
// a planner would enter (contract: core/src/contracts/parcel.ts). The same seed and count always give the same
// parcels, byte for byte. Nothing here judges a parcel: the server does that when they are imported.
//
// As a module: `syntheticParcels({ count })`, `writeFeatureCollection(file, features)`.
// As a script: npm run bench -- syntheticParcels [--count 10000 --out parcels.geojson] [--seed 20261129]
//   without --out it prints what the 1k / 10k / 100k sets hold (shape classes, areas, sources) and how long
//   generating them takes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AreaGeometry,
  areaSquareMeters,
  createLocalProjection,
  type HandoverStatus,
  type LegalStatus,
  type OwnerClass,
  type ParcelSource,
  type PolygonGeometry,
  polygonsOf,
} from '../../core/src/index.ts';
import { repoRoot } from '../../server/src/config.ts';
import { prng } from '../../tests/support/prng.ts';

export { prng };

export const shapeClasses = ['rectangle', 'strip', 'l_shape', 'irregular'] as const;
export type ShapeClass = (typeof shapeClasses)[number];

export const minAreaM2 = 200;
export const maxAreaM2 = 3000;

export interface SyntheticParcelOptions {
  count: number;
  seed?: number;
  /** GeoJSON of kelurahan polygons with `kode` and `nama` properties; default: Kota Bekasi in ../shared/data. */
  kelurahanFile?: string;
}

/** The attributes written into each feature: Tapak's own names, so the import maps them without help. */
export interface SyntheticParcelProperties {
  name: string;
  source: ParcelSource;
  owner_class: OwnerClass;
  legal_status: LegalStatus;
  current_use: string | null;
  is_vacant: boolean | null;
  status: 'kandidat' | 'diverifikasi';
  tags: string[];
  notes: string | null;
  kib_a?: Record<string, string | number>;
  fasos_fasum?: Record<string, string>;
  /** Not a parcel attribute: which generator class drew it and where (a file field the import leaves unmapped). */
  synthetic_shape: ShapeClass;
  synthetic_kelurahan: string;
}

export interface SyntheticParcel {
  type: 'Feature';
  geometry: PolygonGeometry;
  properties: SyntheticParcelProperties;
}

export function defaultKelurahanFile(): string {
  const shared = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
  return path.join(shared, 'kota-bekasi-kelurahan.geojson');
}

interface Kelurahan {
  kode: string;
  nama: string;
  polygons: number[][][][];
  bbox: [number, number, number, number];
  area: number;
}

function readKelurahan(file: string): Kelurahan[] {
  const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: Array<{ properties: { kode?: string; nama?: string }; geometry: AreaGeometry | null }>;
  };
  const out: Kelurahan[] = [];
  for (const feature of collection.features) {
    const { kode, nama } = feature.properties;
    if (!kode || !nama || !feature.geometry) continue;
    const polygons = polygonsOf(feature.geometry) as number[][][][];
    const bbox: [number, number, number, number] = [180, 90, -180, -90];
    for (const ring of polygons.flatMap((p) => p.slice(0, 1)))
      for (const [x = 0, y = 0] of ring) {
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
      }
    out.push({ kode, nama, polygons, bbox, area: areaSquareMeters(feature.geometry) });
  }
  return out.sort((a, b) => a.kode.localeCompare(b.kode));
}

/** Even-odd ray casting over every ring of every polygon (holes count as outside). */
function inside(point: readonly number[], polygons: number[][][][]): boolean {
  const [px = 0, py = 0] = point;
  let crossings = 0;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
        const [xi = 0, yi = 0] = ring[i] ?? [];
        const [xj = 0, yj = 0] = ring[j] ?? [];
        if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) crossings += 1;
      }
  return crossings % 2 === 1;
}

/** An outline in local metres (counter-clockwise, open) of about `area` m²; scaled exactly afterwards. */
function outline(shape: ShapeClass, area: number, random: () => number): Array<[number, number]> {
  switch (shape) {
    case 'rectangle': {
      const aspect = 0.45 + random() * 0.55; // depth / width
      const w = Math.sqrt(area / aspect);
      const h = w * aspect;
      return [
        [0, 0],
        [w, 0],
        [w, h],
        [0, h],
      ];
    }
    case 'strip': {
      // A long narrow lot along a road or a river bank: 1 : 5 to 1 : 12.
      const aspect = 5 + random() * 7;
      const h = Math.sqrt(area / aspect);
      const w = h * aspect;
      return [
        [0, 0],
        [w, 0],
        [w, h],
        [0, h],
      ];
    }
    case 'l_shape': {
      const w = Math.sqrt(area) * (1.1 + random() * 0.5);
      const h = w * (0.7 + random() * 0.5);
      const cutX = w * (0.35 + random() * 0.35);
      const cutY = h * (0.35 + random() * 0.35);
      return [
        [0, 0],
        [w, 0],
        [w, cutY],
        [cutX, cutY],
        [cutX, h],
        [0, h],
      ];
    }
    case 'irregular': {
      // Star-shaped about its centre (angles increasing, radii jittered): always a simple polygon, 5–12 vertices.
      const n = 5 + Math.floor(random() * 8);
      const r = Math.sqrt(area / Math.PI);
      const angles = Array.from({ length: n }, (_, i) => ((i + 0.2 + random() * 0.6) / n) * 2 * Math.PI);
      return angles.map((a) => {
        const radius = r * (0.65 + random() * 0.6);
        return [radius * Math.cos(a), radius * Math.sin(a)];
      });
    }
  }
}

function polygonAt(
  centre: readonly number[],
  local: Array<[number, number]>,
  angle: number,
  scale: number,
): PolygonGeometry {
  const projection = createLocalProjection(centre);
  // Centre the outline on the point, rotate, scale.
  const cx = local.reduce((s, [x]) => s + x, 0) / local.length;
  const cy = local.reduce((s, [, y]) => s + y, 0) / local.length;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const ring = local.map(([x, y]) => {
    const dx = (x - cx) * scale;
    const dy = (y - cy) * scale;
    const [lon, lat] = projection.toLonLat([dx * cos - dy * sin, dx * sin + dy * cos]);
    // 1e-7° ≈ 1 cm, as Tapak's own exports write them.
    return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7] as [number, number];
  });
  const first = ring[0] as [number, number];
  return { type: 'Polygon', coordinates: [[...ring, [first[0], first[1]]]] };
}

const pick = <T>(random: () => number, weighted: ReadonlyArray<readonly [T, number]>): T => {
  let r = random() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return (weighted[weighted.length - 1] as readonly [T, number])[0];
};

const isoDate = (random: () => number, fromYear: number, toYear: number) => {
  const year = fromYear + Math.floor(random() * (toYear - fromYear + 1));
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

const streets = ['Raya', 'Melati', 'Kenanga', 'Mawar', 'Cempaka', 'Flamboyan', 'Merdeka', 'Pramuka', 'Swadaya'];
const housing = ['Griya', 'Taman', 'Villa', 'Pondok', 'Bumi', 'Permata', 'Graha'];
const housingSuffix = ['Indah', 'Asri', 'Permai', 'Lestari', 'Sejahtera', 'Mas', 'Harapan'];
const developers = ['PT Bekasi Jaya Properti', 'PT Griya Karya', 'PT Adhi Persada', 'PT Cipta Hunian', 'Perumnas'];
const uses: ReadonlyArray<readonly [string | null, number]> = [
  ['Tanah kosong', 40],
  ['Kebun', 12],
  ['Lapangan', 10],
  ['Tempat parkir', 6],
  ['Gudang', 5],
  ['Bangunan kosong', 5],
  [null, 22],
];
const tagPool = ['dekat jalan', 'prioritas', 'survei 2026', 'perlu ukur ulang', 'akses sempit', 'dekat pasar'];

function attributes(
  random: () => number,
  kelurahan: Kelurahan,
  number: number,
  area: number,
  shape: ShapeClass,
): SyntheticParcelProperties {
  const source = pick<ParcelSource | 'usulan'>(random, [
    ['bmd', 55],
    ['fasos_fasum', 30],
    ['usulan', 15],
  ]);
  const legal = pick<LegalStatus>(random, [
    ['bersih', 60],
    ['dalam_proses', 15],
    ['sengketa', 5],
    ['belum_diketahui', 20],
  ]);
  const use = pick(random, uses);
  const vacant = use === null ? null : ['Tanah kosong', 'Lapangan', 'Kebun'].includes(use);
  const tags = tagPool.filter(() => random() < 0.12);
  const street = `Jl. ${streets[Math.floor(random() * streets.length)]} ${1 + Math.floor(random() * 40)}`;
  const base = {
    legal_status: legal,
    current_use: use,
    is_vacant: vacant,
    status: random() < 0.15 ? ('diverifikasi' as const) : ('kandidat' as const),
    notes: random() < 0.2 ? `Ditinjau lapangan ${isoDate(random, 2025, 2026)}.` : null,
    synthetic_shape: shape,
    synthetic_kelurahan: kelurahan.kode,
  };
  if (source === 'bmd') {
    const hak = pick(random, [
      ['Hak Pakai', 70],
      ['Hak Pengelolaan', 15],
      ['Belum bersertifikat', 15],
    ] as const);
    const certified = hak !== 'Belum bersertifikat';
    return {
      ...base,
      name: `Lahan BMD ${kelurahan.nama} ${number}`,
      source,
      owner_class: 'pemkot_bmd',
      tags,
      kib_a: {
        kode_barang: `1.3.1.01.01.0${1 + Math.floor(random() * 4)}.00${1 + Math.floor(random() * 9)}`,
        register: String(1 + Math.floor(random() * 9999)).padStart(4, '0'),
        hak,
        ...(certified
          ? {
              sertifikat_nomor: `10.21.${kelurahan.kode.slice(6, 8)}.${kelurahan.kode.slice(9, 11)}.4.${String(Math.floor(random() * 99999)).padStart(5, '0')}`,
              sertifikat_tanggal: isoDate(random, 1985, 2024),
            }
          : {}),
        tahun_pengadaan: 1975 + Math.floor(random() * 50),
        penggunaan: use ?? 'Tanah kosong',
        asal_usul: pick(random, [
          ['Pembelian', 50],
          ['Hibah', 30],
          ['Penyerahan fasos-fasum', 20],
        ] as const),
        alamat: `${street}, Kel. ${kelurahan.nama}`,
        luas_sertifikat_m2: Math.round(area * (0.97 + random() * 0.06)),
      },
    };
  }
  if (source === 'fasos_fasum') {
    const handover = pick<HandoverStatus>(random, [
      ['belum_diserahkan', 35],
      ['proses_bast', 25],
      ['sudah_bast', 40],
    ]);
    const perumahan = `${housing[Math.floor(random() * housing.length)]} ${kelurahan.nama} ${housingSuffix[Math.floor(random() * housingSuffix.length)]}`;
    return {
      ...base,
      name: `Fasum ${perumahan} ${number}`,
      source,
      owner_class: handover === 'sudah_bast' ? 'pemkot_bmd' : 'fasos_fasum',
      tags,
      fasos_fasum: {
        perumahan,
        developer: developers[Math.floor(random() * developers.length)] as string,
        handover_status: handover,
        ...(handover === 'sudah_bast'
          ? {
              bast_nomor: `${String(Math.floor(random() * 999)).padStart(3, '0')}/BAST/DISPERKIMTAN/${2000 + Math.floor(random() * 25)}`,
              bast_tanggal: isoDate(random, 2000, 2025),
            }
          : {}),
      },
    };
  }
  // A kelurahan's own proposal (usulan kelurahan): not in the asset register; the contract's source is `other`.
  return {
    ...base,
    name: `Usulan Kel. ${kelurahan.nama} ${number}`,
    source: 'other',
    owner_class: pick<OwnerClass>(random, [
      ['aset_desa_kelurahan', 40],
      ['pemprov', 15],
      ['bumn', 10],
      ['bumd', 5],
      ['swasta', 20],
      ['lainnya', 10],
    ]),
    tags: ['usulan kelurahan', ...tags],
  };
}

/** `count` parcels, as many per kelurahan as its share of the total area (cumulative rounding: they add up). */
export function syntheticParcels(options: SyntheticParcelOptions): SyntheticParcel[] {
  const random = prng(options.seed ?? 20_261_129);
  const kelurahan = readKelurahan(options.kelurahanFile ?? defaultKelurahanFile());
  const total = kelurahan.reduce((s, k) => s + k.area, 0);
  const out: SyntheticParcel[] = [];
  let cumulative = 0;
  for (const k of kelurahan) {
    const before = Math.round((options.count * cumulative) / total);
    cumulative += k.area;
    const quota = Math.round((options.count * cumulative) / total) - before;
    for (let n = 1; n <= quota; n += 1) {
      const shape = shapeClasses[Math.floor(random() * shapeClasses.length)] as ShapeClass;
      const target = minAreaM2 + random() * (maxAreaM2 - minAreaM2);
      const local = outline(shape, target, random);
      const angle = random() * Math.PI;
      for (let attempt = 0; ; attempt += 1) {
        if (attempt > 10_000) throw new Error(`no room for a parcel in ${k.kode} ${k.nama}`);
        const centre = [k.bbox[0] + random() * (k.bbox[2] - k.bbox[0]), k.bbox[1] + random() * (k.bbox[3] - k.bbox[1])];
        if (!inside(centre, k.polygons)) continue;
        // Exact area: scale by the ratio of the target to the measured ellipsoidal area (area ∝ scale²).
        const first = polygonAt(centre, local, angle, 1);
        const geometry = polygonAt(centre, local, angle, Math.sqrt(target / areaSquareMeters(first)));
        const ring = geometry.coordinates[0] ?? [];
        if (!ring.every((position) => inside(position, k.polygons))) continue;
        const area = areaSquareMeters(geometry);
        if (area < minAreaM2 || area > maxAreaM2) continue; // 1 cm rounding at the edges of the range
        out.push({ type: 'Feature', geometry, properties: attributes(random, k, n, area, shape) });
        break;
      }
    }
  }
  return out;
}

/** Writes a FeatureCollection one feature per line (a 100,000-parcel file is never one string in memory). */
export function writeFeatureCollection(file: string, features: readonly SyntheticParcel[]): number {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, '{"type":"FeatureCollection","features":[\n');
    features.forEach((feature, i) => {
      fs.writeSync(fd, `${i > 0 ? ',\n' : ''}${JSON.stringify(feature)}`);
    });
    fs.writeSync(fd, '\n]}\n');
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

function summary() {
  const fmt = (n: number, digits = 0) =>
    new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
  console.log(
    '| parcels | generated in | rectangle / strip / L / irregular | area min / median / max m² | bmd / fasos-fasum / usulan | kelurahan |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const count of [1000, 10_000, 100_000]) {
    const t0 = performance.now();
    const parcels = syntheticParcels({ count });
    const ms = performance.now() - t0;
    const areas = parcels.map((p) => areaSquareMeters(p.geometry)).sort((a, b) => a - b);
    const byShape = shapeClasses.map((s) => parcels.filter((p) => p.properties.synthetic_shape === s).length);
    const bySource = ['bmd', 'fasos_fasum', 'other'].map(
      (s) => parcels.filter((p) => p.properties.source === s).length,
    );
    const kelurahan = new Set(parcels.map((p) => p.properties.synthetic_kelurahan)).size;
    console.log(
      `| ${fmt(parcels.length)} | ${fmt(ms / 1000, 1)} s | ${byShape.map((n) => fmt(n)).join(' / ')} | ` +
        `${fmt(areas[0] ?? 0, 1)} / ${fmt(areas[Math.floor(areas.length / 2)] ?? 0, 1)} / ${fmt(areas[areas.length - 1] ?? 0, 1)} | ` +
        `${bySource.map((n) => fmt(n)).join(' / ')} | ${kelurahan} |`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const option = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const out = option('out');
  if (out) {
    const count = Number(option('count') ?? 1000);
    const seed = option('seed') ? Number(option('seed')) : undefined;
    const bytes = writeFeatureCollection(out, syntheticParcels({ count, ...(seed ? { seed } : {}) }));
    console.log(`${count} parcels → ${out} (${(bytes / 2 ** 20).toFixed(1)} MiB)`);
  } else summary();
}
