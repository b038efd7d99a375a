import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  auditListSchema,
  problemDetailsSchema,
  publicUserSchema,
  userCreateSchema,
  userPatchSchema,
} from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../audit/changeOrigin.ts';
import { requireAdmin } from '../auth/guards.ts';
import { auditEntries } from '../repositories/auditRepository.ts';
import { listApiTokens, listUsers, publicUser } from '../repositories/userRepository.ts';
import { changeUser, createApiToken, createUser, revokeToken } from '../users/userService.ts';

const tags = ['akses'];
const idParams = z.object({ id: z.string().uuid() });
const problems = {
  400: problemDetailsSchema,
  401: problemDetailsSchema,
  403: problemDetailsSchema,
  404: problemDetailsSchema,
  409: problemDetailsSchema,
};

/** Account and token management: admins only, every change audited. */
const users: FastifyPluginAsyncZod = async (fastify) => {
  const { db } = fastify.tapak;
  fastify.addHook('preHandler', async (request) => requireAdmin(request.actor));

  fastify.get(
    '/api/users',
    {
      schema: {
        summary: 'Daftar pengguna / List users',
        tags,
        response: { 200: z.object({ users: z.array(publicUserSchema) }), ...problems },
      },
    },
    async () => ({ users: (await listUsers(db.knex)).map(publicUser) }),
  );

  fastify.post(
    '/api/users',
    {
      schema: {
        summary: 'Tambah pengguna / Add a user',
        tags,
        body: userCreateSchema,
        response: { 201: publicUserSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createUser(db.knex, originOf(request), request.body)),
  );

  fastify.patch(
    '/api/users/:id',
    {
      schema: {
        summary: 'Ubah peran, wilayah, kata sandi atau status pengguna / Change a user',
        tags,
        params: idParams,
        body: userPatchSchema,
        response: { 200: publicUserSchema, ...problems },
      },
    },
    async (request) => changeUser(db.knex, originOf(request), request.params.id, request.body),
  );

  fastify.get(
    '/api/users/:id/tokens',
    {
      schema: {
        summary: 'Token API pengguna / A user’s API tokens',
        tags,
        params: idParams,
        response: { 200: z.object({ tokens: z.array(apiTokenSchema) }), ...problems },
      },
    },
    async (request) => ({ tokens: await listApiTokens(db.knex, request.params.id) }),
  );

  fastify.post(
    '/api/users/:id/tokens',
    {
      schema: {
        summary: 'Buat token API (hanya baca kecuali diminta) / Create an API token (read only unless asked)',
        tags,
        params: idParams,
        body: apiTokenCreateSchema,
        response: { 201: apiTokenCreatedSchema, ...problems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApiToken(db.knex, originOf(request), request.params.id, request.body)),
  );

  fastify.delete(
    '/api/tokens/:id',
    {
      schema: {
        summary: 'Cabut token API / Revoke an API token',
        tags,
        params: idParams,
        response: { 200: apiTokenSchema, ...problems },
      },
    },
    async (request) => revokeToken(db.knex, originOf(request), request.params.id),
  );

  fastify.get(
    '/api/audit',
    {
      schema: {
        summary: 'Log audit (terbaru dahulu) / Audit log (newest first)',
        tags,
        querystring: z
          .object({
            entity_type: z.string().max(40).optional(),
            entity_id: z.string().max(80).optional(),
            before_id: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: auditListSchema, ...problems },
      },
    },
    async (request) => ({
      entries: await auditEntries(db.knex, {
        limit: request.query.limit,
        ...(request.query.entity_type ? { entityType: request.query.entity_type } : {}),
        ...(request.query.entity_id ? { entityId: request.query.entity_id } : {}),
        ...(request.query.before_id ? { beforeId: request.query.before_id } : {}),
      }),
    }),
  );
};
export default users;
