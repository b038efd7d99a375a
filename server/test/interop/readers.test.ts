import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/interop/detectFormat.ts';
import { InteropError } from '../../src/interop/interopError.ts';
import type { ParcelFeature } from '../../src/interop/parcelFeature.ts';
import { readCsv } from '../../src/interop/read/csv.ts';
import { readGeoPackage } from '../../src/interop/read/geoPackage.ts';
import { readKml } from '../../src/interop/read/kml.ts';
import { parcelsGeoPackage } from '../../src/interop/write/geoPackage.ts';
import { parcelsKml } from '../../src/interop/write/kml.ts';

const ring = [
  [107, -6.25],
  [107.001, -6.25],
  [107.001, -6.249],
  [107, -6.249],
  [107, -6.25],
];

/** A parcel as the GeoJSON export writes it, with text a planner might type. */
function parcel(name: string, notes: string | null): ParcelFeature {
  return {
    type: 'Feature',
    id: '7d1f0c52-8a0e-4c57-9d59-3f0f3b0f1a11',
    geometry: { type: 'MultiPolygon', coordinates: [[ring]] },
    properties: {
      id: '7d1f0c52-8a0e-4c57-9d59-3f0f3b0f1a11',
      name,
      source: 'bmd',
      owner_class: 'pemkot_bmd',
      legal_status: null,
      current_use: null,
      is_vacant: null,
      kib_a: { hak: 'Hak Pakai' },
      fasos_fasum: {},
      tags: ['a', 'b'],
      notes,
      status: 'kandidat',
      status_reason: null,
      shortlisted: false,
      shortlist_rank: null,
      is_primary: false,
      kelurahan_kode: '32.75.01.1001',
      kelurahan_nama: 'Bekasijaya',
      kecamatan_kode: '32.75.01',
      kecamatan_nama: 'Bekasi Timur',
      area_m2: 12_244.1,
      crosses_border: false,
      kelurahan_outside_ratio: 0,
      fits_prototype: true,
      footprint: null,
      footprint_rotation_deg: null,
      footprint_slack_m: null,
      checks: [],
      qualifies: false,
      verdict: 'belum_lengkap',
      score: 0.5,
      rank: 1,
      point: [107.0005, -6.2495],
      version: 1,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      deleted_at: null,
    },
  };
}

function reasonOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof InteropError ? error.reason : `other: ${(error as Error).message}`;
  }
  return undefined;
}

describe('format detection by content', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it('tells the formats apart without a file name', () => {
    expect(detectFormat(text('\uFEFF  {"type":"FeatureCollection"}'))).toBe('geojson');
    expect(detectFormat(text('<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'))).toBe('kml');
    expect(detectFormat(text('nama;wkt\nA;POLYGON((0 0,1 0,1 1,0 0))'))).toBe('csv');
    expect(detectFormat(zipSync({ 'x/bidang.shp': new Uint8Array(4), 'x/bidang.dbf': new Uint8Array(4) }))).toBe('shp');
    expect(detectFormat(zipSync({ 'doc.kml': text('<kml/>') }))).toBe('kmz');
    expect(detectFormat(zipSync({ '[Content_Types].xml': text('<x/>'), 'xl/workbook.xml': text('<x/>') }))).toBe(
      'xlsx',
    );
    expect(detectFormat(text('SQLite format 3\0rest'))).toBe('gpkg');
  });

  it('refuses what it cannot read, saying what it is', () => {
    expect(reasonOf(() => detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0])))).toBe('format_unknown');
    expect(reasonOf(() => detectFormat(text('<svg></svg>')))).toBe('format_unknown');
    expect(reasonOf(() => detectFormat(zipSync({ 'readme.txt': text('x') })))).toBe('format_unknown');
    expect(reasonOf(() => detectFormat(text('   ')))).toBe('empty_file');
  });
});

describe('KML', () => {
  it('round-trips hostile names and notes through the writer and the reader', () => {
    const name = 'Lahan <script>alert(1)</script> ]]> & "kutip"';
    const kml = parcelsKml([parcel(name, 'baris 1\nbaris 2 & <b>tebal</b>')], 'Uji & <coba>');
    expect(kml).not.toContain('<script>');
    const read = readKml(kml);
    expect(read.features).toHaveLength(1);
    const properties = read.features[0]?.properties ?? {};
    expect(properties.name).toBe(name);
    expect(properties.notes).toBe('baris 1\nbaris 2 & <b>tebal</b>');
    expect(properties.kib_a_hak).toBe('Hak Pakai');
    expect(properties.tags).toBe('a; b');
    expect(properties.styleUrl).toBeUndefined();
    expect(read.features[0]?.geometry).toEqual({ type: 'Polygon', coordinates: [ring] });
  });

  it('refuses DOCTYPE and entity declarations, and malformed XML', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml><Placemark><name>&x;</name></Placemark></kml>';
    expect(reasonOf(() => readKml(xxe))).toBe('xml_doctype_refused');
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><kml>&lol2;</kml>';
    expect(reasonOf(() => readKml(laughs))).toBe('xml_doctype_refused');
    expect(reasonOf(() => readKml('<kml><Placemark></kml>'))).toBe('kml_malformed');
    expect(reasonOf(() => readKml('<gpx></gpx>'))).toBe('kml_malformed');
  });
});

describe('CSV tables', () => {
  it('reads EWKT with its SRID, restores neutralised text and names duplicate headers', () => {
    const csv = [
      'name,name,wkt',
      `"'=1+1",B,"SRID=32748;POLYGON((720000 9308000,720040 9308000,720040 9308030,720000 9308000))"`,
      'C,,',
    ].join('\r\n');
    const read = readCsv(csv);
    expect(read.crs.code).toBe('EPSG:32748');
    expect(read.crsSource).toBe('wkt_srid');
    expect(read.fieldNames).toEqual(['name', 'name_2']);
    expect(read.features.map((f) => [f.row, f.properties.name, f.properties.name_2])).toEqual([
      [2, '=1+1', 'B'],
      [3, 'C', null],
    ]);
    expect(read.features[1]?.geometry).toBeNull();
  });

  it('marks unreadable WKT and mixed SRIDs on their row', () => {
    const csv = ['name,wkt', 'A,"POLYGON((1 2, 3"', 'B,"SRID=4326;POINT(1 2)"', 'C,"SRID=32748;POINT(1 2)"'].join('\n');
    const read = readCsv(csv);
    expect(read.features.map((f) => f.readError?.reason ?? null)).toEqual(['wkt_malformed', null, 'wkt_malformed']);
  });
});

describe('GeoPackage', () => {
  it('writes a GeoPackage that reads back with the same geometry and columns', async () => {
    const gpkg = await parcelsGeoPackage([parcel('Lahan A', null), parcel('Lahan B', 'catatan')], 'uji');
    expect(Buffer.from(gpkg.subarray(68, 72)).readUInt32BE(0)).toBe(0x47504b47);
    const read = await readGeoPackage(gpkg);
    expect(read.crs.code).toBe('EPSG:4326');
    expect(read.features).toHaveLength(2);
    expect(read.features[0]?.geometry).toEqual({ type: 'MultiPolygon', coordinates: [[ring]] });
    expect(read.features[1]?.properties).toMatchObject({
      name: 'Lahan B',
      notes: 'catatan',
      is_primary: 0,
      kib_a_hak: 'Hak Pakai',
    });
    expect(read.fieldNames?.[0]).toBe('id');
  });
});
