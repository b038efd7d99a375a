import type { GeometryProblem } from '@tapak/core';
import type { Locale } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/messages.id.ts';

/** A refused shape explained for the person drawing it; the core's own message otherwise. */
export function problemText(t: Messages, locale: Locale, problem: GeometryProblem): string {
  return t.draw.geometryProblems[problem.reason] ?? problem.message[locale];
}
