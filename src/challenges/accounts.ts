import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { UserError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { UserRole, UserRow } from '../store/areas/challenge-tables.js';

/** API tokens look like `hld_<43 base64url characters>` (32 random bytes) so they are easy to spot in logs and configs. */
export const TOKEN_PREFIX = 'hld_';
const NAME = /^[a-z0-9][a-z0-9_.-]{1,31}$/;
export const MIN_PASSWORD = 8;
/** Page sessions last 14 days. */
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

/** 32 random bytes, base64url: high-entropy, so a plain sha256 at rest is enough (no salt or slow hash needed). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** sha256 (hex) of a token or session id: what the store keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Checks a user name: 2–32 of a–z, 0–9, `_ . -`, starting with a letter or digit. */
export function checkUserName(name: string): string {
  if (!NAME.test(name)) throw new UserError(`user name "${name.slice(0, 40)}" must be 2–32 characters: a–z, 0–9, _ . - (starting with a letter or digit)`);
  return name;
}

/** Creates an account and its first API token; the token is returned once and only its hash is stored. */
export async function addUser(store: Store, u: { name: string; role: UserRole; password?: string }, now: Date): Promise<{ user: UserRow; token: string }> {
  checkUserName(u.name);
  if (await store.findUser({ name: u.name })) throw new UserError(`user "${u.name}" already exists`);
  const passwordHash = u.password === undefined ? null : await hashPassword(u.password);
  return store.transaction(async (tx) => {
    const user = await tx.createUser({ name: u.name, role: u.role, passwordHash }, now);
    return { user, token: await issueToken(tx, user.id, 'created with the account', now) };
  });
}

/** A new API token for a user (shown once). */
export async function issueToken(store: Store, userId: number, label: string, now: Date): Promise<string> {
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  await store.addApiToken(userId, hashSecret(token), label.slice(0, 100), now);
  return token;
}

/** The user a bearer token belongs to, or undefined for an unknown or revoked token. */
export async function userForToken(store: Store, token: string, now: Date): Promise<UserRow | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  return store.userByTokenHash(hashSecret(token), now);
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, { N, r, p }, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Passwords are low-entropy, so unlike tokens they get a salted, slow hash: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD) throw new UserError(`passwords need at least ${MIN_PASSWORD} characters`);
  if (password.length > 200) throw new UserError('passwords may have at most 200 characters');
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; false for a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, N, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash || password.length > 200) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(N), Number(r), Number(p), expected.length);
  return timingSafeEqual(key, expected);
}

/** The user whose name and password match, or undefined (the same answer for an unknown name and a wrong password). */
export async function checkLogin(store: Store, name: string, password: string): Promise<UserRow | undefined> {
  const user = NAME.test(name) ? await store.findUser({ name }) : undefined;
  if (!user?.password_hash) return undefined;
  return (await verifyPassword(password, user.password_hash)) ? user : undefined;
}

/** A page session: the cookie value (secret), and the CSRF token forms must echo. */
export interface OpenedSession {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function openSession(store: Store, userId: number, now: Date): Promise<OpenedSession> {
  const cookie = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await store.createSession({ idHash: hashSecret(cookie), userId, csrfToken, expiresAt }, now);
  return { cookie, csrfToken, expiresAt };
}

export async function sessionFor(store: Store, cookie: string, now: Date) {
  if (cookie.length > 100) return undefined;
  return store.findSession(hashSecret(cookie), now);
}

export async function closeSession(store: Store, cookie: string): Promise<void> {
  await store.deleteSession(hashSecret(cookie));
}
