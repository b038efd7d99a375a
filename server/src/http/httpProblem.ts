import { type ProblemCode, type ProblemError, problemCatalogue } from '@tapak/core';

/**
 * The one error a handler or service throws to answer with RFC 9457 problem+json. The error handler turns
 * it (and every other error) into the response; nothing else writes error bodies.
 */
export class HttpProblem extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail: { id: string; en: string },
    readonly errors?: ProblemError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail.en);
    this.status = problemCatalogue[code].status;
  }
}
