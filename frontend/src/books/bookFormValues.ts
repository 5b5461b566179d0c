/**
 * The book form's values (strings, as inputs hold them), their client-side
 * checks, and their conversion to the API's `BookInput` / `BookPatchInput`.
 * The API stays the judge of what is valid (an ISBN's check digit, say); the
 * form only catches what it can tell without asking.
 */
import type { BookFormFieldsFragment, BookInput, BookPatchInput } from "../gql/graphql";

export interface BookFormValues {
  title: string;
  author: string;
  isbn: string;
  publishedOn: string;
  pageCount: string;
}

export type BookField = keyof BookFormValues;

export const BOOK_FIELDS: readonly BookField[] = [
  "title",
  "author",
  "isbn",
  "publishedOn",
  "pageCount",
];

export const EMPTY_BOOK: BookFormValues = {
  title: "",
  author: "",
  isbn: "",
  publishedOn: "",
  pageCount: "",
};

export function valuesOf(book: BookFormFieldsFragment): BookFormValues {
  return {
    title: book.title,
    author: book.author,
    isbn: book.isbn,
    publishedOn: book.publishedOn ?? "",
    pageCount: book.pageCount === null ? "" : String(book.pageCount),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE_NUMBER = /^\d+$/;

/** Problems the form can see by itself, by field; empty when there are none. */
export function checkBook(values: BookFormValues): Partial<Record<BookField, string>> {
  const errors: Partial<Record<BookField, string>> = {};
  if (!values.title.trim()) errors.title = "Enter the title.";
  if (!values.author.trim()) errors.author = "Enter the author.";
  if (!values.isbn.trim()) errors.isbn = "Enter the ISBN.";
  if (values.publishedOn && !DATE.test(values.publishedOn)) {
    errors.publishedOn = "Enter a date like 1965-08-01.";
  }
  const pages = values.pageCount.trim();
  if (pages && (!WHOLE_NUMBER.test(pages) || Number(pages) < 1)) {
    errors.pageCount = "Enter a whole number of pages, 1 or more.";
  }
  return errors;
}

function pageCountOf(value: string): number | null {
  return value.trim() ? Number(value.trim()) : null;
}

export function toBookInput(values: BookFormValues): BookInput {
  return {
    title: values.title.trim(),
    author: values.author.trim(),
    isbn: values.isbn.trim(),
    publishedOn: values.publishedOn || null,
    pageCount: pageCountOf(values.pageCount),
  };
}

/** Only the fields that differ from `initial`: the API changes what is sent. */
export function toBookPatch(initial: BookFormValues, values: BookFormValues): BookPatchInput {
  const before = toBookInput(initial);
  const after = toBookInput(values);
  const patch: BookPatchInput = {};
  if (after.title !== before.title) patch.title = after.title;
  if (after.author !== before.author) patch.author = after.author;
  if (after.isbn !== before.isbn) patch.isbn = after.isbn;
  if (after.publishedOn !== before.publishedOn) patch.publishedOn = after.publishedOn ?? null;
  if (after.pageCount !== before.pageCount) patch.pageCount = after.pageCount ?? null;
  return patch;
}
