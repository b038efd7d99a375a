import { zipSync } from 'fflate';
import { type FlatValue, parcelColumns } from '../parcelColumns.ts';
import type { MultiPolygonCoordinates, ParcelFeature } from '../parcelFeature.ts';
import { dbfTable } from './dbf.ts';
import { polygonShapefile } from './shp.ts';

/** WGS 84 geographic in the ESRI WKT that ArcGIS and QGIS write into a .prj. */
export const wgs84Prj =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/**
 * A zipped Polygon Shapefile of parcels: .shp/.shx geometry, .dbf attributes with the shortened field names
 * of `parcelColumns` (README), .prj WGS 84 and .cpg UTF-8, all named `baseName`.
 */
export function parcelsShapefileZip(features: ParcelFeature[], baseName: string): Uint8Array {
  const { shp, shx } = polygonShapefile(features.map((f) => f.geometry.coordinates as MultiPolygonCoordinates));
  const rows: FlatValue[][] = features.map((f) =>
    parcelColumns.map((column) => {
      const value = column.value(f.properties);
      return typeof value === 'boolean' ? String(value) : value;
    }),
  );
  const dbf = dbfTable(
    parcelColumns.map((column) => ({
      name: column.shp,
      type: column.type === 'boolean' ? 'text' : column.type,
      ...(column.decimals === undefined ? {} : { decimals: column.decimals }),
    })),
    rows,
  );
  const encoder = new TextEncoder();
  return zipSync({
    [`${baseName}.shp`]: shp,
    [`${baseName}.shx`]: shx,
    [`${baseName}.dbf`]: dbf,
    [`${baseName}.prj`]: encoder.encode(wgs84Prj),
    [`${baseName}.cpg`]: encoder.encode('UTF-8'),
  });
}
