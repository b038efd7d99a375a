import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { wgs84 } from '../crs.ts';
import { InteropError } from '../interopError.ts';
import { flattenProperties, type ReadResult } from '../sourceFeature.ts';
import { isContentEntry, listZipEntries, readZipEntries } from './zipArchive.ts';

// Styling that togeojson copies into properties: it describes the drawing, not the parcel.
const styleProperties = new Set([
  'styleUrl',
  'styleHash',
  'styleMapHash',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
  'icon',
  'icon-opacity',
  'icon-scale',
  'icon-color',
  'icon-offset',
  'icon-offset-units',
  'label-scale',
  'label-color',
  'label-opacity',
  'visibility',
]);

/**
 * KML (Google Earth, always WGS 84). A DOCTYPE is refused before parsing: KML never needs one, and refusing it
 * rules out external entities (XXE: a file pulling in /etc/passwd or a URL) and entity expansion bombs
 * whatever the parser does. xmldom itself never resolves entities either.
 */
export function readKml(text: string): ReadResult {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new InteropError('xml_doctype_refused', {
      id: 'Berkas KML memuat deklarasi DOCTYPE/ENTITY. KML tidak memerlukannya dan Tapak menolaknya demi keamanan.',
      en: 'The KML file contains a DOCTYPE/ENTITY declaration. KML never needs one and Tapak refuses it for safety.',
    });
  }
  const problems: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']> | null = null;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    // xmldom throws on fatal errors (after reporting them through onError).
    if (problems.length === 0) problems.push((error as Error).message);
  }
  const root = doc?.documentElement;
  if (!doc || problems.length > 0 || !root || root.localName !== 'kml') {
    const detail = problems[0] ?? 'elemen <kml> tidak ditemukan / no <kml> element';
    throw new InteropError('kml_malformed', {
      id: `Berkas KML tidak dapat dibaca: ${detail}`,
      en: `The KML file cannot be read: ${detail}`,
    });
  }
  // togeojson only walks the DOM (getElementsByTagName, attributes, text), which xmldom provides.
  const collection = kml(doc as unknown as Parameters<typeof kml>[0]);
  const features = collection.features.map((feature, index) => {
    const properties = Object.fromEntries(
      Object.entries(feature.properties ?? {}).filter(([key]) => !styleProperties.has(key)),
    );
    return {
      number: index + 1,
      row: null,
      geometry: feature.geometry ?? null,
      properties: flattenProperties(properties),
    };
  });
  return { crs: wgs84, crsSource: 'format', features, notes: [] };
}

/** KMZ: a ZIP holding one KML document (doc.kml by convention) and its images. */
export function readKmz(data: Uint8Array): ReadResult {
  const names = listZipEntries(data)
    .map((entry) => entry.name)
    .filter((name) => isContentEntry(name) && name.toLowerCase().endsWith('.kml'));
  const chosen = names.find((name) => name.toLowerCase() === 'doc.kml') ?? names[0];
  if (!chosen) {
    throw new InteropError('kmz_without_kml', {
      id: 'Berkas KMZ tidak berisi dokumen .kml.',
      en: 'The KMZ file holds no .kml document.',
    });
  }
  const bytes = readZipEntries(data, (name) => name === chosen).get(chosen) ?? new Uint8Array();
  return readKml(new TextDecoder().decode(bytes));
}
