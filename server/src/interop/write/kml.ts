import { legalStatusLabels, ownerClassLabels, parcelStatusLabels } from '@tapak/core';
import { type FlatValue, parcelColumns } from '../parcelColumns.ts';
import type { MultiPolygonCoordinates, ParcelFeature, ParcelProperties } from '../parcelFeature.ts';

/**
 * KML 2.2 for Google Earth: one Placemark per parcel, coloured by verdict, with a description table for people
 * and every export column as ExtendedData (so the file imports back into Tapak). Everything a user typed is
 * escaped twice: as HTML inside the description, then the whole description as XML text.
 */

// KML colours are aabbggrr. Green, red and amber as on the map; fill at 40 % opacity.
const verdictStyles = {
  memenuhi: { line: 'ff50981a', fill: '6650981a', label: { id: 'Memenuhi syarat', en: 'Meets the criteria' } },
  tidak_memenuhi: { line: 'ff2730d7', fill: '662730d7', label: { id: 'Tidak memenuhi', en: 'Does not meet' } },
  belum_lengkap: { line: 'ff00a5ff', fill: '6600a5ff', label: { id: 'Data belum lengkap', en: 'Incomplete data' } },
} as const;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

function flatText(value: FlatValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

function descriptionHtml(p: ParcelProperties): string {
  const rows: Array<[string, string]> = [
    ['Kelurahan', `${p.kelurahan_nama} (${p.kelurahan_kode})`],
    ['Kecamatan', p.kecamatan_nama],
    ['Luas / Area', `${p.area_m2.toFixed(1)} m²`],
    ['Putusan / Verdict', `${verdictStyles[p.verdict].label.id} / ${verdictStyles[p.verdict].label.en}`],
    ['Status', parcelStatusLabels[p.status].id],
    ['Pemilik / Owner', p.owner_class ? ownerClassLabels[p.owner_class].id : '–'],
    ['Status hukum / Legal status', p.legal_status ? legalStatusLabels[p.legal_status].id : '–'],
    ['Penggunaan / Use', p.current_use ?? '–'],
    ['Catatan / Notes', p.notes ?? '–'],
  ];
  const body = rows.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  return `<table>${body.join('')}</table>`;
}

function ring(positions: number[][]): string {
  return `<LinearRing><coordinates>${positions.map(([lon, lat]) => `${lon},${lat}`).join(' ')}</coordinates></LinearRing>`;
}

function polygon(rings: number[][][]): string {
  const [outer = [], ...holes] = rings;
  const inner = holes.map((hole) => `<innerBoundaryIs>${ring(hole)}</innerBoundaryIs>`).join('');
  return `<Polygon><outerBoundaryIs>${ring(outer)}</outerBoundaryIs>${inner}</Polygon>`;
}

function geometryKml(coordinates: MultiPolygonCoordinates): string {
  const polygons = coordinates.map(polygon);
  return polygons.length === 1 ? (polygons[0] ?? '') : `<MultiGeometry>${polygons.join('')}</MultiGeometry>`;
}

function placemark(feature: ParcelFeature): string {
  const p = feature.properties;
  // The name is the Placemark's own <name>; repeating it in ExtendedData would make two "name" fields.
  const data = parcelColumns
    .filter((column) => column.key !== 'name')
    .map((column) => `<Data name="${column.key}"><value>${escapeXml(flatText(column.value(p)))}</value></Data>`)
    .join('');
  return [
    `<Placemark id="bidang-${escapeXml(p.id)}">`,
    `<name>${escapeXml(p.name)}</name>`,
    `<description>${escapeXml(descriptionHtml(p))}</description>`,
    `<styleUrl>#${p.verdict}</styleUrl>`,
    `<ExtendedData>${data}</ExtendedData>`,
    geometryKml(feature.geometry.coordinates as MultiPolygonCoordinates),
    '</Placemark>',
  ].join('');
}

export function parcelsKml(features: ParcelFeature[], title: string): string {
  const styles = Object.entries(verdictStyles).map(
    ([verdict, style]) =>
      `<Style id="${verdict}"><LineStyle><color>${style.line}</color><width>2</width></LineStyle>` +
      `<PolyStyle><color>${style.fill}</color></PolyStyle></Style>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    `<Document><name>${escapeXml(title)}</name>`,
    ...styles,
    ...features.map(placemark),
    '</Document>',
    '</kml>',
    '',
  ].join('\n');
}
