import {
  type CheckResult,
  type CoverageEntry,
  coverageQuerySchema,
  coverageResponseSchema,
  coverageState,
  noSiteReason,
  type ParcelStatus,
  problemDetailsSchema,
} from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { coverageRows } from '../repositories/kelurahanRepository.ts';
import { candidatesWithoutQualifyingSite } from '../repositories/parcelRepository.ts';

type CoverageQuery = z.infer<typeof coverageQuerySchema>;

const coverage: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/api/coverage',
    {
      schema: {
        summary:
          'Cakupan per kelurahan: kandidat, memenuhi syarat, daftar pendek, lokasi utama / Coverage per kelurahan',
        tags: ['wilayah'],
        querystring: coverageQuerySchema,
        response: { 200: coverageResponseSchema, 400: problemDetailsSchema },
      },
    },
    async (request) => {
      const { db } = fastify.tapak;
      // Every candidate's checks are read for the reasons: kept until the next write on the embedded engine.
      return db.readCache.get(`coverage ${JSON.stringify(request.query)}`, () => buildCoverage(request.query));
    },
  );

  /** The coverage table with the reason each kelurahan has no qualifying site (rules from the core). */
  async function buildCoverage(query: CoverageQuery) {
    const { region, db } = fastify.tapak;
    const rows = await coverageRows(db.knex, region.kode, query.kecamatan);
    const candidatesByKelurahan = new Map<string, Array<{ checks: CheckResult[]; score: number }>>();
    for (const candidate of await candidatesWithoutQualifyingSite(db.knex, region.kode)) {
      const list = candidatesByKelurahan.get(candidate.kelurahan_kode) ?? [];
      list.push(candidate);
      candidatesByKelurahan.set(candidate.kelurahan_kode, list);
    }
    const entries: CoverageEntry[] = rows.map((row) => {
      const primaryStatus = row.primary_status as ParcelStatus | null;
      return {
        kode: row.kode,
        nama: row.nama,
        kecamatan_kode: row.kecamatan_kode,
        kecamatan_nama: row.kecamatan_nama,
        has_boundary: row.has_boundary,
        candidates: row.candidates,
        qualifying: row.qualifying,
        shortlisted: row.shortlisted,
        best_qualifying_area_m2: row.best_qualifying_area_m2,
        primary:
          row.primary_id && row.primary_name && primaryStatus
            ? { id: row.primary_id, name: row.primary_name, status: primaryStatus }
            : null,
        state: coverageState({ ...row, primary_status: primaryStatus }),
        no_site_reason: row.qualifying > 0 ? null : noSiteReason(candidatesByKelurahan.get(row.kode) ?? []),
      };
    });
    const withQualifying = entries.filter((e) => e.qualifying > 0).length;
    const totals = {
      kelurahan: entries.length,
      with_candidates: entries.filter((e) => e.candidates > 0).length,
      with_qualifying_site: withQualifying,
      without_qualifying_site: entries.length - withQualifying,
      with_shortlist: entries.filter((e) => e.shortlisted > 0).length,
      with_primary_site: entries.filter((e) => e.primary !== null).length,
    };
    const numberId = new Intl.NumberFormat('id-ID');
    return {
      region,
      totals,
      summary: {
        id: `${numberId.format(withQualifying)} dari ${numberId.format(entries.length)} kelurahan memiliki lokasi memenuhi syarat`,
        en: `${numberId.format(withQualifying)} of ${numberId.format(entries.length)} kelurahan have a qualifying site`,
      },
      kelurahan: query.without_qualifying_site ? entries.filter((e) => e.qualifying === 0) : entries,
    };
  }
};
export default coverage;
