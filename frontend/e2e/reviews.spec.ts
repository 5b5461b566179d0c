import { resolve } from "node:path";
import type { Page } from "@playwright/test";
import { createBook, createReview, REVIEWERS, signIn, uniqueIsbn, uniqueWord } from "./api";
import { expect, test } from "./fixtures";

const summary = (page: Page) => page.locator(".review-summary");
const reviews = (page: Page) =>
  page.getByRole("list", { name: "All reviews" }).getByRole("listitem");
const writeForm = (page: Page) => page.getByRole("form", { name: "Write a review" });
const mine = (page: Page) => page.getByRole("region", { name: "Your review" });
const bookPath = (id: string) => `/#/books/${encodeURIComponent(id)}`;

test("a signed-in reader adds, edits and deletes their review", async ({
  signedIn: page,
  request,
  session,
}) => {
  const id = await createBook(request, session, {
    title: uniqueWord("Reviewed "),
    author: "G. Author",
    isbn: uniqueIsbn(),
  });
  await page.goto(bookPath(id));
  await expect(summary(page)).toHaveText("No reviews yet.");

  // An empty body: the API's error, next to the field.
  const form = writeForm(page);
  await form.getByRole("radio", { name: "4 stars" }).check();
  await form.getByRole("button", { name: "Add review" }).click();
  const body = form.getByLabel("Review");
  await expect(body).toHaveAttribute("aria-invalid", "true");
  await expect(body).toHaveAccessibleDescription(/body must not be empty/);
  await expect(body).toBeFocused();

  await body.fill("Slow to start.\nThen wonderful.");
  await form.getByRole("button", { name: "Add review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "your review was added" })).toBeVisible();
  await expect(summary(page)).toHaveText("Average rating 4 out of 5 from 1 review.");
  await expect(writeForm(page)).toHaveCount(0);
  await expect(mine(page).getByRole("heading", { name: "Your review" })).toBeFocused();
  await expect(mine(page)).toContainText("E2E Reader (you)");
  await expect(mine(page)).toContainText("Rated 4 out of 5");
  const shownBody = reviews(page).first().locator(".review__body");
  expect(await shownBody.innerText()).toBe("Slow to start.\nThen wonderful.");
  await page.screenshot({ path: resolve("test-results/reviews-mine.png"), fullPage: true });

  await mine(page).getByRole("button", { name: "Edit review" }).click();
  const edit = page.getByRole("form", { name: "Edit your review" });
  await expect(edit.getByRole("radio", { name: "4 stars" })).toBeChecked();
  await edit.getByRole("radio", { name: "2 stars" }).check();
  await edit.getByLabel("Review").fill("Wonderful, but long.");
  await edit.getByRole("button", { name: "Save review" }).click();
  await expect(summary(page)).toHaveText("Average rating 2 out of 5 from 1 review.");
  await expect(mine(page)).toContainText("Wonderful, but long.");
  await expect(reviews(page)).toHaveCount(1);
  await expect(reviews(page).first()).toContainText("Rated 2 out of 5");

  await mine(page).getByRole("button", { name: "Delete review" }).click();
  await page.getByRole("button", { name: "Yes, delete my review" }).click();
  await expect(page.getByRole("status").filter({ hasText: "review was deleted" })).toBeVisible();
  await expect(summary(page)).toHaveText("No reviews yet.");
  await expect(reviews(page)).toHaveCount(0);
  await expect(writeForm(page)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Write a review" })).toBeFocused();
});

test.describe("a book with others' reviews", () => {
  let bookId = "";

  test.beforeAll(async ({ playwright }) => {
    expect(REVIEWERS.length).toBeGreaterThanOrEqual(6);
    const { baseURL } = test.info().project.use;
    const request = await playwright.request.newContext(baseURL ? { baseURL } : {});
    bookId = await createBook(request, await signIn(request), {
      title: uniqueWord("Popular "),
      author: "H. Author",
      isbn: uniqueIsbn(),
    });
    // Reviewer n rates n (1 to 5, then 5 again): 6 reviews, average 20 / 6.
    for (const [i, reviewer] of REVIEWERS.slice(0, 6).entries()) {
      await createReview(request, await signIn(request, reviewer), {
        bookId,
        rating: Math.min(i + 1, 5),
        body: `Review number ${i + 1}.`,
      });
    }
    await request.dispose();
  });

  test("an anonymous visitor sees the reviews, loads more, and gets no form", async ({ page }) => {
    await page.goto(bookPath(bookId));
    await expect(summary(page)).toHaveText("Average rating 3.3 out of 5 from 6 reviews.");
    await expect(reviews(page)).toHaveCount(5);
    // Newest first.
    await expect(reviews(page).first()).toContainText("Reviewer 6");
    await expect(reviews(page).first()).toContainText("Review number 6.");
    await expect(writeForm(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: /review$/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sign in to write a review" })).toBeVisible();

    await page.getByRole("button", { name: "Load more reviews" }).click();
    await expect(reviews(page)).toHaveCount(6);
    await expect(reviews(page).last()).toContainText("Reviewer 1");
    await expect(reviews(page).last()).toContainText("Rated 1 out of 5");
    await expect(reviews(page).nth(5).getByRole("article")).toBeFocused();
    await expect(page.getByRole("button", { name: "Load more reviews" })).toHaveCount(0);
  });

  test("a signed-in reader may review it, and cannot change others' reviews", async ({
    signedIn: page,
  }) => {
    await page.goto(bookPath(bookId));
    await expect(reviews(page)).toHaveCount(5);
    await expect(writeForm(page)).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit review" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete review" })).toHaveCount(0);
    // The keyboard reaches the rating and the text.
    await writeForm(page).getByRole("radio", { name: "1 star" }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(writeForm(page).getByRole("radio", { name: "2 stars" })).toBeChecked();
    await page.keyboard.press("Tab");
    await expect(writeForm(page).getByLabel("Review")).toBeFocused();
  });
});
