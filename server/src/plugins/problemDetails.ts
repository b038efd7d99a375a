import {
  type ProblemCode,
  type ProblemDetails,
  type ProblemError,
  problemCatalogue,
  problemTypeUri,
} from '@tapak/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { BoundaryImportError } from '../boundaries/importBoundaries.ts';
import { BoundaryReadError, BoundarySourceError } from '../boundaries/read/errors.ts';
import { DataDirLockedError } from '../db/dataDirLock.ts';
import { HttpProblem } from '../http/httpProblem.ts';

export function problemBody(
  code: ProblemCode,
  detail: { id: string; en: string },
  instance: string,
  errors?: ProblemError[],
  extra?: Record<string, unknown>,
): ProblemDetails {
  const entry = problemCatalogue[code];
  return {
    type: problemTypeUri(code),
    title: `${entry.title} / ${entry.title_en}`,
    status: entry.status,
    detail: detail.id,
    detail_en: detail.en,
    instance,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, body: ProblemDetails) {
  return reply.code(body.status).type('application/problem+json').send(JSON.stringify(body));
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(
    reply,
    problemBody(
      'not-found',
      { id: `Alamat ${request.url} tidak ada.`, en: `There is nothing at ${request.url}.` },
      request.url,
    ),
  );
}

// PostgreSQL's "admin shutdown / cannot connect now / crash shutdown" and connection errors: the database is
// away (restarting, failing over), not the request at fault.
const unavailableCodes = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

function isDatabaseUnavailable(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && unavailableCodes.has(code)) return true;
  // "not queryable": pg's answer to a query on a client whose connection already broke — knex sends ROLLBACK
  // on it when a transaction's query failed because the server went away, and that error is the one we get.
  return /Connection terminated|Timeout acquiring a connection|terminating connection|is not queryable/i.test(
    error.message,
  );
}

// PostgreSQL's "character not in repertoire" (a NUL in text: `invalid byte sequence for encoding "UTF8": 0x00`)
// and "untranslatable character" (`\u0000` in jsonb): text the database cannot store, so the request is at fault.
const unstorableTextCodes = new Set(['22021', '22P05']);

/** Turns any error into problem+json with a stable type; never leaks a stack trace. */
function toProblem(error: FastifyError | Error, request: FastifyRequest): ProblemDetails {
  const instance = request.url;
  if (error instanceof HttpProblem) return problemBody(error.code, error.detail, instance, error.errors, error.extra);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: ProblemError[] = error.validation.map((issue) => {
      const where = `${error.validationContext ?? 'body'}${issue.instancePath}`;
      return {
        reason: issue.keyword,
        pointer: issue.instancePath || '/',
        message: { id: `${where}: ${issue.message}`, en: `${where}: ${issue.message}` },
      };
    });
    return problemBody(
      'bad-request',
      { id: 'Isi permintaan tidak sesuai format.', en: 'The request does not match the expected format.' },
      instance,
      errors,
    );
  }
  if (
    error instanceof BoundaryImportError ||
    error instanceof BoundaryReadError ||
    error instanceof BoundarySourceError
  ) {
    return problemBody('import-failed', error.messages, instance, undefined, { reason: error.code });
  }
  if (error instanceof DataDirLockedError) {
    return problemBody('database-busy', { id: error.message, en: error.message }, instance);
  }
  const code = (error as FastifyError).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return problemBody(
      'payload-too-large',
      { id: 'Data yang dikirim melebihi batas ukuran.', en: 'The request body exceeds the size limit.' },
      instance,
    );
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return problemBody(
      'unsupported-media-type',
      { id: 'Jenis konten tidak didukung untuk rute ini.', en: 'This content type is not supported on this route.' },
      instance,
    );
  }
  if (isDatabaseUnavailable(error)) {
    return problemBody(
      'service-unavailable',
      {
        id: 'Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi; data Anda tidak berubah.',
        en: 'The database cannot be reached right now. Try again shortly; your data did not change.',
      },
      instance,
    );
  }
  if (unstorableTextCodes.has(String((error as { code?: unknown }).code))) {
    return problemBody(
      'bad-request',
      {
        id: 'Teks berisi karakter yang tidak dapat disimpan (mis. karakter NUL).',
        en: 'The text holds a character that cannot be stored (such as NUL).',
      },
      instance,
    );
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    // Only pathological nesting (arrays within arrays thousands deep) exhausts the stack while reading input.
    return problemBody(
      'bad-request',
      { id: 'Struktur data bersarang terlalu dalam.', en: 'The data is nested too deeply.' },
      instance,
    );
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    return problemBody('bad-request', { id: `Permintaan tidak valid: ${error.message}`, en: error.message }, instance);
  }
  return problemBody(
    'internal-error',
    { id: 'Terjadi kesalahan di server. Data Anda tidak berubah.', en: 'Something went wrong on the server.' },
    instance,
  );
}

export default fp(async function problemDetails(fastify: FastifyInstance) {
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toProblem(error, request);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, body);
  });
  fastify.setNotFoundHandler(sendNotFound);
});

/** Errors the router raises before any route runs (a malformed or overlong URL), as problem+json too. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  return sendProblem(
    reply,
    problemBody(
      tooLong ? 'uri-too-long' : 'bad-request',
      tooLong
        ? { id: 'Alamat (URL) terlalu panjang.', en: 'The URL is too long.' }
        : { id: 'Alamat (URL) tidak valid.', en: 'The URL is malformed.' },
      request.url.slice(0, 200),
    ),
  );
}
