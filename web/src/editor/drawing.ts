import type { Polygon, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  type HexColor,
  type SnapToCustom,
  TerraDraw,
  TerraDrawAngledRectangleMode,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { SnapIndex } from '../domain/snapIndex.ts';

// The only code that talks to terra-draw. It draws one parcel at a time: a drawing tool makes the shape,
// which then becomes an editable polygon (drag vertices, drag a midpoint to insert one, right-click or
// Delete to remove one). Everything the app keeps (history, verdicts) lives outside, in plain geometry.
// Areas never come from terra-draw (spherical): the core measures on the ellipsoid.

export type DrawTool = 'polygon' | 'rectangle' | 'angled-rectangle';
export type DrawingMode = 'idle' | DrawTool | 'edit';

export type DrawingEvents = {
  /** The shape being drawn, as it grows (null when there is no shape yet). */
  onSketch: (geometry: Polygon | null) => void;
  /** A drawing tool finished a shape; it is now being edited. */
  onFinish: (geometry: Polygon) => void;
  /** The edited shape changed; `committed` once a drag ends (a step for undo). */
  onEdit: (geometry: Polygon, committed: boolean) => void;
  onModeChange: (mode: DrawingMode) => void;
};

const BLUE: HexColor = '#1d4ed8';
const WHITE: HexColor = '#ffffff';
const SNAP_PIXELS = 10;
const VERTEX_PICK_PIXELS = 16;

const EDIT_MODE = 'select';
const EDITED_FEATURE_MODE = 'polygon';

export class DrawingController {
  private readonly map: MapLibreMap;
  private readonly draw: TerraDraw;
  private readonly events: DrawingEvents;
  private readonly polygonMode: TerraDrawPolygonMode;
  private snapIndex: SnapIndex | null = null;
  private editId: string | number | null = null;
  private mode: DrawingMode = 'idle';
  private quiet = false;
  private pointer: { x: number; y: number } | null = null;
  /** The edited shape as last reported, to tell which vertex the planner just moved or added. */
  private lastGeometry: Polygon | null = null;
  private lastVertex: Position | null = null;
  private readonly onPointerMove = (event: { point: { x: number; y: number } }) => {
    this.pointer = { x: event.point.x, y: event.point.y };
  };

  constructor(map: MapLibreMap, events: DrawingEvents) {
    this.map = map;
    this.events = events;
    const toCustom: SnapToCustom = (event) => this.snapTo(event.lng, event.lat, event.containerX, event.containerY);
    const drawStyles = {
      fillColor: BLUE,
      fillOpacity: 0.14,
      outlineColor: BLUE,
      outlineWidth: 2.5,
    };
    this.polygonMode = new TerraDrawPolygonMode({
      snapping: { toCoordinate: true, toCustom },
      keyEvents: { cancel: null, finish: 'Enter' },
      pointerDistance: 24,
      styles: {
        ...drawStyles,
        closingPointColor: WHITE,
        closingPointWidth: 6,
        closingPointOutlineColor: BLUE,
        closingPointOutlineWidth: 2.5,
        snappingPointColor: '#f59e0b',
        snappingPointWidth: 6,
        snappingPointOutlineColor: WHITE,
        snappingPointOutlineWidth: 2,
      },
    });
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 }),
      modes: [
        this.polygonMode,
        new TerraDrawRectangleMode({ keyEvents: { cancel: null, finish: null }, styles: drawStyles }),
        new TerraDrawAngledRectangleMode({ keyEvents: { cancel: null, finish: null }, styles: drawStyles }),
        new TerraDrawSelectMode({
          allowManualDeselection: false,
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          pointerDistance: 24,
          flags: {
            [EDITED_FEATURE_MODE]: {
              feature: {
                draggable: true,
                selfIntersectable: true,
                coordinates: {
                  draggable: true,
                  midpoints: true,
                  deletable: true,
                  snappable: { toCustom },
                },
              },
            },
          },
          styles: {
            selectedPolygonColor: BLUE,
            selectedPolygonFillOpacity: 0.12,
            selectedPolygonOutlineColor: BLUE,
            selectedPolygonOutlineWidth: 3,
            selectionPointColor: WHITE,
            selectionPointWidth: 6,
            selectionPointOutlineColor: BLUE,
            selectionPointOutlineWidth: 2.5,
            midPointColor: BLUE,
            midPointWidth: 3.5,
            midPointOutlineColor: WHITE,
            midPointOutlineWidth: 1.5,
          },
        }),
      ],
    });
    this.draw.start();
    this.draw.on('change', (ids, type) => this.handleChange(ids, type));
    this.draw.on('finish', (id, context) => this.handleFinish(id, context.action));
    map.on('mousemove', this.onPointerMove);
  }

  getMode(): DrawingMode {
    return this.mode;
  }

  /** True while a drawing tool has a shape under way (not yet finished). */
  isSketching(): boolean {
    return this.mode !== 'idle' && this.mode !== 'edit' && this.draw.getModeState() === 'drawing';
  }

  setSnapIndex(index: SnapIndex | null): void {
    this.snapIndex = index;
  }

  /** Starts a drawing tool. Whatever was being edited is dropped from the map (the app keeps it). */
  startDrawing(tool: DrawTool): void {
    this.withQuiet(() => {
      this.draw.setMode('static');
      this.draw.clear();
      this.editId = null;
      this.draw.setMode(tool);
    });
    this.setMode(tool);
    this.events.onSketch(null);
  }

  /** Shows `geometry` as the editable shape. */
  edit(geometry: Polygon): void {
    this.withQuiet(() => {
      this.draw.setMode('static');
      this.draw.clear();
      const id = this.draw.getFeatureId();
      const [result] = this.draw.addFeatures([
        { id, type: 'Feature', geometry: closeRings(geometry), properties: { mode: EDITED_FEATURE_MODE } },
      ]);
      if (!result?.valid) throw new Error(`terra-draw refused the geometry: ${result?.reason ?? 'unknown'}`);
      this.editId = id;
      this.draw.setMode(EDIT_MODE);
      this.draw.selectFeature(id);
    });
    this.lastGeometry = geometry;
    this.lastVertex = null;
    this.setMode('edit');
  }

  /** Replaces the edited shape (undo, redo, pasted coordinates) without reporting it back as an edit. */
  replace(geometry: Polygon): void {
    if (this.editId === null) {
      this.edit(geometry);
      return;
    }
    const id = this.editId;
    this.withQuiet(() => {
      this.draw.deselectFeature(id);
      this.draw.updateFeatureGeometry(id, closeRings(geometry));
      this.draw.selectFeature(id);
    });
    this.lastGeometry = geometry;
    this.lastVertex = null;
  }

  /** Abandons a shape under way; an edited shape stays. */
  cancelSketch(): void {
    if (this.mode === 'idle' || this.mode === 'edit') return;
    this.withQuiet(() => this.draw.setMode('static'));
    this.setMode('idle');
    this.events.onSketch(null);
  }

  /** Removes the last placed point of a polygon under way. */
  undoPoint(): boolean {
    if (this.mode !== 'polygon' || this.draw.getModeState() !== 'drawing') return false;
    if (this.polygonMode.undoSize() === 0) return false;
    this.polygonMode.undo();
    return true;
  }

  /** Removes the vertex the planner last moved or added (the toolbar button; phones have no Delete key). */
  removeLastEditedVertex(): Polygon | null {
    const vertex = this.lastVertex;
    if (!vertex) return null;
    const projected = this.map.project([vertex[0] as number, vertex[1] as number]);
    return this.removeVertexNearPointer({ x: projected.x, y: projected.y });
  }

  /** Removes the vertex nearest to the pointer (or to `point`), if one is close; null if none was removed. */
  removeVertexNearPointer(point = this.pointer): Polygon | null {
    if (this.editId === null || !point) return null;
    const feature = this.draw.getSnapshotFeature(this.editId);
    if (feature?.geometry.type !== 'Polygon') return null;
    const rings = feature.geometry.coordinates.map((ring) => ring.slice());
    let best: { ring: number; index: number; distance: number } | null = null;
    rings.forEach((ring, r) => {
      // The closing position repeats the first: consider each vertex once.
      for (let i = 0; i < ring.length - 1; i++) {
        const position = ring[i] as Position;
        const projected = this.map.project([position[0] as number, position[1] as number]);
        const distance = Math.hypot(projected.x - point.x, projected.y - point.y);
        if (distance <= VERTEX_PICK_PIXELS && (!best || distance < best.distance))
          best = { ring: r, index: i, distance };
      }
    });
    if (!best) return null;
    const { ring: r, index } = best;
    const ring = rings[r] as Position[];
    // A ring needs three distinct vertices (four positions with the closing one).
    if (ring.length <= 4) return null;
    ring.splice(index, 1);
    if (index === 0) ring[ring.length - 1] = ring[0] as Position;
    const geometry: Polygon = { type: 'Polygon', coordinates: rings };
    this.replace(geometry);
    return geometry;
  }

  /** Clears the map and stops drawing or editing. */
  clear(): void {
    this.withQuiet(() => {
      this.draw.setMode('static');
      this.draw.clear();
    });
    this.editId = null;
    this.setMode('idle');
  }

  destroy(): void {
    this.map.off('mousemove', this.onPointerMove);
    this.withQuiet(() => this.draw.stop());
  }

  private setMode(mode: DrawingMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.events.onModeChange(mode);
  }

  private withQuiet(action: () => void): void {
    const before = this.quiet;
    this.quiet = true;
    try {
      action();
    } finally {
      this.quiet = before;
    }
  }

  private snapTo(lng: number, lat: number, x: number, y: number): Position | undefined {
    if (!this.snapIndex) return undefined;
    const away = this.map.unproject([x, y + SNAP_PIXELS]);
    const tolerance = Math.abs(away.lat - lat);
    const hit = this.snapIndex.nearest(lng, lat, tolerance);
    return hit ? hit.position : undefined;
  }

  private polygonOf(id: string | number): Polygon | null {
    const feature = this.draw.getSnapshotFeature(id) as GeoJSONStoreFeatures | undefined;
    return feature?.geometry.type === 'Polygon' ? (feature.geometry as Polygon) : null;
  }

  private handleChange(ids: (string | number)[], type: string): void {
    if (this.quiet || type === 'delete') return;
    if (this.mode === 'edit') {
      if (this.editId !== null && ids.includes(this.editId)) {
        const geometry = this.polygonOf(this.editId);
        if (geometry) this.events.onEdit(geometry, false);
      }
      return;
    }
    if (this.mode === 'idle') return;
    for (const id of ids) {
      const feature = this.draw.getSnapshotFeature(id);
      // Guidance points (closing, snapping) share the store with the shape: only the polygon counts.
      if (feature?.geometry.type === 'Polygon' && feature.properties.mode === this.mode) {
        this.events.onSketch(feature.geometry as Polygon);
        return;
      }
    }
  }

  private handleFinish(id: string | number, action: string): void {
    if (this.quiet) return;
    if (action === 'draw' && this.mode !== 'edit' && this.mode !== 'idle') {
      const geometry = this.polygonOf(id);
      if (!geometry) return;
      this.edit(geometry);
      this.events.onFinish(geometry);
      return;
    }
    if (this.mode === 'edit' && id === this.editId) {
      const geometry = this.polygonOf(id);
      if (!geometry) return;
      this.lastVertex = movedVertex(this.lastGeometry, geometry);
      this.lastGeometry = geometry;
      this.events.onEdit(geometry, true);
    }
  }
}

/** A vertex of `after` that `before` does not have: the one just dragged or inserted. */
function movedVertex(before: Polygon | null, after: Polygon): Position | null {
  const known = new Set((before?.coordinates ?? []).flat().map((p) => `${p[0]},${p[1]}`));
  for (const position of after.coordinates.flat()) if (!known.has(`${position[0]},${position[1]}`)) return position;
  return null;
}

const PRECISION = 1e9;
const round = (value: number) => Math.round(value * PRECISION) / PRECISION;

/**
 * terra-draw wants closed rings and at most `coordinatePrecision` (9) decimals, about 0,1 mm: more
 * than any survey holds, so rounding changes nothing a planner could measure.
 */
function closeRings(geometry: Polygon): Polygon {
  return {
    type: 'Polygon',
    coordinates: geometry.coordinates.map((ring) => {
      const positions = ring.map((p) => [round(p[0] as number), round(p[1] as number)]);
      const first = positions[0];
      const last = positions[positions.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1]))
        positions.push([first[0] as number, first[1] as number]);
      return positions;
    }),
  };
}
