import { z } from 'zod';

/**
 * Accounts, sessions, API tokens and the audit trail as the API speaks them. Territory is a Kemendagri code:
 * a kecamatan (32.75.01) for a camat, a kelurahan (32.75.01.1001) for a lurah, none for city-wide roles.
 */
export const userRoles = ['admin', 'perencana', 'camat', 'lurah', 'pemantau'] as const;
export const userRoleSchema = z.enum(userRoles);
export type UserRole = z.infer<typeof userRoleSchema>;

export const userRoleLabels: Record<UserRole, { id: string; en: string }> = {
  admin: { id: 'Admin', en: 'Administrator' },
  perencana: { id: 'Perencana Dinas', en: 'Dinas planner' },
  camat: { id: 'Camat', en: 'Camat (district head)' },
  lurah: { id: 'Lurah', en: 'Lurah (village head)' },
  pemantau: { id: 'Pemantau (baca saja)', en: 'Observer (read only)' },
};

const kecamatanKodeSchema = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'kode kecamatan, mis. 32.75.01');
const kelurahanKodeSchema = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode kelurahan, mis. 32.75.01.1001');

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,64}$/, 'nama pengguna 3–64 karakter: huruf kecil, angka, titik, garis bawah, tanda hubung');

/** At least 10 characters: long enough to resist guessing, short enough to type in a kelurahan office. */
export const passwordSchema = z.string().min(10, 'kata sandi minimal 10 karakter').max(200);

export const loginRequestSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: userRoleSchema,
  territory_kode: z.string().nullable(),
  disabled: z.boolean(),
  created_at: z.string(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

export const sessionInfoSchema = z.object({
  user: publicUserSchema.nullable(),
  /** How the request was authenticated; `anonymous` when public read is on and nobody is logged in. */
  via: z.enum(['session', 'token', 'anonymous']),
  /** Echo this in the X-CSRF-Token header of every state-changing request made with the session cookie. */
  csrf_token: z.string().nullable(),
  read_only: z.boolean(),
  idle_timeout_minutes: z.number().int().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** A role's territory must match its role: a kecamatan for camat, a kelurahan for lurah, none otherwise. */
function territoryMatchesRole(value: { role: UserRole; territory_kode?: string | null | undefined }) {
  const kode = value.territory_kode ?? null;
  if (value.role === 'camat') return kode !== null && kecamatanKodeSchema.safeParse(kode).success;
  if (value.role === 'lurah') return kode !== null && kelurahanKodeSchema.safeParse(kode).success;
  return kode === null;
}
const territoryMessage =
  'wilayah kerja: kode kecamatan untuk camat, kode kelurahan untuk lurah, kosong untuk peran lain / territory: a kecamatan code for camat, a kelurahan code for lurah, none otherwise';

export const userCreateSchema = z
  .object({
    username: usernameSchema,
    display_name: z.string().trim().min(1).max(120),
    role: userRoleSchema,
    territory_kode: z.string().trim().nullable().optional(),
    password: passwordSchema,
  })
  .strict()
  .refine(territoryMatchesRole, { message: territoryMessage, path: ['territory_kode'] });
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userPatchSchema = z
  .object({
    display_name: z.string().trim().min(1).max(120).optional(),
    role: userRoleSchema.optional(),
    territory_kode: z.string().trim().nullable().optional(),
    password: passwordSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserPatch = z.infer<typeof userPatchSchema>;

export function territoryFitsRole(role: UserRole, territoryKode: string | null): boolean {
  return territoryMatchesRole({ role, territory_kode: territoryKode });
}

export const apiTokenCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    /** Tokens read only unless asked otherwise: a leaked QGIS token should not be able to write. */
    read_only: z.boolean().default(true),
  })
  .strict();

export const apiTokenSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  read_only: z.boolean(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked: z.boolean(),
});
export const apiTokenCreatedSchema = apiTokenSchema.extend({
  /** Shown once; only its hash is stored. */
  token: z.string(),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  occurred_at: z.string(),
  actor_user_id: z.string().nullable(),
  actor_label: z.string(),
  route: z.string(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = z.object({ entries: z.array(auditEntrySchema) });
