import initSqlJs, { type SqlJsStatic } from 'sql.js';

let sqlJs: Promise<SqlJsStatic> | null = null;

/**
 * SQLite compiled to WebAssembly (sql.js) for GeoPackage files: no native build on install, and the same
 * behaviour on every machine. The module is loaded once per process.
 */
export function loadSqlite(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}
