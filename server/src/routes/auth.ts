import { loginRequestSchema, problemDetailsSchema, type SessionInfo, sessionInfoSchema } from '@tapak/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { logIn, logOut } from '../auth/loginService.ts';
import { csrfTokenFor, sessionCookieName } from '../auth/sessionCookie.ts';
import { findUserById, publicUser } from '../repositories/userRepository.ts';

const tags = ['akses'];

const auth: FastifyPluginAsyncZod = async (fastify) => {
  const { db, config } = fastify.tapak;

  async function sessionInfo(request: FastifyRequest, csrfToken: string | null): Promise<SessionInfo> {
    const { actor } = request;
    const user = actor.userId ? await findUserById(db.knex, actor.userId) : null;
    return {
      user: user ? publicUser(user) : null,
      via: actor.via,
      csrf_token: csrfToken,
      read_only: actor.readOnly || actor.role === 'pemantau' || actor.role === null,
      idle_timeout_minutes: actor.via === 'session' ? config.sessionIdleMinutes : null,
    };
  }

  function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string, expiresAt: Date) {
    reply.setCookie(sessionCookieName, sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      // Secure when the browser reached us over HTTPS (directly, or through a trusted proxy).
      secure: request.protocol === 'https',
      expires: expiresAt,
    });
  }

  fastify.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Masuk / Log in',
        tags,
        body: loginRequestSchema,
        response: {
          200: sessionInfoSchema,
          400: problemDetailsSchema,
          401: problemDetailsSchema,
          429: problemDetailsSchema,
        },
      },
    },
    async (request, reply) => {
      const started = await logIn(db.knex, config, request.body, request.ip);
      setSessionCookie(request, reply, started.sessionId, started.expiresAt);
      return {
        user: publicUser(started.user),
        via: 'session' as const,
        csrf_token: started.csrfToken,
        read_only: started.user.role === 'pemantau',
        idle_timeout_minutes: config.sessionIdleMinutes,
      };
    },
  );

  fastify.post(
    '/api/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Keluar / Log out',
        tags,
        response: { 204: z.null(), 403: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      if (request.sessionIdHash) await logOut(db.knex, request.sessionIdHash);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  fastify.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Siapa saya dan token CSRF / Who am I, and the CSRF token',
        tags,
        response: { 200: sessionInfoSchema, 401: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const sessionId = request.sessionIdHash ? request.cookies[sessionCookieName] : undefined;
      return sessionInfo(request, sessionId ? csrfTokenFor(sessionId) : null);
    },
  );

  fastify.get(
    '/api/auth/config',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Apakah baca publik aktif / Whether public read is on',
        tags,
        response: { 200: z.object({ public_read: z.boolean() }) },
      },
    },
    async () => ({ public_read: config.publicRead }),
  );
};
export default auth;
