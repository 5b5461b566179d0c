import { describe, expect, it } from "vitest";
import { type BookFormValues, checkBook, toBookInput, toBookPatch } from "./bookFormValues";

const DUNE: BookFormValues = {
  title: "Dune",
  author: "Frank Herbert",
  isbn: "0-441-17271-7",
  publishedOn: "1965-08-01",
  pageCount: "412",
};

describe("book form values", () => {
  it("accepts a complete book", () => {
    expect(checkBook(DUNE)).toEqual({});
  });

  it("asks for the required fields and a whole page count", () => {
    expect(checkBook({ ...DUNE, title: " ", isbn: "", pageCount: "12.5" })).toEqual({
      title: "Enter the title.",
      isbn: "Enter the ISBN.",
      pageCount: "Enter a whole number of pages, 1 or more.",
    });
    expect(checkBook({ ...DUNE, pageCount: "0" }).pageCount).toBeDefined();
  });

  it("leaves the ISBN's validity to the API", () => {
    expect(checkBook({ ...DUNE, isbn: "not an isbn" })).toEqual({});
  });

  it("converts to the API's input: trimmed, numbers, nulls for blanks", () => {
    expect(toBookInput({ ...DUNE, title: "  Dune ", publishedOn: "", pageCount: "" })).toEqual({
      title: "Dune",
      author: "Frank Herbert",
      isbn: "0-441-17271-7",
      publishedOn: null,
      pageCount: null,
    });
    expect(toBookInput(DUNE).pageCount).toBe(412);
  });

  it("patches only what changed, clearing with null", () => {
    expect(toBookPatch(DUNE, DUNE)).toEqual({});
    expect(toBookPatch(DUNE, { ...DUNE, title: "Dune Messiah", pageCount: "" })).toEqual({
      title: "Dune Messiah",
      pageCount: null,
    });
  });
});
