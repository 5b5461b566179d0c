/** `POST /api/auth/login`: email and password for a bearer token. */
import type { Session } from "./session";

export class LoginError extends Error {
  override name = "LoginError";
}

interface TokenResponse {
  access_token: string;
  expires_in: number;
}

function isTokenResponse(value: unknown): value is TokenResponse {
  if (typeof value !== "object" || value === null) return false;
  const { access_token, expires_in } = value as Record<string, unknown>;
  return typeof access_token === "string" && typeof expires_in === "number";
}

function failureMessage(response: Response): string {
  switch (response.status) {
    case 400:
      return "Enter a valid email address and your password.";
    case 401:
      return "Invalid email or password.";
    case 429: {
      const seconds = response.headers.get("retry-after");
      return `Too many sign-in attempts. Try again${seconds ? ` in ${seconds} seconds` : " later"}.`;
    }
    default:
      return "Signing in failed. Try again later.";
  }
}

export async function logIn(
  email: string,
  password: string,
  { fetch: doFetch = fetch, now = Date.now() } = {},
): Promise<Session> {
  let response: Response;
  try {
    response = await doFetch("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch (error) {
    throw new LoginError("The server could not be reached. Try again.", { cause: error });
  }
  if (!response.ok) throw new LoginError(failureMessage(response));
  const body: unknown = await response.json().catch(() => null);
  if (!isTokenResponse(body)) throw new LoginError("The server sent an unexpected answer.");
  return { token: body.access_token, email, expiresAt: now + body.expires_in * 1000 };
}
