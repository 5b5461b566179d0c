import { resolve } from "node:path";
import type { Page } from "@playwright/test";
import { createBook, signIn, uniqueIsbn } from "./api";
import { LE_GUIN, PRATCHETT } from "./books";
import { expect, test } from "./fixtures";

// Books no other test touches: 15 by one author, 10 by another.
const pager = { author: LE_GUIN.author, count: LE_GUIN.books.length };
const sorter = { author: PRATCHETT.author, count: PRATCHETT.books.length };

test.beforeAll(async ({ playwright }) => {
  const { baseURL } = test.info().project.use;
  const request = await playwright.request.newContext(baseURL ? { baseURL } : {});
  const session = await signIn(request);
  for (const { author, books } of [LE_GUIN, PRATCHETT]) {
    for (const [title, publishedOn] of books) {
      await createBook(request, session, { title, author, isbn: uniqueIsbn(), publishedOn });
    }
  }
  await request.dispose();
});

const books = (page: Page) => page.getByRole("list").getByRole("listitem");
const loadMore = (page: Page) => page.getByRole("button", { name: "Load more" });

test("pages through the whole list with Load more", async ({ page }) => {
  await page.goto("/");
  await expect(books(page)).toHaveCount(10);
  const summary = page.getByText(/^Showing \d+ of \d+ books$/);
  await expect(summary).toHaveText(/^Showing 10 of \d+ books$/);
  await page.screenshot({ path: resolve("test-results/list-page.png"), fullPage: true });

  const total = Number((await summary.textContent())?.match(/of (\d+)/)?.[1]);
  expect(total).toBeGreaterThanOrEqual(pager.count + sorter.count);
  for (let shown = 10; shown < total; shown = Math.min(shown + 10, total)) {
    await loadMore(page).click();
    await expect(books(page)).toHaveCount(Math.min(shown + 10, total));
  }
  await expect(summary).toHaveText(`Showing ${total} of ${total} books`);
  await expect(loadMore(page)).toHaveCount(0);
  const links = await books(page)
    .getByRole("link")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(new Set(links).size).toBe(total);
});

test("a filter starts the list over from its first page", async ({ page }) => {
  await page.goto("/");
  await loadMore(page).click();
  await expect(books(page)).toHaveCount(20);

  const firstPage = page.waitForRequest(
    (request) =>
      request.url().endsWith("/graphql") && request.postData()?.includes(pager.author) === true,
  );
  await page.getByLabel("Author").fill(pager.author);
  await page.getByRole("button", { name: "Apply" }).click();
  const variables = (await firstPage).postDataJSON().variables;
  expect(variables).toMatchObject({ after: null, filter: { author: pager.author } });

  await expect(page.getByText("Showing 10 of 15 books")).toBeVisible();
  await expect(books(page)).toHaveCount(10);
  await expect(books(page).filter({ hasNotText: pager.author })).toHaveCount(0);
  await loadMore(page).click();
  await expect(page.getByText("Showing 15 of 15 books")).toBeVisible();
  await expect(loadMore(page)).toHaveCount(0);
  expect(page.url()).toContain("author=");
});

test("the sort orders reorder the list", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Author").fill(sorter.author);
  await page.getByLabel("Sort by").selectOption({ label: "Title Z–A" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Showing 10 of 10 books")).toBeVisible();
  await expect(books(page).first()).toContainText("Wyrd Sisters");
  await expect(books(page).last()).toContainText("Equal Rites");

  await page.getByLabel("Sort by").selectOption({ label: "Title A–Z" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(books(page).first()).toContainText("Equal Rites");

  await page.getByLabel("Author").fill(pager.author);
  await page.getByLabel("Sort by").selectOption({ label: "Recently published" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(books(page).first()).toContainText("Tehanu");
  await page.getByLabel("Sort by").selectOption({ label: "First published" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(books(page).first()).toContainText("Rocannon's World");
});

test("a book's title opens its detail page", async ({ page }) => {
  await page.goto(`/#/?author=${encodeURIComponent(pager.author)}&order=TITLE`);
  await books(page).first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A Wizard of Earthsea");
  await expect(page.getByText(pager.author)).toBeVisible();
  await expect(page.getByText(/^97[89]\d{10}$/)).toBeVisible();
});

test("the list is readable on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/");
  await expect(books(page)).toHaveCount(10);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: resolve("test-results/list-page-phone.png"), fullPage: true });
});

test("the keyboard reaches the filters and Load more", async ({ page }) => {
  await page.goto("/");
  await expect(books(page)).toHaveCount(10);
  await page.getByLabel("Search").focus();
  await page.keyboard.type("le guin");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Showing 10 of 15 books")).toBeVisible();
  await loadMore(page).focus();
  await page.keyboard.press("Enter");
  await expect(books(page)).toHaveCount(15);
  // The first book of the new page has the focus.
  await expect(books(page).nth(10).getByRole("link")).toBeFocused();
});
