import type { Database } from 'sql.js';
import { type Crs, crsOfEpsg, crsOfWkt, wgs84 } from '../crs.ts';
import { geometryOfGeoPackageBlob } from '../geoPackageBinary.ts';
import { InteropError } from '../interopError.ts';
import type { FileNote, ReadResult, SourceFeature, SourceValue } from '../sourceFeature.ts';
import { loadSqlite } from '../sqlite.ts';

function malformed(detail: string): InteropError {
  return new InteropError('geopackage_malformed', {
    id: `GeoPackage tidak dapat dibaca: ${detail}`,
    en: `The GeoPackage cannot be read: ${detail}`,
  });
}

function rows(db: Database, sql: string, params: Array<string | number> = []): Array<Record<string, unknown>> {
  const statement = db.prepare(sql, params);
  const out: Array<Record<string, unknown>> = [];
  while (statement.step()) out.push(statement.getAsObject());
  statement.free();
  return out;
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

function crsOfSrs(db: Database, srsId: number): Crs {
  const [srs] = rows(
    db,
    'SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    [srsId],
  );
  if (!srs) return wgs84;
  const organization = String(srs.organization ?? '').toUpperCase();
  if (organization === 'EPSG') {
    const crs = crsOfEpsg(Number(srs.organization_coordsys_id));
    if (crs) return crs;
  }
  if (srsId === 0 || srsId === -1) return wgs84;
  return crsOfWkt(String(srs.definition ?? ''));
}

/**
 * A GeoPackage (SQLite, read with sql.js): the first feature table listed in gpkg_contents, its attribute
 * columns (not the primary key, not BLOBs) and its geometry column. Other feature tables are named in a note.
 */
export async function readGeoPackage(data: Uint8Array): Promise<ReadResult> {
  const SQL = await loadSqlite();
  let db: Database;
  try {
    db = new SQL.Database(data);
  } catch (error) {
    throw malformed((error as Error).message);
  }
  try {
    let layers: Array<Record<string, unknown>>;
    try {
      layers = rows(
        db,
        `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
         JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
         WHERE c.data_type = 'features' ORDER BY c.table_name`,
      );
    } catch (error) {
      throw malformed((error as Error).message);
    }
    const layer = layers[0];
    if (!layer) throw malformed('tidak ada tabel fitur / no feature table');
    const table = String(layer.table_name);
    const geometryColumn = String(layer.column_name);
    const notes: FileNote[] = [];
    if (layers.length > 1) {
      const others = layers.slice(1).map((l) => String(l.table_name));
      notes.push({
        reason: 'other_layers_ignored',
        message: {
          id: `GeoPackage berisi ${layers.length} layer; hanya "${table}" yang dibaca (${others.join(', ')} diabaikan).`,
          en: `The GeoPackage holds ${layers.length} layers; only "${table}" is read (${others.join(', ')} ignored).`,
        },
      });
    }
    const crs = crsOfSrs(db, Number(layer.srs_id));
    const columns = rows(db, `PRAGMA table_info(${quoteIdentifier(table)})`);
    const attributeNames = columns
      .filter((c) => Number(c.pk) === 0 && String(c.name) !== geometryColumn)
      .map((c) => String(c.name));

    const features: SourceFeature[] = [];
    const statement = db.prepare(`SELECT * FROM ${quoteIdentifier(table)}`);
    try {
      while (statement.step()) {
        const record = statement.getAsObject();
        const number = features.length + 1;
        const blob = record[geometryColumn];
        let geometry: unknown = null;
        let readError: SourceFeature['readError'];
        if (blob instanceof Uint8Array) {
          try {
            geometry = geometryOfGeoPackageBlob(blob);
          } catch (error) {
            readError = {
              reason: 'geometry_unreadable',
              message: {
                id: `Geometri tidak dapat dibaca (${(error as Error).message}).`,
                en: `The geometry cannot be read (${(error as Error).message}).`,
              },
            };
          }
        }
        const properties: Record<string, SourceValue> = {};
        for (const name of attributeNames) {
          const value = record[name];
          properties[name] = value instanceof Uint8Array || value === undefined ? null : (value as SourceValue);
        }
        features.push({ number, row: null, geometry, properties, ...(readError ? { readError } : {}) });
      }
    } finally {
      statement.free();
    }
    return { crs, crsSource: 'geopackage', features, fieldNames: attributeNames, notes };
  } finally {
    db.close();
  }
}
