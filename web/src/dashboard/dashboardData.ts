import type { CoverageEntry, DashboardCandidateArea, DashboardStatusCount, ParcelStatus } from '@tapak/core';
import { parcelStatuses } from '@tapak/core/contracts/codeLists';
import { type NoSiteReason, noSiteReasonLabels } from '@tapak/core/coverage/noSiteReason';

// Pure shaping of the API answers into what each dashboard chart and table shows. No rule is decided here:
// "qualifying", the areas and the reasons all come from the server (and so from the core).

/** The three coverage groups of the kecamatan chart, from most to least advanced (the stacking order). */
export const COVERAGE_GROUPS = ['qualifying', 'candidatesOnly', 'noCandidate'] as const;
export type CoverageGroup = (typeof COVERAGE_GROUPS)[number];

export type KecamatanCoverage = {
  kecamatan_kode: string;
  kecamatan_nama: string;
  kelurahan: number;
} & Record<CoverageGroup, number>;

const byName = new Intl.Collator('id-ID', { sensitivity: 'base', numeric: true });

/** The group of one kelurahan: a qualifying site, candidates none of which qualifies, or no candidate. */
export function coverageGroup(entry: Pick<CoverageEntry, 'candidates' | 'qualifying'>): CoverageGroup {
  if (entry.qualifying > 0) return 'qualifying';
  if (entry.candidates > 0) return 'candidatesOnly';
  return 'noCandidate';
}

/** One row per kecamatan (by name), counting its kelurahan in each coverage group. */
export function coverageByKecamatan(entries: readonly CoverageEntry[]): KecamatanCoverage[] {
  const rows = new Map<string, KecamatanCoverage>();
  for (const entry of entries) {
    let row = rows.get(entry.kecamatan_kode);
    if (!row) {
      row = {
        kecamatan_kode: entry.kecamatan_kode,
        kecamatan_nama: entry.kecamatan_nama,
        kelurahan: 0,
        qualifying: 0,
        candidatesOnly: 0,
        noCandidate: 0,
      };
      rows.set(entry.kecamatan_kode, row);
    }
    row.kelurahan += 1;
    row[coverageGroup(entry)] += 1;
  }
  return [...rows.values()].sort(
    (a, b) => byName.compare(a.kecamatan_nama, b.kecamatan_nama) || a.kecamatan_kode.localeCompare(b.kecamatan_kode),
  );
}

/** Statuses that leave the pipeline: shown beside the funnel, never as one of its steps. */
export const OFF_PIPELINE_STATUSES: readonly ParcelStatus[] = ['ditolak'];
/** The funnel's steps in order, kandidat → … → beroperasi, as the core's code list orders them. */
export const PIPELINE_STATUSES: readonly ParcelStatus[] = parcelStatuses.filter(
  (status) => !OFF_PIPELINE_STATUSES.includes(status),
);

export type StatusCount = { status: ParcelStatus; parcels: number };

/** The funnel (every pipeline step, zero counts kept so the steps never shift) and the statuses apart. */
export function pipelineFunnel(counts: readonly DashboardStatusCount[]): {
  funnel: StatusCount[];
  apart: StatusCount[];
} {
  const byStatus = new Map(counts.map((c) => [c.status, c.parcels]));
  const pick = (status: ParcelStatus) => ({ status, parcels: byStatus.get(status) ?? 0 });
  return { funnel: PIPELINE_STATUSES.map(pick), apart: OFF_PIPELINE_STATUSES.map(pick) };
}

export type AreaThresholds = { min_area_m2: number; ideal_area_m2: number };

/** Where an area stands against the two lines: under the minimum, between minimum and ideal, or ideal. */
export const AREA_BANDS = ['belowMinimum', 'minimum', 'ideal'] as const;
export type AreaBand = (typeof AREA_BANDS)[number];

export function areaBand(area_m2: number, thresholds: AreaThresholds): AreaBand {
  if (area_m2 >= thresholds.ideal_area_m2) return 'ideal';
  if (area_m2 >= thresholds.min_area_m2) return 'minimum';
  return 'belowMinimum';
}

/** Candidates by ascending area (the server already sorts them; sorting again keeps the chart honest). */
export function sortedCandidateAreas(candidates: readonly DashboardCandidateArea[]): DashboardCandidateArea[] {
  return [...candidates].sort((a, b) => a.area_m2 - b.area_m2 || a.id.localeCompare(b.id));
}

/** How many candidates fall in each band. */
export function countAreaBands(
  candidates: readonly DashboardCandidateArea[],
  thresholds: AreaThresholds,
): Record<AreaBand, number> {
  const counts: Record<AreaBand, number> = { belowMinimum: 0, minimum: 0, ideal: 0 };
  for (const candidate of candidates) counts[areaBand(candidate.area_m2, thresholds)] += 1;
  return counts;
}

/** The reasons in the core's order (the order a planner fixes things), for the chart and the legend. */
export const NO_SITE_REASONS = Object.keys(noSiteReasonLabels) as NoSiteReason[];

export type KelurahanWithoutSite = {
  kode: string;
  nama: string;
  candidates: number;
  /** A code of the core's NoSiteReason, or a newer server's code the web does not know yet. */
  reason: string;
};

export type KecamatanWithoutSite = {
  kecamatan_kode: string;
  kecamatan_nama: string;
  kelurahan: KelurahanWithoutSite[];
};

/** Kelurahan without a qualifying site, grouped by kecamatan; kecamatan and kelurahan by name. */
export function kelurahanWithoutSite(entries: readonly CoverageEntry[]): KecamatanWithoutSite[] {
  const groups = new Map<string, KecamatanWithoutSite>();
  for (const entry of entries) {
    if (entry.qualifying > 0) continue;
    let group = groups.get(entry.kecamatan_kode);
    if (!group) {
      group = { kecamatan_kode: entry.kecamatan_kode, kecamatan_nama: entry.kecamatan_nama, kelurahan: [] };
      groups.set(entry.kecamatan_kode, group);
    }
    group.kelurahan.push({
      kode: entry.kode,
      nama: entry.nama,
      candidates: entry.candidates,
      // Without candidates there is only one possible reason, even from a server that leaves it out.
      reason: entry.no_site_reason ?? (entry.candidates === 0 ? 'no_candidate' : 'incomplete'),
    });
  }
  const result = [...groups.values()].sort((a, b) => byName.compare(a.kecamatan_nama, b.kecamatan_nama));
  for (const group of result) {
    group.kelurahan.sort((a, b) => byName.compare(a.nama, b.nama) || a.kode.localeCompare(b.kode));
  }
  return result;
}

export type ReasonCount = { reason: string; kelurahan: number };

/** Kelurahan per reason: every known reason in the core's order (zeros kept), then any unknown code. */
export function countReasons(groups: readonly KecamatanWithoutSite[]): ReasonCount[] {
  const counts = new Map<string, number>(NO_SITE_REASONS.map((reason) => [reason, 0]));
  for (const group of groups) {
    for (const row of group.kelurahan) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, kelurahan]) => ({ reason, kelurahan }));
}

/** `tapak-cakupan-kecamatan-2026-11-28.png`: the chart's slug and the local calendar date of the export. */
export function pngFileName(slug: string, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `tapak-${slug}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.png`;
}

/**
 * A long axis label split into lines of at most `maxChars` (at spaces), so a reason such as "Bertumpang
 * tindih dengan kawasan terlarang atau tanpa akses jalan" does not squeeze the bars.
 */
export function wrapLabel(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
