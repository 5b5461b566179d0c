import type { Page } from "@playwright/test";
import { createBook, uniqueIsbn, uniqueWord } from "./api";
import { expect, test } from "./fixtures";

async function fillBook(page: Page, book: { title: string; author: string; isbn: string }) {
  await page.getByLabel("Title").fill(book.title);
  await page.getByLabel("Author").fill(book.author);
  await page.getByLabel("ISBN").fill(book.isbn);
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("creating a book", async ({ signedIn: page }) => {
  const title = uniqueWord("Created ");
  const isbn = uniqueIsbn();
  await page.goto("/");
  await page.getByRole("link", { name: "New book" }).click();
  await fillBook(page, {
    title,
    author: "Frank Herbert",
    isbn: `${isbn.slice(0, 3)}-${isbn.slice(3)}`,
  });
  await page.getByLabel("Published on").fill("1965-08-01");
  await page.getByLabel("Pages").fill("412");
  await page.getByRole("button", { name: "Add book" }).click();

  await expect(heading(page)).toHaveText(title);
  await expect(page.getByRole("status").filter({ hasText: `Added “${title}”.` })).toBeVisible();
  await expect(page.getByText(isbn, { exact: true })).toBeVisible();
  await expect(page.getByText("412", { exact: true })).toBeVisible();
});

test("a duplicate ISBN shows the conflict", async ({ signedIn: page, request, session }) => {
  const isbn = uniqueIsbn();
  await createBook(request, session, { title: uniqueWord("First "), author: "A. Author", isbn });
  await page.goto("/#/books/new");
  await fillBook(page, { title: uniqueWord("Second "), author: "B. Author", isbn });
  await page.getByRole("button", { name: "Add book" }).click();

  await expect(page.getByRole("alert")).toContainText("A book with this ISBN already exists.");
  const isbnInput = page.getByLabel("ISBN");
  await expect(isbnInput).toHaveAttribute("aria-invalid", "true");
  await expect(isbnInput).toHaveAccessibleDescription(/Another book already has this ISBN/);
  await expect(heading(page)).toHaveText("New book");
});

test("an invalid ISBN shows a field error", async ({ signedIn: page }) => {
  const valid = uniqueIsbn();
  const wrongCheckDigit = `${valid.slice(0, -1)}${(Number(valid.at(-1)) + 1) % 10}`;
  await page.goto("/#/books/new");
  await fillBook(page, {
    title: uniqueWord("Invalid "),
    author: "C. Author",
    isbn: wrongCheckDigit,
  });
  await page.getByRole("button", { name: "Add book" }).click();

  const isbnInput = page.getByLabel("ISBN");
  await expect(isbnInput).toHaveAttribute("aria-invalid", "true");
  await expect(isbnInput).toHaveAccessibleDescription(/not a valid ISBN-13/);
  await expect(isbnInput).toBeFocused();
  await expect(page.getByLabel("Title")).not.toHaveAttribute("aria-invalid");
});

test("editing a book", async ({ signedIn: page, request, session }) => {
  const id = await createBook(request, session, {
    title: uniqueWord("Before "),
    author: "D. Author",
    isbn: uniqueIsbn(),
  });
  const renamed = uniqueWord("After ");
  await page.goto(`/#/books/${encodeURIComponent(id)}`);
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(heading(page)).toHaveText(/^Edit “Before /);
  await page.getByLabel("Title").fill(renamed);
  await page.getByLabel("Pages").fill("99");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(heading(page)).toHaveText(renamed);
  await expect(page.getByText(`Saved “${renamed}”.`)).toBeVisible();
  await expect(page.getByText("99", { exact: true })).toBeVisible();
});

test("deleting a book", async ({ signedIn: page, request, session }) => {
  const title = uniqueWord("Doomed ");
  const id = await createBook(request, session, { title, author: "E. Author", isbn: uniqueIsbn() });
  await page.goto(`/#/books/${encodeURIComponent(id)}`);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();

  await expect(heading(page)).toHaveText("Books");
  await expect(page.getByText(`Deleted “${title}”.`)).toBeVisible();
  await page.goto(`/#/books/${encodeURIComponent(id)}`);
  await expect(heading(page)).toHaveText("Book not found");
});
