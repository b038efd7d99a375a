import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { KelurahanFeature } from '../api/types.ts';
import { type BBox, bboxOf, multiPolygonContains } from '../map/geometry.ts';

// Which kelurahan a parcel being drawn lies in, for the live verdict only: the server decides on save
// (PostGIS, largest overlap). Sampling the parcel on a grid is plenty for a live "which kelurahan and
// does it cross a border": a 24 × 24 grid resolves the outside share to about 0,2 %.

export type Assignment = { kode: string; nama: string; outsideRatio: number };

type Indexed = { kode: string; nama: string; geometry: MultiPolygon; box: BBox };

export type KelurahanIndex = readonly Indexed[];

export function indexKelurahan(features: readonly KelurahanFeature[]): KelurahanIndex {
  return features.flatMap((f) =>
    f.geometry && f.geometry.coordinates.length > 0
      ? [{ kode: f.properties.kode, nama: f.properties.nama, geometry: f.geometry, box: bboxOf(f.geometry) }]
      : [],
  );
}

function toMulti(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [geometry.coordinates] } : geometry;
}

function overlaps(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Sample points inside the parcel: a regular grid over its bounding box, kept where the parcel is. */
export function samplePoints(geometry: Polygon | MultiPolygon, steps = 24): Position[] {
  const multi = toMulti(geometry);
  const box = bboxOf(multi);
  const points: Position[] = [];
  const dx = (box[2] - box[0]) / steps;
  const dy = (box[3] - box[1]) / steps;
  if (!(dx > 0) || !(dy > 0)) return points;
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const x = box[0] + (i + 0.5) * dx;
      const y = box[1] + (j + 0.5) * dy;
      if (multiPolygonContains(multi, x, y)) points.push([x, y]);
    }
  }
  return points;
}

/** The kelurahan holding most of the parcel and the share of the parcel outside it; null outside all. */
export function assignKelurahan(geometry: Polygon | MultiPolygon, index: KelurahanIndex): Assignment | null {
  const points = samplePoints(geometry);
  if (points.length === 0) return null;
  const box = bboxOf(toMulti(geometry));
  const candidates = index.filter((k) => overlaps(k.box, box));
  const counts = new Map<Indexed, number>();
  for (const [x, y] of points as [number, number][]) {
    const hit = candidates.find((k) => multiPolygonContains(k.geometry, x, y));
    if (hit) counts.set(hit, (counts.get(hit) ?? 0) + 1);
  }
  let best: Indexed | null = null;
  let bestCount = 0;
  for (const [k, count] of counts) {
    if (count > bestCount) {
      best = k;
      bestCount = count;
    }
  }
  if (!best) return null;
  return { kode: best.kode, nama: best.nama, outsideRatio: 1 - bestCount / points.length };
}
