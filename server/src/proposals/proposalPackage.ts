import type { Readable } from 'node:stream';
import type { ProposalBatchQuery } from '@tapak/core';
import { storedFilePath } from '../attachments/attachmentStore.ts';
import type { TapakContext } from '../context.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import type { ParcelFeature } from '../interop/parcelFeature.ts';
import { csvText } from '../interop/write/csv.ts';
import { xlsxWorkbook } from '../interop/write/xlsx.ts';
import { renderKelurahanReportPdf } from '../reports/kelurahanReport.ts';
import { liveAttachmentsOfParcels, type StoredAttachment } from '../repositories/attachmentRepository.ts';
import { parcelFeatureJson } from '../repositories/parcelRepository.ts';
import { kelurahanContacts, knownKelurahanKodes, primarySiteIds } from '../repositories/proposalRepository.ts';
import { siteFolderName, uniqueNamer } from './folderName.ts';
import { type ProposalSite, proposalSiteTable } from './proposalTable.ts';
import { ZipStream } from './zipStream.ts';

/**
 * The Agrinas proposal package: per site a folder `<kelurahan kode>_<name slug>/` with the proposal sheet
 * (usulan.xlsx, usulan.csv), the parcel polygon (bidang.geojson) and its point (titik.geojson), the kelurahan
 * report (laporan.pdf) and the parcel's live photos and documents (foto/, dokumen/) under their stored names.
 * Everything that can be refused is checked before the first byte goes out; the archive is then streamed.
 */

export interface ProposalPackage {
  fileName: string;
  stream: Readable;
}

interface PackageSite extends ProposalSite {
  attachments: StoredAttachment[];
}

/** RFC 7946 advises about 7 decimals (≈1 cm) for exchanged files; the API's 15 stay in the API. */
function roundCoordinates(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1e7) / 1e7;
  return Array.isArray(value) ? value.map(roundCoordinates) : value;
}

/** What a planner at Agrinas reads in QGIS: the identifying and judging attributes, not every column. */
function siteProperties(feature: ParcelFeature) {
  const p = feature.properties;
  return {
    id: p.id,
    name: p.name,
    kelurahan_kode: p.kelurahan_kode,
    kelurahan_nama: p.kelurahan_nama,
    kecamatan_kode: p.kecamatan_kode,
    kecamatan_nama: p.kecamatan_nama,
    owner_class: p.owner_class,
    legal_status: p.legal_status,
    area_m2: Math.round(p.area_m2 * 10) / 10,
    fits_prototype: p.fits_prototype,
    verdict: p.verdict,
    status: p.status,
    is_primary: p.is_primary,
  };
}

function featureCollection(feature: { geometry: unknown; properties: unknown; id: string }): string {
  return `${JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', ...feature }] }, null, 1)}\n`;
}

async function liveSiteFeature(context: TapakContext, parcelId: string): Promise<ParcelFeature> {
  const json = await parcelFeatureJson(context.db.knex, parcelId);
  const feature = json ? (JSON.parse(json) as ParcelFeature) : null;
  if (!feature || feature.properties.deleted_at !== null) {
    throw new HttpProblem('not-found', { id: `Bidang ${parcelId} tidak ada.`, en: `There is no parcel ${parcelId}.` });
  }
  return {
    ...feature,
    geometry: { ...feature.geometry, coordinates: roundCoordinates(feature.geometry.coordinates) as never },
  };
}

async function packageSites(context: TapakContext, features: ParcelFeature[]): Promise<PackageSite[]> {
  const knex = context.db.knex;
  const contacts = await kelurahanContacts(knex, [...new Set(features.map((f) => f.properties.kelurahan_kode))]);
  const attachments = await liveAttachmentsOfParcels(
    knex,
    features.map((f) => f.id),
  );
  return features.map((feature) => ({
    feature,
    contacts: contacts.get(feature.properties.kelurahan_kode) ?? [],
    attachments: attachments.filter((a) => a.parcel_id === feature.id),
  }));
}

async function writeSite(zip: ZipStream, context: TapakContext, site: PackageSite): Promise<void> {
  const p = site.feature.properties;
  const folder = siteFolderName(p.kelurahan_kode, p.kelurahan_nama);
  const table = proposalSiteTable([site], context.region);
  await zip.addBytes(`${folder}/usulan.xlsx`, await xlsxWorkbook(table, 'Usulan'), false);
  await zip.addText(`${folder}/usulan.csv`, csvText(table));
  const properties = siteProperties(site.feature);
  await zip.addText(
    `${folder}/bidang.geojson`,
    featureCollection({ id: p.id, geometry: site.feature.geometry, properties }),
  );
  await zip.addText(
    `${folder}/titik.geojson`,
    featureCollection({ id: p.id, geometry: { type: 'Point', coordinates: p.point }, properties }),
  );
  await zip.addBytes(`${folder}/laporan.pdf`, await renderKelurahanReportPdf(context, p.kelurahan_kode), false);
  const photoName = uniqueNamer();
  const documentName = uniqueNamer();
  for (const attachment of site.attachments) {
    if (zip.abandoned) return;
    const name =
      attachment.kind === 'photo'
        ? `${folder}/foto/${photoName(attachment.file_name)}`
        : `${folder}/dokumen/${documentName(attachment.file_name)}`;
    await zip.addFile(name, storedFilePath(context.config.uploadDir, attachment.storage_key));
  }
}

/** Told about a failure after the response started (it can no longer become a problem response). */
export type StreamErrorListener = (error: Error) => void;

function streamPackage(
  context: TapakContext,
  sites: PackageSite[],
  readme: string | null,
  onStreamError: StreamErrorListener,
): Readable {
  const zip = new ZipStream();
  (async () => {
    if (readme) await zip.addText('BACA.txt', readme);
    for (const site of sites) {
      if (zip.abandoned) return;
      await writeSite(zip, context, site);
    }
    zip.end();
  })().catch((error: Error) => {
    onStreamError(error);
    zip.fail(error);
  });
  return zip.output;
}

/** The package of one site, whatever its status (the planner chose to send it). */
export async function siteProposalPackage(
  context: TapakContext,
  parcelId: string,
  onStreamError: StreamErrorListener,
): Promise<ProposalPackage> {
  const feature = await liveSiteFeature(context, parcelId);
  const sites = await packageSites(context, [feature]);
  return {
    fileName: `usulan-kkmp-${feature.properties.kelurahan_kode}.zip`,
    stream: streamPackage(context, sites, null, onStreamError),
  };
}

/**
 * The primary sites of the named kelurahan (or of every kelurahan with one). Unknown codes are refused;
 * kelurahan without a primary site are named in BACA.txt, so the recipient sees what is missing.
 */
export async function batchProposalPackage(
  context: TapakContext,
  query: ProposalBatchQuery,
  onStreamError: StreamErrorListener,
): Promise<ProposalPackage> {
  const { db, region } = context;
  const requested = query.kode.length > 0 ? [...new Set(query.kode)] : null;
  if (requested) {
    const known = await knownKelurahanKodes(db.knex, region.kode, requested);
    const unknown = requested.filter((kode) => !known.has(kode));
    if (unknown.length > 0) {
      throw new HttpProblem(
        'not-found',
        {
          id: `Kelurahan tidak ada di wilayah ${region.nama}: ${unknown.join(', ')}.`,
          en: `No such kelurahan in ${region.nama}: ${unknown.join(', ')}.`,
        },
        undefined,
        { unknown_kode: unknown },
      );
    }
  }
  const primaries = await primarySiteIds(db.knex, region.kode, requested);
  if (primaries.length === 0) {
    throw new HttpProblem('not-found', {
      id: 'Belum ada lokasi utama pada kelurahan yang diminta: tandai satu bidang sebagai lokasi utama dahulu.',
      en: 'None of the requested kelurahan has a primary site yet: mark a parcel as the primary site first.',
    });
  }
  const features: ParcelFeature[] = [];
  for (const primary of primaries) features.push(await liveSiteFeature(context, primary.id));
  const sites = await packageSites(context, features);
  const withSite = new Set(primaries.map((p) => p.kelurahan_kode));
  const withoutSite = (requested ?? []).filter((kode) => !withSite.has(kode));
  const readme = [
    `Paket usulan lokasi KKMP — ${region.nama} (${region.kode})`,
    `Dibuat / generated: ${new Date().toISOString()}`,
    '',
    'Lokasi utama / primary sites:',
    ...sites.map(
      (s) =>
        `  ${siteFolderName(s.feature.properties.kelurahan_kode, s.feature.properties.kelurahan_nama)}/  ${s.feature.properties.name}`,
    ),
    ...(withoutSite.length > 0
      ? ['', 'Belum ada lokasi utama / no primary site yet:', ...withoutSite.map((kode) => `  ${kode}`)]
      : []),
    '',
  ].join('\r\n');
  const scope = requested && requested.length <= 3 ? requested.join('_') : `${region.kode}-${sites.length}-kelurahan`;
  return { fileName: `usulan-kkmp-${scope}.zip`, stream: streamPackage(context, sites, readme, onStreamError) };
}
