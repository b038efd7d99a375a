import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Names drawn as HTML over the map instead of a MapLibre symbol layer: kelurahan names, and parcel names at
 * parcel scale.
 *
 * Why: a symbol layer needs a `glyphs` URL serving SDF font ranges. This app must work with no
 * network, and shipping font PBFs would add weight and a build step for a few names. HTML text uses
 * the page's own system font stack, is crisp at any pixel ratio, and needs nothing from the network.
 * The cost is doing collision ourselves: a greedy pass in priority order (selected first, then
 * larger ones). Names are set as text (`textContent`), never as markup: a parcel name is planner input.
 */
export type LabelItem = { id: string; text: string; lngLat: [number, number]; priority: number };

/** A placed label's box in CSS pixels of the map canvas: [left, top, right, bottom]. */
export type LabelBox = [number, number, number, number];

type Placed = { item: LabelItem; element: HTMLSpanElement | null; width: number; height: number };

export type LabelLayerOptions = {
  /** Class of the container, next to `map-labels` (styles.css). */
  variant?: string;
  /** Below this zoom no label shows (parcel names would only clutter the city view). */
  minZoom?: number;
  /** At most this many labels at once, however much room there is. */
  maxVisible?: number;
  /** `data-*` attribute that carries each label's id (tests and styles find labels by it). */
  idAttribute?: string;
  /** Boxes already taken by another label layer drawn above this one. */
  taken?: () => readonly LabelBox[];
};

const PADDING = 4;
/** Elements next to the map that labels keep clear of; see styles.css. */
const OBSTACLE_SELECTOR = '.map-overlay > *, .maplibregl-ctrl';

export class HtmlLabelLayer {
  private readonly map: MapLibreMap;
  private readonly container: HTMLDivElement;
  private readonly options: Required<Omit<LabelLayerOptions, 'variant' | 'taken'>> & Pick<LabelLayerOptions, 'taken'>;
  private labels: Placed[] = [];
  private placedBoxes: LabelBox[] = [];
  private selected: string | null = null;
  private dimmed = new Set<string>();
  private frame = 0;
  private readonly schedule = () => {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.update());
  };

  constructor(map: MapLibreMap, options: LabelLayerOptions = {}) {
    this.map = map;
    this.options = {
      minZoom: options.minZoom ?? 0,
      maxVisible: options.maxVisible ?? Number.POSITIVE_INFINITY,
      idAttribute: options.idAttribute ?? 'kode',
      taken: options.taken,
    };
    this.container = document.createElement('div');
    this.container.className = options.variant ? `map-labels ${options.variant}` : 'map-labels';
    // The panel lists are the accessible representation of these names; here they are decoration.
    this.container.setAttribute('aria-hidden', 'true');
    map.getCanvasContainer().appendChild(this.container);
    map.on('move', this.schedule);
    map.on('resize', this.schedule);
  }

  /**
   * Replaces the labels. Elements are made (and measured) only when a label first comes into view, so a few
   * thousand parcel names cost nothing until the planner zooms in; an element is kept when its label stays.
   */
  setLabels(items: readonly LabelItem[]): void {
    const previous = new Map(this.labels.map((label) => [label.item.id, label]));
    this.labels = items.map((item) => {
      const old = previous.get(item.id);
      previous.delete(item.id);
      if (!old?.element) return { item, element: null, width: 0, height: 0 };
      if (old.item.text === item.text) return { ...old, item };
      old.element.textContent = item.text;
      // Different text, different size: measured again in the next update.
      return { item, element: old.element, width: 0, height: 0 };
    });
    for (const gone of previous.values()) gone.element?.remove();
    this.schedule();
  }

  setSelected(id: string | null): void {
    this.selected = id;
    this.schedule();
  }

  setDimmed(ids: ReadonlySet<string>): void {
    this.dimmed = new Set(ids);
    this.schedule();
  }

  /** Dark text with a light halo over drawn fills, the reverse over satellite imagery. */
  setTheme(theme: 'light' | 'dark'): void {
    this.container.dataset.theme = theme;
  }

  /** How many labels are showing now (for tests and diagnostics). */
  visibleCount(): number {
    return this.labels.filter((label) => label.element?.dataset.visible === 'true').length;
  }

  /** The texts showing now (for tests). */
  visibleTexts(): string[] {
    return this.labels.filter((l) => l.element?.dataset.visible === 'true').map((l) => l.item.text);
  }

  /** Where this layer's labels are now, for a layer placed after it. */
  boxes(): readonly LabelBox[] {
    return this.placedBoxes;
  }

  /** Places the labels now (after another layer moved its own), instead of on the next frame. */
  refresh(): void {
    this.schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('move', this.schedule);
    this.map.off('resize', this.schedule);
    this.container.remove();
  }

  private update(): void {
    this.frame = 0;
    this.placedBoxes = [];
    const canvas = this.map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (this.map.getZoom() < this.options.minZoom) {
      this.container.hidden = true;
      for (const label of this.labels) if (label.element) label.element.dataset.visible = 'false';
      return;
    }
    this.container.hidden = false;
    // Only labels whose anchor is on screen compete; they are projected once per frame.
    const candidates: { label: Placed; x: number; y: number }[] = [];
    for (const label of this.labels) {
      const point = this.map.project(label.item.lngLat);
      if (point.x >= 0 && point.y >= 0 && point.x <= width && point.y <= height) {
        candidates.push({ label, x: point.x, y: point.y });
      } else if (label.element) {
        label.element.dataset.visible = 'false';
      }
    }
    this.materialise(candidates.map((c) => c.label));
    candidates.sort((a, b) => this.rank(b.label) - this.rank(a.label));
    const taken: LabelBox[] = [...this.obstacles(canvas), ...(this.options.taken?.() ?? [])];
    let shown = 0;
    for (const { label, x, y } of candidates) {
      const element = label.element as HTMLSpanElement;
      const x0 = x - label.width / 2 - PADDING;
      const y0 = y - label.height / 2 - PADDING;
      const x1 = x0 + label.width + PADDING * 2;
      const y1 = y0 + label.height + PADDING * 2;
      // Whole labels only: a name cut by the map's edge reads as a different name.
      const onScreen = x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height;
      const free =
        shown < this.options.maxVisible &&
        onScreen &&
        !taken.some((box) => x0 < box[2] && x1 > box[0] && y0 < box[3] && y1 > box[1]);
      element.dataset.visible = String(free);
      element.dataset.selected = String(label.item.id === this.selected);
      element.dataset.dimmed = String(this.dimmed.has(label.item.id));
      if (!free) continue;
      shown += 1;
      taken.push([x0, y0, x1, y1]);
      this.placedBoxes.push([x0, y0, x1, y1]);
      element.style.transform = `translate(${Math.round(x - label.width / 2)}px, ${Math.round(y - label.height / 2)}px)`;
    }
  }

  /** Creates the missing elements, then measures the unmeasured in one go (one layout, not one per label). */
  private materialise(labels: Placed[]): void {
    for (const label of labels) {
      if (label.element) continue;
      const element = document.createElement('span');
      element.className = 'map-label';
      element.textContent = label.item.text;
      element.dataset[this.options.idAttribute] = label.item.id;
      element.dataset.visible = 'false';
      this.container.appendChild(element);
      label.element = element;
    }
    for (const label of labels) {
      if (label.width > 0 || !label.element) continue;
      label.width = label.element.offsetWidth;
      label.height = label.element.offsetHeight;
    }
  }

  /** Boxes of the cards floating over the map (legend, buttons): a half-hidden name reads worse than none. */
  private obstacles(canvas: HTMLCanvasElement): LabelBox[] {
    const origin = canvas.getBoundingClientRect();
    const area = this.map.getContainer().parentElement;
    return [...(area?.querySelectorAll<HTMLElement>(OBSTACLE_SELECTOR) ?? [])].map((element) => {
      const r = element.getBoundingClientRect();
      return [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top];
    });
  }

  private rank(label: Placed): number {
    if (label.item.id === this.selected) return Number.POSITIVE_INFINITY;
    // Names of dimmed kelurahan yield to the ones the filter is about.
    return this.dimmed.has(label.item.id) ? label.item.priority - 1e12 : label.item.priority;
  }
}
