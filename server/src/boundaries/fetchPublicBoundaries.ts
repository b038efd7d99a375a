import type { FastifyBaseLogger } from 'fastify';
import type { TapakContext } from '../context.ts';
import { kabkotaCodes, registryCounts } from '../repositories/kelurahanRepository.ts';
import { importHint } from './boundaryStatus.ts';
import { importBoundaries } from './importBoundaries.ts';

/** The public dataset's URL of one kab/kota's file, from the configured template. */
export function publicBoundaryUrl(template: string, kabkotaKode: string): string {
  const [prov = '', kab = ''] = kabkotaKode.split('.');
  return template.replaceAll('{prov}', prov).replaceAll('{kab}', kab);
}

/**
 * First start: when the region has no boundaries at all, try the public wilayah_boundaries dataset, one
 * file per kab/kota. Offline, it gives up quietly and leaves the hint in the log and in /api/health.
 */
export async function fetchPublicBoundariesIfMissing(context: TapakContext, log: FastifyBaseLogger): Promise<void> {
  const { db, config, region, boundaryStatus } = context;
  const counts = await registryCounts(db.knex, region.kode);
  if (counts.kelurahan_with_boundary > 0) return;
  if (config.offline) {
    log.warn(`TAPAK_OFFLINE=1: boundaries not fetched. ${importHint.en}`);
    return;
  }
  boundaryStatus.fetching = true;
  try {
    for (const kabkota of await kabkotaCodes(db.knex, region.kode)) {
      const url = publicBoundaryUrl(config.boundaryUrlTemplate, kabkota);
      try {
        const report = await importBoundaries(db.knex, url, {
          regionCode: region.kode,
          fetchTimeoutMs: config.boundaryFetchTimeoutMs,
        });
        log.info({ url, matched: report.matched, unmatched: report.unmatched.length }, 'boundaries fetched');
      } catch (error) {
        log.warn({ url, err: (error as Error).message }, `boundaries could not be fetched. ${importHint.en}`);
        // One failure usually means no network: do not try hundreds of kab/kota one by one.
        if (kabkota !== region.kode) break;
      }
    }
  } finally {
    boundaryStatus.fetching = false;
  }
}
