import type { Polygon, Position } from 'geojson';
import { type Map as MapLibreMap, type MapMouseEvent, Marker } from 'maplibre-gl';
import {
  type GeoJSONStoreFeatures,
  type HexColor,
  type SnapToCustom,
  TerraDraw,
  type TerraDrawMouseEvent,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { SnapIndex } from '../domain/snapIndex.ts';
import {
  type EditableGeometry,
  type EditLayout,
  movedVertex,
  pickRing,
  reassemble,
  sameLayout,
  splitForEditing,
} from './multipart.ts';
import { SnappingAngledRectangleMode, SnappingRectangleMode, snappedEvent } from './snappingModes.ts';

// The only code that talks to terra-draw. It draws one parcel at a time: a drawing tool makes the shape,
// which then becomes an editable polygon (drag vertices, drag a midpoint to insert one, right-click or
// Delete to remove one). A parcel of several parts or with holes is edited ring by ring (multipart.ts):
// click a part or a hole to edit its vertices. Everything the app keeps (history, verdicts) lives outside,
// in plain geometry. Areas never come from terra-draw (spherical): the core measures on the ellipsoid.

export type DrawTool = 'polygon' | 'rectangle' | 'angled-rectangle';
export type DrawingMode = 'idle' | DrawTool | 'edit';

export type DrawingEvents = {
  /** The shape being drawn, as it grows (null when there is no shape yet). */
  onSketch: (geometry: Polygon | null) => void;
  /** A drawing tool finished a shape; it is now being edited. */
  onFinish: (geometry: Polygon) => void;
  /** The edited shape changed (the whole parcel, all parts and holes); `committed` once a drag ends. */
  onEdit: (geometry: EditableGeometry, committed: boolean) => void;
  onModeChange: (mode: DrawingMode) => void;
};

const BLUE: HexColor = '#1d4ed8';
const WHITE: HexColor = '#ffffff';
/** Holes are drawn as their own polygons: a pale fill says "not part of the parcel". */
const HOLE_FILL_OPACITY = 0.6;
const HOLE_PROPERTY = 'tapakHole';
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
  /** terra-draw's feature per ring of the edited parcel, in the layout's order. */
  private editIds: (string | number)[] = [];
  private layout: EditLayout | null = null;
  /** The ring whose vertices are being edited (terra-draw selects one feature at a time). */
  private selectedRing = 0;
  /** Shows where a rectangle corner will snap (terra-draw draws no snapping point for those tools). */
  private readonly snapMarker: Marker;
  private mode: DrawingMode = 'idle';
  private quiet = false;
  private pointer: { x: number; y: number } | null = null;
  /** The edited shape as last reported, to tell which vertex the planner just moved or added. */
  private lastGeometry: EditableGeometry | null = null;
  private lastVertex: Position | null = null;
  private readonly onPointerMove = (event: { point: { x: number; y: number } }) => {
    this.pointer = { x: event.point.x, y: event.point.y };
  };
  /** With several rings, a click picks the innermost ring under it (terra-draw would pick either). */
  private readonly onMapClick = (event: MapMouseEvent) => {
    if (this.mode !== 'edit' || this.editIds.length < 2) return;
    const rings = this.editIds.map((id) => this.ringOf(id) ?? []);
    const index = pickRing(
      rings,
      event.point,
      (position) => this.map.project([position[0] as number, position[1] as number]),
      VERTEX_PICK_PIXELS,
    );
    if (index !== null) this.selectRing(index);
  };

  constructor(map: MapLibreMap, events: DrawingEvents) {
    this.map = map;
    this.events = events;
    const toCustom: SnapToCustom = (event) => this.snapTo(event.lng, event.lat, event.containerX, event.containerY);
    const isHole = (feature: GeoJSONStoreFeatures) => feature.properties[HOLE_PROPERTY] === true;
    const drawStyles = {
      fillColor: (feature: GeoJSONStoreFeatures) => (isHole(feature) ? WHITE : BLUE),
      fillOpacity: (feature: GeoJSONStoreFeatures) => (isHole(feature) ? HOLE_FILL_OPACITY : 0.14),
      outlineColor: BLUE,
      outlineWidth: 2.5,
    };
    const markerElement = document.createElement('div');
    markerElement.className = 'snap-marker';
    markerElement.setAttribute('aria-hidden', 'true');
    Object.assign(markerElement.style, {
      width: '12px',
      height: '12px',
      borderRadius: '50%',
      background: '#f59e0b',
      border: '2px solid #ffffff',
      boxShadow: '0 0 0 1px rgb(0 0 0 / 35%)',
      pointerEvents: 'none',
    });
    this.snapMarker = new Marker({ element: markerElement });
    const snapEvent = (event: TerraDrawMouseEvent) => this.snapPointer(event);
    const rectangleMode = new SnappingRectangleMode({ keyEvents: { cancel: null, finish: null }, styles: drawStyles });
    rectangleMode.snap = snapEvent;
    const angledRectangleMode = new SnappingAngledRectangleMode({
      keyEvents: { cancel: null, finish: null },
      styles: drawStyles,
    });
    angledRectangleMode.snap = snapEvent;
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
        rectangleMode,
        angledRectangleMode,
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
            selectedPolygonColor: (feature) => (isHole(feature) ? WHITE : BLUE),
            selectedPolygonFillOpacity: (feature) => (isHole(feature) ? HOLE_FILL_OPACITY : 0.12),
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
    this.draw.on('select', (id) => {
      const index = this.editIds.indexOf(id);
      if (index >= 0) this.selectedRing = index;
    });
    map.on('mousemove', this.onPointerMove);
    map.on('click', this.onMapClick);
  }

  /** How many rings the edited parcel has (parts' outlines and holes); 0 when nothing is edited. */
  ringCount(): number {
    return this.editIds.length;
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
      this.editIds = [];
      this.layout = null;
      this.draw.setMode(tool);
    });
    this.setMode(tool);
    this.events.onSketch(null);
  }

  /**
   * Shows `geometry` as the editable shape: one terra-draw polygon per ring, the ring `selected` (an index in
   * the split order) ready for vertex editing.
   */
  edit(geometry: EditableGeometry, selected = 0): void {
    const { layout, rings } = splitForEditing(geometry);
    this.withQuiet(() => {
      this.draw.setMode('static');
      this.draw.clear();
      const ids = rings.map(() => this.draw.getFeatureId());
      const results = this.draw.addFeatures(
        rings.map((ring, index) => ({
          id: ids[index],
          type: 'Feature' as const,
          geometry: closeRings(ring),
          properties: { mode: EDITED_FEATURE_MODE, [HOLE_PROPERTY]: (layout.rings[index]?.ring ?? 0) > 0 },
        })),
      );
      const refused = results.find((result) => !result.valid);
      if (refused) throw new Error(`terra-draw refused the geometry: ${refused.reason ?? 'unknown'}`);
      this.editIds = ids;
      this.layout = layout;
      this.selectedRing = Math.min(Math.max(0, selected), ids.length - 1);
      this.draw.setMode(EDIT_MODE);
      this.draw.selectFeature(ids[this.selectedRing] as string | number);
    });
    this.lastGeometry = geometry;
    this.lastVertex = null;
    this.setMode('edit');
  }

  /** Replaces the edited shape (undo, redo, pasted coordinates) without reporting it back as an edit. */
  replace(geometry: EditableGeometry): void {
    const { layout, rings } = splitForEditing(geometry);
    if (this.editIds.length === 0 || !sameLayout(this.layout, layout)) {
      // Parts or holes came or went: rebuild, staying on the same ring where it still exists.
      this.edit(geometry, this.selectedRing);
      return;
    }
    const selectedId = this.editIds[this.selectedRing] as string | number;
    this.withQuiet(() => {
      this.draw.deselectFeature(selectedId);
      this.editIds.forEach((id, index) => {
        this.draw.updateFeatureGeometry(id, closeRings(rings[index] as Polygon));
      });
      this.draw.selectFeature(selectedId);
    });
    this.lastGeometry = geometry;
    this.lastVertex = null;
  }

  /** Makes ring `index` (split order) the one whose vertices are edited. */
  selectRing(index: number): void {
    const id = this.editIds[index];
    if (id === undefined || index === this.selectedRing) return;
    this.withQuiet(() => this.draw.selectFeature(id));
    this.selectedRing = index;
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
  removeLastEditedVertex(): EditableGeometry | null {
    const vertex = this.lastVertex;
    if (!vertex) return null;
    const projected = this.map.project([vertex[0] as number, vertex[1] as number]);
    return this.removeVertexNearPointer({ x: projected.x, y: projected.y });
  }

  /** Removes the vertex nearest to the pointer (or to `point`), if one is close; null if none was removed. */
  removeVertexNearPointer(point = this.pointer): EditableGeometry | null {
    if (this.editIds.length === 0 || !this.layout || !point) return null;
    const rings = this.editIds.map((id) => (this.ringOf(id) ?? []).slice());
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
    const geometry = reassemble(
      this.layout,
      rings.map((edited) => [edited]),
    );
    this.replace(geometry);
    return geometry;
  }

  /** Clears the map and stops drawing or editing. */
  clear(): void {
    this.withQuiet(() => {
      this.draw.setMode('static');
      this.draw.clear();
    });
    this.editIds = [];
    this.layout = null;
    this.snapMarker.remove();
    this.setMode('idle');
  }

  destroy(): void {
    this.map.off('mousemove', this.onPointerMove);
    this.map.off('click', this.onMapClick);
    this.snapMarker.remove();
    this.withQuiet(() => this.draw.stop());
  }

  private setMode(mode: DrawingMode): void {
    if (mode === this.mode) return;
    if (mode !== 'rectangle' && mode !== 'angled-rectangle') this.snapMarker.remove();
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

  /** A rectangle tool's pointer event, moved onto the snap target (and the target shown) when one is near. */
  private snapPointer(event: TerraDrawMouseEvent): TerraDrawMouseEvent {
    const target = this.snapTo(event.lng, event.lat, event.containerX, event.containerY);
    if (target) this.snapMarker.setLngLat([target[0] as number, target[1] as number]).addTo(this.map);
    else this.snapMarker.remove();
    return snappedEvent(event, target);
  }

  private polygonOf(id: string | number): Polygon | null {
    const feature = this.draw.getSnapshotFeature(id) as GeoJSONStoreFeatures | undefined;
    return feature?.geometry.type === 'Polygon' ? (feature.geometry as Polygon) : null;
  }

  private ringOf(id: string | number): Position[] | null {
    return this.polygonOf(id)?.coordinates[0] ?? null;
  }

  /** The whole parcel from terra-draw's rings as they are now. */
  private assembled(): EditableGeometry | null {
    if (!this.layout) return null;
    const rings: Position[][][] = [];
    for (const id of this.editIds) {
      const ring = this.ringOf(id);
      if (!ring) return null;
      rings.push([ring]);
    }
    return reassemble(this.layout, rings);
  }

  private handleChange(ids: (string | number)[], type: string): void {
    if (this.quiet || type === 'delete') return;
    if (this.mode === 'edit') {
      if (ids.some((id) => this.editIds.includes(id))) {
        const geometry = this.assembled();
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
    if (this.mode === 'edit' && this.editIds.includes(id)) {
      const geometry = this.assembled();
      if (!geometry) return;
      this.lastVertex = movedVertex(this.lastGeometry, geometry);
      this.lastGeometry = geometry;
      this.events.onEdit(geometry, true);
    }
  }
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
