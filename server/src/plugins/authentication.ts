import cookie from '@fastify/cookie';
import { type Actor, anonymousActor, problemDetailsSchema, writerRefusal } from '@tapak/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { requireAllowed } from '../auth/guards.ts';
import { sameSecret, secretHash } from '../auth/secrets.ts';
import { sessionCookieName } from '../auth/sessionCookie.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import { touchSession } from '../repositories/sessionRepository.ts';
import type { StoredUser } from '../repositories/userRepository.ts';
import { userForSession, userForToken } from '../repositories/userRepository.ts';

/**
 * How a route is guarded before its handler runs. `public`: anyone (health, login). `read`: a logged-in user,
 * or anyone when public read is on. `write`: a logged-in user who may write at all; the territory of the
 * particular parcel is checked by the service, which knows it.
 */
export type RouteAccess = 'public' | 'read' | 'write';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** Hash of the session id when the request came with a live session cookie. */
    sessionIdHash: string | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function actorOf(user: StoredUser, via: Actor['via'], readOnly: boolean): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    territoryKode: user.territory_kode,
    via,
    readOnly,
  };
}

/** Only the API, OGC and tiles are guarded; the web app's files are public (they hold no data). */
function guardedPath(url: string): boolean {
  if (url.startsWith('/api/docs')) return false;
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/ogc') || url.startsWith('/tiles/');
}

function routeAccess(request: FastifyRequest): RouteAccess {
  const configured = request.routeOptions.config?.access;
  if (configured) return configured;
  // CORS preflights never carry credentials, and answer nothing but which methods and headers are allowed.
  if (!guardedPath(request.url) || request.method === 'OPTIONS') return 'public';
  return safeMethods.has(request.method) ? 'read' : 'write';
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw new HttpProblem('unauthorized', {
      id: 'Header Authorization harus berbentuk "Bearer <token>".',
      en: 'The Authorization header must be "Bearer <token>".',
    });
  }
  return match[1];
}

export default fp(async function authentication(fastify: FastifyInstance) {
  const { db, config } = fastify.tapak;
  await fastify.register(cookie);
  fastify.decorateRequest('actor', null as unknown as Actor);
  fastify.decorateRequest('sessionIdHash', null);

  // Every guarded route may answer 401 and 403: documented once here rather than on each route.
  fastify.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (!response || route.config?.access === 'public') return;
    response[401] ??= problemDetailsSchema;
    response[403] ??= problemDetailsSchema;
  });

  async function identify(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.actor = anonymousActor;
    const token = bearerToken(request);
    if (token) {
      const found = await userForToken(db.knex, secretHash(token));
      if (!found) {
        throw new HttpProblem('unauthorized', {
          id: 'Token API tidak dikenal, dicabut, atau akunnya dinonaktifkan.',
          en: 'Unknown or revoked API token, or its account is disabled.',
        });
      }
      request.actor = actorOf(found.user, 'token', found.readOnly);
      return;
    }
    const sessionId = request.cookies[sessionCookieName];
    if (!sessionId) return;
    const idHash = secretHash(sessionId);
    const session = await userForSession(db.knex, idHash, config.sessionIdleMinutes);
    if (!session) {
      // Expired or ended elsewhere: forget the cookie so the browser stops sending it.
      reply.clearCookie(sessionCookieName, { path: '/' });
      return;
    }
    if (!safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfTokenHash)) {
        throw new HttpProblem(
          'forbidden',
          {
            id: 'Halaman ini tidak membawa kode keamanan sesi Anda (CSRF). Muat ulang halaman lalu coba lagi.',
            en: 'Missing or wrong CSRF token: reload the page and try again.',
          },
          undefined,
          { reason: 'csrf' },
        );
      }
    }
    // The idle clock restarts on use; written at most once a minute.
    if (Date.now() - session.lastSeenAt.getTime() > 60_000) await touchSession(db.knex, idHash);
    request.actor = actorOf(session.user, 'session', false);
    request.sessionIdHash = idHash;
  }

  fastify.addHook('onRequest', async (request, reply) => {
    const access = routeAccess(request);
    if (access === 'public' && !guardedPath(request.url)) {
      request.actor = anonymousActor;
      return;
    }
    await identify(request, reply);
    if (access === 'public') return;
    if (request.actor.role === null && (access === 'write' || !config.publicRead)) {
      throw new HttpProblem('unauthorized', {
        id: 'Masuk terlebih dahulu (atau kirim header Authorization: Bearer <token>).',
        en: 'Log in first (or send an Authorization: Bearer <token> header).',
      });
    }
    if (access === 'write') requireAllowed(writerRefusal(request.actor));
  });
});
