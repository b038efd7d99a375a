import type { KelurahanProperties } from '../api/types.ts';

/**
 * How far a kelurahan is on the way to a cooperative site, from the counts the server computes.
 * The qualification rules themselves live in @tapak/core and run on the server; the UI only reads
 * the counts, so it cannot disagree with the rules.
 */
export type CoverageState = 'none' | 'candidates' | 'qualifying' | 'shortlisted';

/** From least to most advanced: the order of the legend and of the "status" sort. */
export const COVERAGE_STATES: readonly CoverageState[] = ['none', 'candidates', 'qualifying', 'shortlisted'];

type Counts = Pick<KelurahanProperties, 'candidates' | 'qualifying' | 'shortlisted'>;

export function coverageState(counts: Counts): CoverageState {
  if (counts.shortlisted > 0) return 'shortlisted';
  if (counts.qualifying > 0) return 'qualifying';
  if (counts.candidates > 0) return 'candidates';
  return 'none';
}

export function coverageRank(state: CoverageState): number {
  return COVERAGE_STATES.indexOf(state);
}

/** A kelurahan "has a qualifying site" once one qualifies, shortlisted or not. */
export function hasQualifyingSite(counts: Counts): boolean {
  return counts.qualifying > 0;
}

/**
 * Fill colours, ordered light to dark so the order survives colour blindness and grey printing.
 * Text on the badges uses the dark ink colours for contrast of at least 4.5:1 on their tints.
 */
export const COVERAGE_COLORS: Record<CoverageState, { fill: string; tint: string; ink: string }> = {
  none: { fill: '#d5dae1', tint: '#eef0f3', ink: '#3f4753' },
  candidates: { fill: '#f2b35e', tint: '#fdf0dc', ink: '#7a4306' },
  qualifying: { fill: '#3b9c8c', tint: '#dff2ee', ink: '#145a4f' },
  shortlisted: { fill: '#24508f', tint: '#e1e9f6', ink: '#1c3d6e' },
};
