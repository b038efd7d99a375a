import type { BoundaryImportReport } from '@tapak/core';
import type { Knex } from 'knex';
import {
  applyStagedBoundaries,
  buildStagedGeometries,
  createStagingTable,
  insertStagedRows,
  listKelurahanWithoutBoundary,
  listRegistryNames,
  matchByCode,
  matchByName,
  type StagedBoundaryRow,
  summarizeStaging,
} from '../repositories/boundaryRepository.ts';
import { regionKodePattern } from '../repositories/regionScope.ts';
import type { LocalizedMessage } from './read/errors.ts';
import type { RawBoundaryFeature } from './read/rawBoundaryFeature.ts';
import { readBoundaryFeatures } from './read/readBoundaryFeatures.ts';
import { detectCodeProperty, detectNameProperty, normalizePlaceName, normalizeRegionCode } from './read/regionCode.ts';

/** Why an import was refused as a whole (nothing was written). */
export class BoundaryImportError extends Error {
  override readonly name = 'BoundaryImportError';
  constructor(
    readonly code: 'invalid_geometry' | 'no_features' | 'no_code_or_name',
    readonly messages: LocalizedMessage,
    readonly ordinal?: number,
  ) {
    super(`${messages.id} / ${messages.en}`);
  }
}

export interface ImportProgress {
  featuresRead: number;
  phase: 'reading' | 'matching' | 'applying' | 'done';
}

export interface ImportBoundariesOptions {
  regionCode: string;
  onProgress?: (progress: ImportProgress) => void;
  fetchTimeoutMs?: number;
  signal?: AbortSignal;
}

const sampleSize = 64;
const insertBatchSize = 250;
const kecamatanPropertyCandidates = [
  'kecamatan',
  'nm_kec',
  'nama_kec',
  'wadmkc',
  'kode_kec',
  'kd_kec',
  'adm3_en',
  'namakec',
];

/**
 * Imports desa/kelurahan boundaries from a GeoJSON file (plain or gzip) or a wilayah_boundaries SQL dump, by
 * path or URL. Streams: features go to a staging table in batches, so a national file never sits in memory.
 * Atomic: everything happens in one transaction; any refusal leaves the registry exactly as it was.
 */
export async function importBoundaries(
  knex: Knex,
  source: string,
  options: ImportBoundariesOptions,
): Promise<BoundaryImportReport> {
  const startedAt = Date.now();
  const regionLike = regionKodePattern(options.regionCode);
  const opened = await readBoundaryFeatures(source, {
    ...(options.fetchTimeoutMs ? { fetchTimeoutMs: options.fetchTimeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const progress = (featuresRead: number, phase: ImportProgress['phase']) =>
    options.onProgress?.({ featuresRead, phase });

  let featuresRead = 0;
  // A refusal may stop reading half-way: close the source so no file or socket is left to the GC.
  const outcome = await knex
    .transaction(async (trx) => {
      await createStagingTable(trx);
      const iterator = opened.features[Symbol.asyncIterator]();

      // The property names are detected on the first features, then applied to the whole stream.
      const samples: RawBoundaryFeature[] = [];
      while (samples.length < sampleSize) {
        const next = await iterator.next();
        if (next.done) break;
        samples.push(next.value);
      }
      if (samples.length === 0) {
        throw new BoundaryImportError('no_features', {
          id: 'Berkas tidak berisi satu pun fitur batas wilayah.',
          en: 'The file holds no boundary features.',
        });
      }
      const properties = samples.map((feature) => feature.properties);
      const codeProperty = detectCodeProperty(properties);
      const nameProperty = detectNameProperty(properties);
      if (!codeProperty && !nameProperty) {
        throw new BoundaryImportError('no_code_or_name', {
          id: `Tidak ditemukan kolom kode atau nama wilayah di antara: ${Object.keys(properties[0] ?? {}).join(', ')}.`,
          en: `No region code or name property found among: ${Object.keys(properties[0] ?? {}).join(', ')}.`,
        });
      }
      const kecamatanProperty = Object.keys(properties[0] ?? {}).find((key) =>
        kecamatanPropertyCandidates.includes(key.toLowerCase()),
      );

      const toRow = (feature: RawBoundaryFeature): StagedBoundaryRow => {
        const problem = polygonalGeometryProblem(feature.geometry);
        if (problem) {
          throw new BoundaryImportError(
            'invalid_geometry',
            {
              id: `Fitur ke-${feature.ordinal}: ${problem.id}. Tidak ada yang disimpan.`,
              en: `Feature ${feature.ordinal}: ${problem.en}. Nothing was saved.`,
            },
            feature.ordinal,
          );
        }
        const nama = nameProperty ? stringOrNull(feature.properties[nameProperty]) : null;
        const kecamatanValue = kecamatanProperty ? feature.properties[kecamatanProperty] : undefined;
        return {
          ordinal: feature.ordinal,
          kode: codeProperty ? normalizeRegionCode(feature.properties[codeProperty]) : null,
          nama,
          nama_normalized: nama ? normalizePlaceName(nama) : null,
          kecamatan_hint:
            kecamatanValue === undefined || kecamatanValue === null
              ? null
              : (normalizeRegionCode(kecamatanValue) ?? normalizePlaceName(String(kecamatanValue))),
          geometry_json: JSON.stringify(feature.geometry),
          srid: feature.srid,
        };
      };

      let batch: StagedBoundaryRow[] = [];
      const flush = async () => {
        await insertStagedRows(trx, batch);
        batch = [];
        progress(featuresRead, 'reading');
      };
      const accept = async (feature: RawBoundaryFeature) => {
        featuresRead += 1;
        batch.push(toRow(feature));
        if (batch.length >= insertBatchSize) await flush();
      };
      for (const feature of samples) await accept(feature);
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) await accept(next.value);
      await flush();

      progress(featuresRead, 'matching');
      const repairedRows = await buildStagedGeometries(trx);
      await matchByCode(trx, regionLike);
      const registry = await listRegistryNames(trx, regionLike);
      await matchByName(
        trx,
        regionLike,
        registry.map((entry) => ({
          kode: entry.kode,
          nama_normalized: normalizePlaceName(entry.nama),
          kecamatan_kode: entry.kecamatan_kode,
          kecamatan_normalized: normalizePlaceName(entry.kecamatan_nama),
        })),
      );
      const summary = await summarizeStaging(trx, regionLike);
      progress(featuresRead, 'applying');
      await applyStagedBoundaries(trx, opened.name);
      const withoutBoundary = await listKelurahanWithoutBoundary(trx, regionLike);
      return { summary, withoutBoundary, repairedCount: repairedRows.length };
    })
    .finally(() => opened.close());
  progress(featuresRead, 'done');

  return {
    source: opened.name,
    format: opened.format,
    features_read: featuresRead,
    matched: outcome.summary.matched,
    matched_by_name: outcome.summary.matched_by_name,
    unmatched: outcome.summary.unmatched,
    outside_region: outcome.summary.outside_region,
    repaired: outcome.summary.repaired,
    duplicates: outcome.summary.duplicates,
    without_boundary: outcome.withoutBoundary.slice(0, 500),
    without_boundary_count: outcome.withoutBoundary.length,
    duration_ms: Date.now() - startedAt,
  };
}

function stringOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * A cheap structural check before PostGIS sees the geometry, so a refusal can name the feature. Validity
 * (self-intersections) is not refused here: PostGIS repairs it with ST_MakeValid and the report says so.
 */
function polygonalGeometryProblem(geometry: unknown): LocalizedMessage | null {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return { id: 'tidak memiliki geometri', en: 'has no geometry' };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return {
      id: `geometri ${String(g.type)} bukan Polygon/MultiPolygon`,
      en: `${String(g.type)} is not a Polygon/MultiPolygon`,
    };
  }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown;
  if (!Array.isArray(polygons) || polygons.length === 0) return { id: 'koordinat kosong', en: 'empty coordinates' };
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { id: 'poligon kosong', en: 'empty polygon' };
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4) {
        return { id: 'cincin dengan kurang dari 4 titik', en: 'a ring with fewer than 4 positions' };
      }
      for (const position of ring) {
        if (
          !Array.isArray(position) ||
          position.length < 2 ||
          !Number.isFinite(position[0]) ||
          !Number.isFinite(position[1])
        ) {
          return { id: 'koordinat bukan angka yang sah', en: 'a coordinate is not a finite number' };
        }
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        return {
          id: 'cincin tidak tertutup (titik awal ≠ titik akhir)',
          en: 'a ring is not closed (first ≠ last position)',
        };
      }
    }
  }
  return null;
}
