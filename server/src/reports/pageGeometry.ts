import { type AreaGeometry, createLocalProjection, type Position, polygonsOf } from '@tapak/core';

/**
 * Pure geometry of a printed map: fitting lon/lat features into a frame on the page, and choosing the scale
 * bar. No drawing here, so it can be tested without a PDF.
 *
 * Features are projected onto a plane tangent to the WGS 84 ellipsoid at the centre of what is shown (the
 * core's local projection): metres are metres in every direction at that latitude, so the scale bar is true
 * and a 30 × 20 m footprint keeps its proportions. At 6° S a plain lon/lat plot would stretch east-west
 * distances by 1/cos(6°) ≈ 0.6 %, and far more further from the equator.
 */

/** A rectangle on the page in PDF points; `y` grows downwards as in pdfkit. */
export interface FrameBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type PagePoint = [x: number, y: number];

export interface MapTransform {
  /** `[lon, lat]` to a point on the page (points, y down). */
  toPage(position: readonly number[]): PagePoint;
  /** How many points on paper one metre on the ground takes. */
  pointsPerMeter: number;
  /** The frame the features were fitted into. */
  frame: FrameBox;
}

/** Every position of area geometries, for fitting a map extent. */
export function positionsOf(geometries: ReadonlyArray<AreaGeometry | null>): Position[] {
  return geometries.flatMap((geometry) => (geometry ? polygonsOf(geometry).flat(2) : []));
}

/**
 * Fits the positions into the frame, keeping `paddingPoints` free on each side, centred, north up.
 * `minimumSpanMeters` keeps a single small parcel (or one point) from being blown up to fill a page.
 */
export function fitPositionsToFrame(
  positions: ReadonlyArray<readonly number[]>,
  frame: FrameBox,
  paddingPoints: number,
  minimumSpanMeters = 50,
): MapTransform {
  if (positions.length === 0) throw new RangeError('fitPositionsToFrame needs at least one position');
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const [lon = Number.NaN, lat = Number.NaN] of positions) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const projection = createLocalProjection([(minLon + maxLon) / 2, (minLat + maxLat) / 2]);
  // The bounds in metres come from every position, not the lon/lat box corners: meridians converge, so the
  // projected box is not exactly a rectangle.
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const position of positions) {
    const [x, y] = projection.toLocalMeters(position);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const spanXMeters = Math.max(maxX - minX, minimumSpanMeters);
  const spanYMeters = Math.max(maxY - minY, minimumSpanMeters);
  const usableWidthPoints = Math.max(frame.width - 2 * paddingPoints, 1);
  const usableHeightPoints = Math.max(frame.height - 2 * paddingPoints, 1);
  const pointsPerMeter = Math.min(usableWidthPoints / spanXMeters, usableHeightPoints / spanYMeters);
  const centreX = (minX + maxX) / 2;
  const centreY = (minY + maxY) / 2;
  const frameCentreX = frame.x + frame.width / 2;
  const frameCentreY = frame.y + frame.height / 2;
  return {
    pointsPerMeter,
    frame,
    toPage(position) {
      const [x, y] = projection.toLocalMeters(position);
      return [frameCentreX + (x - centreX) * pointsPerMeter, frameCentreY - (y - centreY) * pointsPerMeter];
    },
  };
}

export interface ScaleBar {
  lengthMeters: number;
  widthPoints: number;
}

/**
 * The longest "round" ground length (1, 2 or 5 × 10ⁿ m) whose bar fits in `maxWidthPoints`, so the bar
 * reads at a glance ("500 m", not "437 m").
 */
export function chooseScaleBar(pointsPerMeter: number, maxWidthPoints: number): ScaleBar {
  if (!(pointsPerMeter > 0) || !(maxWidthPoints > 0)) throw new RangeError('scale bar needs positive sizes');
  const maxMeters = maxWidthPoints / pointsPerMeter;
  let exponent = Math.floor(Math.log10(maxMeters));
  let lengthMeters = 0;
  while (lengthMeters === 0) {
    const decade = 10 ** exponent;
    for (const step of [5, 2, 1]) {
      // The small tolerance absorbs log10/pow rounding (e.g. 10 ** 2 * 5 against 499.99999).
      if (step * decade <= maxMeters * (1 + 1e-9)) {
        lengthMeters = step * decade;
        break;
      }
    }
    exponent -= 1;
  }
  // A length below a centimetre would be a rounding artefact of 10 ** negative exponents.
  lengthMeters = Number(lengthMeters.toPrecision(12));
  return { lengthMeters, widthPoints: lengthMeters * pointsPerMeter };
}

/** An axis-aligned box on the page, for label collision tests. */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function boxesOverlap(a: PageBox, b: PageBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function boxInside(inner: PageBox, outer: PageBox): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/**
 * Where to put a label of the given size near an anchor: the first of eight positions around it that stays
 * inside the frame and clear of labels already placed; the first candidate when none is clear.
 */
export function placeLabel(
  anchor: PagePoint,
  size: { width: number; height: number },
  gapPoints: number,
  frame: PageBox,
  placed: readonly PageBox[],
): PageBox {
  const [ax, ay] = anchor;
  const { width, height } = size;
  const candidates: PageBox[] = [
    { x: ax + gapPoints, y: ay - gapPoints - height, width, height },
    { x: ax + gapPoints, y: ay + gapPoints, width, height },
    { x: ax - gapPoints - width, y: ay - gapPoints - height, width, height },
    { x: ax - gapPoints - width, y: ay + gapPoints, width, height },
    { x: ax - width / 2, y: ay - gapPoints - height, width, height },
    { x: ax - width / 2, y: ay + gapPoints, width, height },
    { x: ax + gapPoints, y: ay - height / 2, width, height },
    { x: ax - gapPoints - width, y: ay - height / 2, width, height },
  ];
  const clear = candidates.find((box) => boxInside(box, frame) && placed.every((other) => !boxesOverlap(box, other)));
  return clear ?? candidates.find((box) => boxInside(box, frame)) ?? (candidates[0] as PageBox);
}
