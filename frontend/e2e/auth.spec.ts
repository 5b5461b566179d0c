import { USER } from "./api";
import { expect, test } from "./fixtures";

async function fillSignIn(page: import("@playwright/test").Page, password = USER.password) {
  await page.getByLabel("Email").fill(USER.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("signing in shows who is signed in and offers to add books", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await fillSignIn(page);
  await expect(page.getByRole("navigation")).toContainText(USER.email);
  await expect(page.getByRole("link", { name: "New book" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "New book" })).toHaveCount(0);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/#/sign-in");
  await fillSignIn(page, "not-the-password");
  await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");
});

test("a page that needs a session sends you to sign in, then back", async ({ page }) => {
  await page.goto("/#/books/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await fillSignIn(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New book");
});
