import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Kelurahan names drawn as HTML over the map instead of a MapLibre symbol layer.
 *
 * Why: a symbol layer needs a `glyphs` URL serving SDF font ranges. This app must work with no
 * network, and shipping font PBFs would add weight and a build step for 56 labels. HTML text uses
 * the page's own system font stack, is crisp at any pixel ratio, and needs nothing from the network.
 * The cost is doing collision ourselves: a greedy pass in priority order (selected first, then
 * larger kelurahan), which for a few dozen labels takes well under a millisecond per frame.
 */
export type LabelItem = { id: string; text: string; lngLat: [number, number]; priority: number };

type Placed = { item: LabelItem; element: HTMLSpanElement; width: number; height: number };

const PADDING = 4;
/** Elements next to the map that labels keep clear of; see styles.css. */
const OBSTACLE_SELECTOR = '.map-overlay > *, .maplibregl-ctrl';

export class HtmlLabelLayer {
  private readonly map: MapLibreMap;
  private readonly container: HTMLDivElement;
  private labels: Placed[] = [];
  private selected: string | null = null;
  private dimmed = new Set<string>();
  private frame = 0;
  private readonly schedule = () => {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.update());
  };

  constructor(map: MapLibreMap) {
    this.map = map;
    this.container = document.createElement('div');
    this.container.className = 'map-labels';
    // The panel list is the accessible representation of these names; here they are decoration.
    this.container.setAttribute('aria-hidden', 'true');
    map.getCanvasContainer().appendChild(this.container);
    map.on('move', this.schedule);
    map.on('resize', this.schedule);
  }

  setLabels(items: readonly LabelItem[]): void {
    this.container.replaceChildren();
    this.labels = items.map((item) => {
      const element = document.createElement('span');
      element.className = 'map-label';
      element.textContent = item.text;
      element.dataset.kode = item.id;
      this.container.appendChild(element);
      return { item, element, width: 0, height: 0 };
    });
    // Measure once: the text does not change with the view.
    for (const label of this.labels) {
      label.width = label.element.offsetWidth;
      label.height = label.element.offsetHeight;
    }
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
    return this.labels.filter((label) => label.element.dataset.visible === 'true').length;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.map.off('move', this.schedule);
    this.map.off('resize', this.schedule);
    this.container.remove();
  }

  private update(): void {
    this.frame = 0;
    const canvas = this.map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const order = [...this.labels].sort((a, b) => this.rank(b) - this.rank(a));
    const taken = this.obstacles(canvas);
    for (const label of order) {
      const point = this.map.project(label.item.lngLat);
      const x0 = point.x - label.width / 2 - PADDING;
      const y0 = point.y - label.height / 2 - PADDING;
      const x1 = x0 + label.width + PADDING * 2;
      const y1 = y0 + label.height + PADDING * 2;
      // Whole labels only: a name cut by the map's edge reads as a different name.
      const onScreen = x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height;
      const free = onScreen && !taken.some((box) => x0 < box[2] && x1 > box[0] && y0 < box[3] && y1 > box[1]);
      label.element.dataset.visible = String(free);
      label.element.dataset.selected = String(label.item.id === this.selected);
      label.element.dataset.dimmed = String(this.dimmed.has(label.item.id));
      if (!free) continue;
      taken.push([x0, y0, x1, y1]);
      label.element.style.transform = `translate(${Math.round(point.x - label.width / 2)}px, ${Math.round(point.y - label.height / 2)}px)`;
    }
  }

  /** Boxes of the cards floating over the map (legend, buttons): a half-hidden name reads worse than none. */
  private obstacles(canvas: HTMLCanvasElement): [number, number, number, number][] {
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
