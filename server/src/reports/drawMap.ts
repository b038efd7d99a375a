import { type AreaGeometry, formatNumber, type Position, polygonsOf } from '@tapak/core';
import type { KelurahanReportData, ReportParcel } from './kelurahanReportData.ts';
import {
  chooseScaleBar,
  type FrameBox,
  fitPositionsToFrame,
  type MapTransform,
  type PageBox,
  placeLabel,
} from './pageGeometry.ts';
import { colors, fonts } from './reportDocument.ts';
import { footprintLabel, verdictOrder, verdictStyles } from './reportLabels.ts';

/**
 * The kelurahan map as vector drawing, offline: neighbours in grey, the boundary, candidate parcels filled by
 * verdict, each placed 30 × 20 m footprint, rank labels, a north arrow and a scale bar. No basemap: the
 * server never reaches the network for a report.
 */

type Doc = PDFKit.PDFDocument;

const boundaryStroke = '#1e293b';
const neighbourStroke = '#94a3b8';
const footprintFill = '#1e293b';
const primaryStroke = '#1d4ed8';
/** Parcels smaller than this on paper also get a dot, so a 40 × 30 m parcel on a 3 km map is findable. */
const minimumVisiblePoints = 5;

/** Traces the polygons as one path (holes included; fill with the even-odd rule). */
export function tracePolygons(doc: Doc, geometry: AreaGeometry, transform: MapTransform): void {
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      ring.forEach((position, index) => {
        const [x, y] = transform.toPage(position);
        if (index === 0) doc.moveTo(x, y);
        else doc.lineTo(x, y);
      });
      doc.closePath();
    }
  }
}

function pageExtent(geometry: AreaGeometry, transform: MapTransform): { width: number; height: number } {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const position of polygonsOf(geometry).flat(2)) {
    const [x, y] = transform.toPage(position);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { width: maxX - minX, height: maxY - minY };
}

function insideFrame([x, y]: [number, number], frame: FrameBox, insetPoints: number): boolean {
  return (
    x >= frame.x + insetPoints &&
    x <= frame.x + frame.width - insetPoints &&
    y >= frame.y + insetPoints &&
    y <= frame.y + frame.height - insetPoints
  );
}

function drawParcel(doc: Doc, parcel: ReportParcel, transform: MapTransform): void {
  const style = verdictStyles[parcel.verdict];
  doc.save();
  tracePolygons(doc, parcel.geometry, transform);
  doc.fillOpacity(0.55).lineWidth(parcel.isPrimary ? 1.6 : 0.8);
  doc.fillAndStroke(style.fill, parcel.isPrimary ? primaryStroke : style.ink, 'even-odd');
  doc.restore();
  if (parcel.footprint) {
    doc.save();
    tracePolygons(doc, parcel.footprint, transform);
    doc.fillOpacity(0.7).lineWidth(0.4).fillAndStroke(footprintFill, '#ffffff');
    doc.restore();
  }
  const size = pageExtent(parcel.geometry, transform);
  if (size.width < minimumVisiblePoints && size.height < minimumVisiblePoints) {
    const [x, y] = transform.toPage(parcel.labelPosition);
    doc.save();
    doc
      .circle(x, y, 2.6)
      .lineWidth(0.8)
      .fillAndStroke(style.fill, parcel.isPrimary ? primaryStroke : style.ink);
    doc.restore();
  }
}

function drawParcelLabels(doc: Doc, parcels: readonly ReportParcel[], transform: MapTransform): void {
  const placed: PageBox[] = [];
  doc.font(fonts.bold).fontSize(7);
  for (const parcel of parcels) {
    const text = String(parcel.rank);
    const anchor = transform.toPage(parcel.labelPosition);
    if (!insideFrame(anchor, transform.frame, 0)) continue;
    const box = placeLabel(anchor, { width: doc.widthOfString(text) + 6, height: 10 }, 4, transform.frame, placed);
    placed.push(box);
    const ink = parcel.isPrimary ? primaryStroke : verdictStyles[parcel.verdict].ink;
    doc.save();
    doc
      .moveTo(anchor[0], anchor[1])
      .lineTo(box.x + box.width / 2, box.y + box.height / 2)
      .lineWidth(0.5)
      .stroke(ink);
    doc
      .roundedRect(box.x, box.y, box.width, box.height, 2)
      .lineWidth(parcel.isPrimary ? 1.2 : 0.6)
      .fillAndStroke('#ffffff', ink);
    doc.fillColor(ink).text(text, box.x, box.y + 1.6, { width: box.width, align: 'center', lineBreak: false });
    doc.restore();
  }
}

export function drawNorthArrow(doc: Doc, frame: FrameBox): void {
  const cx = frame.x + frame.width - 16;
  const top = frame.y + 10;
  doc.save();
  doc
    .roundedRect(cx - 10, top - 3, 20, 32, 2)
    .fillOpacity(0.85)
    .fill('#ffffff');
  doc.fillOpacity(1);
  // A two-tone arrow: the dark half on the east side, the usual printed-map convention.
  doc.polygon([cx, top + 10], [cx + 5, top + 26], [cx, top + 22]).fill(colors.ink);
  doc
    .polygon([cx, top + 10], [cx - 5, top + 26], [cx, top + 22])
    .lineWidth(0.6)
    .fillAndStroke('#ffffff', colors.ink);
  doc.font(fonts.bold).fontSize(7).fillColor(colors.ink);
  doc.text('U', cx - 10, top, { width: 20, align: 'center', lineBreak: false });
  doc.restore();
}

/** Scale bar at the bottom left of the frame: two alternating segments, labelled in metres (id-ID). */
export function drawScaleBar(doc: Doc, frame: FrameBox, pointsPerMeter: number, maxWidthPoints: number): void {
  const bar = chooseScaleBar(pointsPerMeter, maxWidthPoints);
  const x = frame.x + 10;
  const y = frame.y + frame.height - 16;
  const label = `${formatNumber(bar.lengthMeters, 'id', 2)} m`;
  doc.save();
  doc.font(fonts.regular).fontSize(6.5);
  const labelWidth = doc.widthOfString(label);
  doc
    .roundedRect(x - 5, y - 11, bar.widthPoints + labelWidth + 18, 20, 2)
    .fillOpacity(0.85)
    .fill('#ffffff');
  doc.fillOpacity(1);
  const half = bar.widthPoints / 2;
  doc.rect(x, y, half, 3.5).fill(colors.ink);
  doc
    .rect(x + half, y, half, 3.5)
    .lineWidth(0.6)
    .fillAndStroke('#ffffff', colors.ink);
  doc.fillColor(colors.ink);
  doc.text('0', x - 2, y - 9, { lineBreak: false });
  doc.text(`${formatNumber(bar.lengthMeters / 2, 'id', 2)}`, x + half - 10, y - 9, {
    width: 20,
    align: 'center',
    lineBreak: false,
  });
  doc.text(label, x + bar.widthPoints + 4, y - 1.5, { lineBreak: false });
  doc.restore();
}

export interface DrawMapOptions {
  /** The positions the map must show; the frame is fitted to them. */
  extent: Position[];
  paddingPoints: number;
  /** Rank labels and neighbour names: on for the kelurahan map, off for a close-up. */
  labels: boolean;
  maxScaleBarPoints: number;
}

/** Draws the map into the frame (clipped to it) and returns the transform it used. */
export function drawMap(
  doc: Doc,
  frame: FrameBox,
  data: Pick<KelurahanReportData, 'kelurahan' | 'neighbours' | 'parcels'>,
  options: DrawMapOptions,
): MapTransform {
  const transform = fitPositionsToFrame(options.extent, frame, options.paddingPoints);
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).fill('#eef2f7');
  doc.rect(frame.x, frame.y, frame.width, frame.height).clip();

  for (const neighbour of data.neighbours) {
    doc.save();
    tracePolygons(doc, neighbour.boundary, transform);
    doc.lineWidth(0.6).fillAndStroke('#f8fafc', neighbourStroke, 'even-odd');
    doc.restore();
  }
  if (options.labels) {
    doc.font(fonts.italic).fontSize(6.5).fillColor(colors.muted);
    for (const neighbour of data.neighbours) {
      const anchor = transform.toPage(neighbour.labelPosition);
      if (!insideFrame(anchor, frame, 30)) continue;
      doc.text(neighbour.nama, anchor[0] - 40, anchor[1] - 3, { width: 80, align: 'center', lineBreak: false });
    }
  }
  if (data.kelurahan.boundary) {
    doc.save();
    tracePolygons(doc, data.kelurahan.boundary, transform);
    doc.lineWidth(1.4).fillAndStroke('#ffffff', boundaryStroke, 'even-odd');
    doc.restore();
  }
  // Worst rank first, so the best candidates are drawn on top where parcels overlap.
  for (const parcel of [...data.parcels].reverse()) drawParcel(doc, parcel, transform);
  if (options.labels) drawParcelLabels(doc, data.parcels, transform);
  doc.restore();

  drawNorthArrow(doc, frame);
  drawScaleBar(doc, frame, transform.pointsPerMeter, options.maxScaleBarPoints);
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).lineWidth(0.8).stroke(colors.ink);
  doc.restore();
  return transform;
}

/** The legend as one row of swatches under the map; returns its height in points. */
export function drawMapLegend(doc: Doc, x: number, y: number, widthPoints: number): number {
  const items: Array<{ label: string; draw: (sx: number, sy: number) => void }> = [
    {
      label: 'Batas kelurahan',
      draw: (sx, sy) => doc.rect(sx, sy, 14, 8).lineWidth(1.2).fillAndStroke('#ffffff', boundaryStroke),
    },
    ...verdictOrder.map((verdict) => ({
      label: verdictStyles[verdict].label,
      draw: (sx: number, sy: number) =>
        doc
          .rect(sx, sy, 14, 8)
          .lineWidth(0.8)
          .fillOpacity(0.55)
          .fillAndStroke(verdictStyles[verdict].fill, verdictStyles[verdict].ink)
          .fillOpacity(1),
    })),
    {
      label: footprintLabel,
      draw: (sx, sy) =>
        doc
          .rect(sx + 3, sy + 1.5, 8, 5)
          .fillOpacity(0.7)
          .fill(footprintFill)
          .fillOpacity(1),
    },
    {
      label: 'Lokasi utama (garis biru)',
      draw: (sx, sy) => doc.rect(sx, sy, 14, 8).lineWidth(1.6).stroke(primaryStroke),
    },
  ];
  doc.save();
  doc.font(fonts.regular).fontSize(7).fillColor(colors.ink);
  let cx = x;
  let cy = y;
  const rowHeight = 12;
  for (const item of items) {
    const itemWidth = 18 + doc.widthOfString(item.label) + 12;
    if (cx + itemWidth > x + widthPoints) {
      cx = x;
      cy += rowHeight;
    }
    doc.save();
    item.draw(cx, cy + 0.5);
    doc.restore();
    doc.font(fonts.regular).fontSize(7).fillColor(colors.ink);
    doc.text(item.label, cx + 18, cy, { lineBreak: false });
    cx += itemWidth;
  }
  doc.font(fonts.italic).fontSize(6.5).fillColor(colors.muted);
  cy += rowHeight;
  doc.text(
    'Angka = peringkat calon lokasi (1 = terbaik) · Proyeksi bidang singgung lokal WGS 84, utara ke atas · Legend: boundary, verdict, 30 × 20 m footprint, primary site',
    x,
    cy,
    { width: widthPoints, lineBreak: false, ellipsis: true },
  );
  doc.restore();
  return cy + rowHeight - y;
}
