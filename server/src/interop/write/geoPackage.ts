import { geoPackageBlob } from '../geoPackageBinary.ts';
import { type ColumnType, parcelColumns } from '../parcelColumns.ts';
import type { MultiPolygonCoordinates, ParcelFeature } from '../parcelFeature.ts';
import { loadSqlite } from '../sqlite.ts';

/**
 * A GeoPackage 1.3 (OGC 12-128r18) with one feature table, "bidang", in WGS 84: the three required metadata
 * tables, then the parcels with every export column under its full name. Written with sql.js (SQLite in
 * WebAssembly); no spatial index (QGIS and GDAL build one when they need it).
 */

const layerName = 'bidang';

const wgs84Wkt =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],' +
  'AUTHORITY["EPSG","4326"]]';

const sqlTypes: Record<ColumnType, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'BOOLEAN',
  date: 'DATE',
};

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

type Envelope = [number, number, number, number];

function envelopeOf(coordinates: MultiPolygonCoordinates): Envelope {
  const box: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of coordinates) {
    for (const ring of polygon) {
      for (const [x = 0, y = 0] of ring) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
    }
  }
  return box;
}

export async function parcelsGeoPackage(features: ParcelFeature[], description: string): Promise<Uint8Array> {
  const SQL = await loadSqlite();
  const db = new SQL.Database();
  try {
    db.run(`PRAGMA application_id = ${0x47504b47}`);
    db.run('PRAGMA user_version = 10300');
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (
      srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`);
    db.run(`CREATE TABLE gpkg_contents (
      table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))`);
    db.run(`CREATE TABLE gpkg_geometry_columns (
      table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))`);
    const srs = 'INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)';
    db.run(srs, [
      'Undefined cartesian SRS',
      -1,
      'NONE',
      -1,
      'undefined',
      'undefined cartesian coordinate reference system',
    ]);
    db.run(srs, [
      'Undefined geographic SRS',
      0,
      'NONE',
      0,
      'undefined',
      'undefined geographic coordinate reference system',
    ]);
    db.run(srs, [
      'WGS 84 geodetic',
      4326,
      'EPSG',
      4326,
      wgs84Wkt,
      'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid',
    ]);

    const columns = parcelColumns.map((column) => `${quote(column.key)} ${sqlTypes[column.type]}`);
    db.run(
      `CREATE TABLE ${quote(layerName)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, ${columns.join(', ')})`,
    );

    const extent: Envelope = [Infinity, Infinity, -Infinity, -Infinity];
    const placeholders = parcelColumns.map(() => '?').join(', ');
    const insert =
      db.prepare(`INSERT INTO ${quote(layerName)} (geom, ${parcelColumns.map((c) => quote(c.key)).join(', ')})
      VALUES (?, ${placeholders})`);
    try {
      db.run('BEGIN');
      for (const feature of features) {
        const envelope = envelopeOf(feature.geometry.coordinates as MultiPolygonCoordinates);
        extent[0] = Math.min(extent[0], envelope[0]);
        extent[1] = Math.min(extent[1], envelope[1]);
        extent[2] = Math.max(extent[2], envelope[2]);
        extent[3] = Math.max(extent[3], envelope[3]);
        const values = parcelColumns.map((column) => {
          const value = column.value(feature.properties);
          return typeof value === 'boolean' ? (value ? 1 : 0) : value;
        });
        insert.run([geoPackageBlob(feature.geometry, 4326, envelope), ...values]);
      }
      db.run('COMMIT');
    } finally {
      insert.free();
    }
    const [minX, minY, maxX, maxY] = features.length > 0 ? extent : [null, null, null, null];
    db.run(
      'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [layerName, 'features', layerName, description, minX, minY, maxX, maxY, 4326],
    );
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, ?, ?)', [
      layerName,
      'geom',
      'MULTIPOLYGON',
      4326,
      0,
      0,
    ]);
    return db.export();
  } finally {
    db.close();
  }
}
