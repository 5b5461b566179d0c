/** @vitest-environment jsdom */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { saveSession } from "./auth/session";

function answerGraphQL(body: unknown) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => Response.json(body));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("the app", () => {
  it("sends the session's token, and on UNAUTHENTICATED forgets it and asks to sign in", async () => {
    saveSession({ token: "expired", email: "a@example.com", expiresAt: Date.now() + 60_000 });
    window.location.hash = "#/books/new";
    const fetch = answerGraphQL({
      data: null,
      errors: [{ message: "Sign in first.", extensions: { code: "UNAUTHENTICATED" } }],
    });
    render(<App />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Title"), "Dune");
    await user.type(screen.getByLabelText("Author"), "Frank Herbert");
    await user.type(screen.getByLabelText(/^ISBN/), "0-441-17271-7");
    await user.click(screen.getByRole("button", { name: "Add book" }));

    expect(fetch.mock.calls[0]?.[1]?.headers).toMatchObject({ authorization: "Bearer expired" });
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeTruthy();
    expect(screen.getByText("Your session has ended. Sign in again.")).toBeTruthy();
    expect(localStorage.getItem("books.session")).toBeNull();
    expect(new URLSearchParams(window.location.hash.split("?")[1]).get("next")).toBe("#/books/new");
  });

  it("sends pages that need a session to sign in", async () => {
    window.location.hash = "#/books/new";
    render(<App />);
    await waitFor(() => expect(window.location.hash).toBe("#/sign-in?next=%23%2Fbooks%2Fnew"));
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeTruthy();
  });
});
