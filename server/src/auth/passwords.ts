import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id (a const enum the compiler may not inline here).
const argon2id = 2;

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's baseline). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: argon2id });
}

export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  // Verify against a real hash even for unknown users, so timing does not reveal which usernames exist.
  const target = storedHash ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return ok && storedHash !== null;
  } catch {
    return false;
  }
}

const dummyHash = hashPassword('tapak-dummy-password-for-timing');
