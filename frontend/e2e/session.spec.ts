import { uniqueIsbn, uniqueWord } from "./api";
import { expect, test } from "./fixtures";

// A mutation with a token the API does not accept answers UNAUTHENTICATED:
// the app forgets the session and asks to sign in again.
test("an UNAUTHENTICATED answer sends you to sign in", async ({ page }) => {
  const stale = {
    token: "not-a-valid-token",
    email: "e2e-user@example.com",
    expiresAt: Date.now() + 3_600_000,
  };
  await page.addInitScript((stored) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("books.session", stored);
      sessionStorage.setItem("seeded", "1");
    }
  }, JSON.stringify(stale));
  await page.goto("/#/books/new");
  await page.getByLabel("Title").fill(uniqueWord("Unauthenticated "));
  await page.getByLabel("Author").fill("F. Author");
  await page.getByLabel("ISBN").fill(uniqueIsbn());
  await page.getByRole("button", { name: "Add book" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.getByText("Your session has ended. Sign in again.")).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("button", { name: "Sign out" })).toHaveCount(
    0,
  );
});
