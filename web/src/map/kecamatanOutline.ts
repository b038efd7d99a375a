import type { MultiLineString, MultiPolygon, Position } from 'geojson';
import { type BBox, bboxOf, multiPolygonContains } from './geometry.ts';

export type OutlineInput = { kecamatanKode: string; geometry: MultiPolygon };

/** How far either side of an edge to look, in metres: wider than the slivers between neighbours. */
const PROBE_METRES = 20;
const METRES_PER_DEGREE = 111_320;

/**
 * Kecamatan outlines from kelurahan polygons, without a geometry library: keep each kelurahan edge
 * unless the ground on both sides of it lies in the same kecamatan. Probing a little off the edge
 * (rather than matching shared vertices) tolerates the source's independently simplified borders,
 * whose neighbours overlap or leave gaps of a few metres. The city outline comes out too.
 */
export function kecamatanOutlines(inputs: readonly OutlineInput[]): MultiLineString {
  const indexed = inputs.map((input) => ({ ...input, box: bboxOf(input.geometry) }));
  const inKecamatan = (kecamatan: string, x: number, y: number): boolean =>
    indexed.some(
      (item) => item.kecamatanKode === kecamatan && inBox(item.box, x, y) && multiPolygonContains(item.geometry, x, y),
    );
  const seen = new Set<string>();
  const lines: Position[][] = [];
  for (const input of indexed) {
    for (const polygon of input.geometry.coordinates) {
      for (const ring of polygon) {
        let current: Position[] = [];
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i] as [number, number];
          const b = ring[i + 1] as [number, number];
          const key = edgeKey(a, b);
          const keep = !seen.has(key) && isBoundary(input.kecamatanKode, a, b, inKecamatan);
          seen.add(key);
          if (keep) {
            if (current.length === 0) current.push(a);
            current.push(b);
          } else if (current.length > 0) {
            lines.push(current);
            current = [];
          }
        }
        if (current.length > 0) lines.push(current);
      }
    }
  }
  return { type: 'MultiLineString', coordinates: lines };
}

function inBox(box: BBox, x: number, y: number): boolean {
  return x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3];
}

function edgeKey(a: [number, number], b: [number, number]): string {
  const ka = `${a[0].toFixed(7)},${a[1].toFixed(7)}`;
  const kb = `${b[0].toFixed(7)},${b[1].toFixed(7)}`;
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
}

function isBoundary(
  kecamatan: string,
  a: [number, number],
  b: [number, number],
  inKecamatan: (kecamatan: string, x: number, y: number) => boolean,
): boolean {
  const midX = (a[0] + b[0]) / 2;
  const midY = (a[1] + b[1]) / 2;
  const cosLat = Math.cos((midY * Math.PI) / 180);
  // Work in metres so the probe is perpendicular on the ground, then back to degrees.
  const dx = (b[0] - a[0]) * cosLat;
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return false;
  const step = PROBE_METRES / METRES_PER_DEGREE;
  const nx = ((-dy / length) * step) / cosLat;
  const ny = (dx / length) * step;
  return !(inKecamatan(kecamatan, midX + nx, midY + ny) && inKecamatan(kecamatan, midX - nx, midY - ny));
}
