/** @vitest-environment jsdom */
import { describe, expect, it } from "vitest";
import { loadSession, saveSession } from "./session";

describe("session storage", () => {
  it("keeps a session until it expires", () => {
    saveSession({ token: "t", email: "a@example.com", expiresAt: 2_000 });
    expect(loadSession(localStorage, 1_000)?.token).toBe("t");
    expect(loadSession(localStorage, 2_000)).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it("forgets malformed data", () => {
    localStorage.setItem("books.session", "{not json");
    expect(loadSession()).toBeNull();
    localStorage.setItem("books.session", JSON.stringify({ token: 1 }));
    expect(loadSession()).toBeNull();
  });
});
