import type { Position } from 'geojson';

// Snapping while drawing: the nearest vertex, else the nearest point on an edge, of kelurahan boundaries
// and other parcels. Segments are bucketed in a grid of about 110 m cells so a lookup touches a handful.
// Distances are measured in a local plane (longitude scaled by cos φ), fine at snapping tolerances.

type Segment = { ax: number; ay: number; bx: number; by: number };

const CELL = 0.001;

export type SnapHit = { position: [number, number]; kind: 'vertex' | 'edge' };

export class SnapIndex {
  private readonly cells = new Map<string, Segment[]>();
  private readonly cosLat: number;

  constructor(rings: readonly (readonly Position[])[], referenceLat = -6.25) {
    this.cosLat = Math.cos((referenceLat * Math.PI) / 180);
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as Position;
        const b = ring[i + 1] as Position;
        this.add({ ax: a[0] as number, ay: a[1] as number, bx: b[0] as number, by: b[1] as number });
      }
    }
  }

  private add(segment: Segment): void {
    const x0 = Math.floor(Math.min(segment.ax, segment.bx) / CELL);
    const x1 = Math.floor(Math.max(segment.ax, segment.bx) / CELL);
    const y0 = Math.floor(Math.min(segment.ay, segment.by) / CELL);
    const y1 = Math.floor(Math.max(segment.ay, segment.by) / CELL);
    // Very long edges (rare in boundaries) are bucketed by their box: slightly more candidates, never misses.
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const key = `${x}:${y}`;
        const list = this.cells.get(key);
        if (list) list.push(segment);
        else this.cells.set(key, [segment]);
      }
    }
  }

  get size(): number {
    return this.cells.size;
  }

  /**
   * The snap target within `tolerance` degrees (of latitude) of (lon, lat): vertices win over edges when
   * both are in reach, so corners stay corners.
   */
  nearest(lon: number, lat: number, tolerance: number): SnapHit | null {
    const reachX = tolerance / this.cosLat;
    const x0 = Math.floor((lon - reachX) / CELL);
    const x1 = Math.floor((lon + reachX) / CELL);
    const y0 = Math.floor((lat - tolerance) / CELL);
    const y1 = Math.floor((lat + tolerance) / CELL);
    let bestVertex: [number, number] | null = null;
    let bestVertexD = tolerance * tolerance;
    let bestEdge: [number, number] | null = null;
    let bestEdgeD = tolerance * tolerance;
    const c = this.cosLat;
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        for (const s of this.cells.get(`${x}:${y}`) ?? []) {
          for (const [vx, vy] of [
            [s.ax, s.ay],
            [s.bx, s.by],
          ] as const) {
            const d = ((vx - lon) * c) ** 2 + (vy - lat) ** 2;
            if (d <= bestVertexD) {
              bestVertexD = d;
              bestVertex = [vx, vy];
            }
          }
          const dx = (s.bx - s.ax) * c;
          const dy = s.by - s.ay;
          const len = dx * dx + dy * dy;
          if (len === 0) continue;
          const t = Math.max(0, Math.min(1, ((lon - s.ax) * c * dx + (lat - s.ay) * dy) / len));
          const px = s.ax + (t * dx) / c;
          const py = s.ay + t * dy;
          const d = ((px - lon) * c) ** 2 + (py - lat) ** 2;
          if (d < bestEdgeD) {
            bestEdgeD = d;
            bestEdge = [px, py];
          }
        }
      }
    }
    if (bestVertex) return { position: bestVertex, kind: 'vertex' };
    if (bestEdge) return { position: bestEdge, kind: 'edge' };
    return null;
  }
}
