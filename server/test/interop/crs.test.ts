import { describe, expect, it } from 'vitest';
import { crsOfCodeText, crsOfEpsg, crsOfGeoJsonMember, crsOfWkt, reprojectGeometry } from '../../src/interop/crs.ts';

// .prj files as GDAL 3.6 writes them (ESRI WKT), and the positions `gdaltransform` gives for them.
const utm48sPrj =
  'PROJCS["WGS_1984_UTM_Zone_48S",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",10000000.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const tm3Prj =
  'PROJCS["DGN_1995_Indonesia_TM-3_Zone_48.2",GEOGCS["GCS_DGN_1995",DATUM["D_Datum_Geodesi_Nasional_1995",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",200000.0],PARAMETER["False_Northing",1500000.0],PARAMETER["Central_Meridian",106.5],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

describe('coordinate reference systems', () => {
  it('recognises UTM 48S and TM-3 48.2 .prj files and reprojects like PROJ', () => {
    const utm = crsOfWkt(utm48sPrj);
    expect(utm).toMatchObject({ code: 'EPSG:32748', name: 'WGS 84 / UTM zone 48S' });
    const [lon, lat] = utm.toLonLat?.(720000, 9308000) ?? [];
    expect(lon).toBeCloseTo(106.98845993, 8);
    expect(lat).toBeCloseTo(-6.25672663, 8);

    const tm3 = crsOfWkt(tm3Prj);
    expect(tm3).toMatchObject({ code: 'EPSG:23834', name: 'DGN95 / Indonesia TM-3 zone 48.2' });
    const [tmLon, tmLat] = tm3.toLonLat?.(255326.274864, 808926.039556) ?? [];
    expect(tmLon).toBeCloseTo(107.000000000903, 9);
    expect(tmLat).toBeCloseTo(-6.25000095165671, 9);
  });

  it('names every TM-3 zone as EPSG does', () => {
    expect(crsOfEpsg(23830)?.name).toBe('DGN95 / Indonesia TM-3 zone 46.2');
    expect(crsOfEpsg(23831)?.name).toBe('DGN95 / Indonesia TM-3 zone 47.1');
    expect(crsOfEpsg(23836)?.name).toBe('DGN95 / Indonesia TM-3 zone 49.2');
    expect(crsOfEpsg(23845)?.name).toBe('DGN95 / Indonesia TM-3 zone 54.1');
    expect(crsOfEpsg(23846)).toBeNull();
  });

  it('reads OGC WKT by its EPSG authority and plain geographic WKT as WGS 84', () => {
    const ogc =
      'PROJCS["WGS 84 / UTM zone 48S",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",105],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",10000000],UNIT["metre",1],AUTHORITY["EPSG","32748"]]';
    expect(crsOfWkt(ogc).code).toBe('EPSG:32748');
    const geographic =
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(crsOfWkt(geographic)).toMatchObject({ code: 'EPSG:4326', toLonLat: null });
  });

  it('refuses a datum without a stated shift to WGS 84 rather than misplacing parcels', () => {
    const id74 =
      'PROJCS["ID74 / UTM zone 48S",GEOGCS["ID74",DATUM["Indonesian_Datum_1974",SPHEROID["Indonesian National Spheroid",6378160,298.247]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",105],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",10000000],UNIT["metre",1]]';
    expect(() => crsOfWkt(id74)).toThrow(/not supported/);
    expect(() => crsOfCodeText('EPSG:2000')).toThrow(/not supported/);
  });

  it('reads GeoJSON crs members in their usual spellings', () => {
    const named = (name: string) => ({ type: 'name', properties: { name } });
    expect(crsOfGeoJsonMember(undefined).code).toBe('EPSG:4326');
    expect(crsOfGeoJsonMember(named('urn:ogc:def:crs:OGC:1.3:CRS84')).code).toBe('EPSG:4326');
    expect(crsOfGeoJsonMember(named('urn:ogc:def:crs:EPSG::32748')).code).toBe('EPSG:32748');
    expect(crsOfGeoJsonMember(named('urn:ogc:def:crs:EPSG:6.6:23834')).code).toBe('EPSG:23834');
    expect(crsOfGeoJsonMember(named('EPSG:32748')).code).toBe('EPSG:32748');
  });

  it('reprojects every position of any geometry and drops altitudes', () => {
    const utm = crsOfCodeText('32748');
    const geometry = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [720000, 9308000, 12] },
        {
          type: 'Polygon',
          coordinates: [
            [
              [720000, 9308000, 1],
              [720010, 9308000, 1],
              [720010, 9308010, 1],
              [720000, 9308000, 1],
            ],
          ],
        },
      ],
    };
    const result = reprojectGeometry(geometry, utm) as typeof geometry;
    expect(result.geometries[0]?.coordinates).toHaveLength(2);
    const polygon = (result.geometries[1]?.coordinates ?? []) as number[][][];
    expect(polygon[0]?.[2]?.[0]).toBeCloseTo(106.98855, 4);
  });
});
