/**
 * The signed-in session: the bearer token `POST /api/auth/login` issued, kept
 * in localStorage until it expires (or the API rejects it).
 */

export interface Session {
  token: string;
  email: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const KEY = "books.session";

function isSession(value: unknown): value is Session {
  if (typeof value !== "object" || value === null) return false;
  const { token, email, expiresAt } = value as Record<string, unknown>;
  return typeof token === "string" && typeof email === "string" && typeof expiresAt === "number";
}

export function loadSession(storage: Storage = localStorage, now = Date.now()): Session | null {
  let value: unknown;
  try {
    value = JSON.parse(storage.getItem(KEY) ?? "null");
  } catch {
    value = null;
  }
  if (!isSession(value) || value.expiresAt <= now) {
    storage.removeItem(KEY);
    return null;
  }
  return value;
}

export function saveSession(session: Session | null, storage: Storage = localStorage): void {
  if (session === null) storage.removeItem(KEY);
  else storage.setItem(KEY, JSON.stringify(session));
}
