import { describe, expect, it, vi } from "vitest";
import { LoginError, logIn } from "./login";

function answering(response: Response) {
  return vi.fn<typeof fetch>(async () => response);
}

describe("logIn", () => {
  it("turns the token answer into a session", async () => {
    const fetch = answering(
      Response.json({ access_token: "jwt", token_type: "bearer", expires_in: 900 }),
    );
    const session = await logIn("a@example.com", "secret", { fetch, now: 1_000 });
    expect(session).toEqual({ token: "jwt", email: "a@example.com", expiresAt: 901_000 });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe("/api/auth/login");
    expect(JSON.parse(String(init?.body))).toEqual({ email: "a@example.com", password: "secret" });
  });

  it.each([
    [new Response(null, { status: 401 }), "Invalid email or password."],
    [
      new Response(null, { status: 429, headers: { "retry-after": "42" } }),
      "Too many sign-in attempts. Try again in 42 seconds.",
    ],
    [new Response(null, { status: 500 }), "Signing in failed. Try again later."],
  ])("explains a failed sign-in (%#)", async (response, message) => {
    const attempt = logIn("a@example.com", "wrong", { fetch: answering(response) });
    await expect(attempt).rejects.toEqual(new LoginError(message));
  });
});
