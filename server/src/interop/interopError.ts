import type { ProblemCode } from '@tapak/core';
import { HttpProblem } from '../http/httpProblem.ts';

/**
 * A file Tapak cannot read or write, with a stable reason code and a bilingual message. Readers and writers
 * throw this (they know nothing of HTTP); the import and export services turn it into problem+json.
 */
export class InteropError extends Error {
  constructor(
    readonly reason: string,
    readonly messages: { id: string; en: string },
    readonly problem: ProblemCode = 'import-failed',
  ) {
    super(messages.en);
  }
}

/** An interop failure as the problem+json the one error handler sends; any other error passes unchanged. */
export function asHttpProblem(error: unknown): unknown {
  if (!(error instanceof InteropError)) return error;
  return new HttpProblem(error.problem, error.messages, undefined, { reason: error.reason });
}
