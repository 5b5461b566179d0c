import { describe, expect, it } from "vitest";
import { GraphQLRequestError, NetworkError, normaliseFieldName, toFormErrors } from "./errors";

const FIELDS = ["title", "isbn", "publishedOn"] as const;

function apiError(...errors: { message: string; code: string; field?: string }[]) {
  return new GraphQLRequestError(
    errors.map(({ message, code, field }) => ({
      message,
      extensions: field === undefined ? { code } : { code, field },
    })),
  );
}

describe("normaliseFieldName", () => {
  it.each([
    ["isbn", "isbn"],
    ["published_on", "publishedOn"],
    ["publishedOn", "publishedOn"],
    ["input.page_count", "pageCount"],
  ])("%s -> %s", (raw, expected) => {
    expect(normaliseFieldName(raw)).toBe(expected);
  });
});

describe("toFormErrors", () => {
  it("puts BAD_USER_INPUT next to the field it names, in either spelling", () => {
    const errors = toFormErrors(
      apiError(
        {
          message: "isbn is not a valid ISBN-13 (check digit)",
          code: "BAD_USER_INPUT",
          field: "isbn",
        },
        { message: "published_on is in the future", code: "BAD_USER_INPUT", field: "published_on" },
      ),
      FIELDS,
    );
    expect(errors.fields).toEqual({
      isbn: "isbn is not a valid ISBN-13 (check digit)",
      publishedOn: "published_on is in the future",
    });
    expect(errors.form).toEqual([]);
  });

  it("keeps BAD_USER_INPUT for a field the form lacks at the form level", () => {
    const errors = toFormErrors(
      apiError({ message: "id is not the id of a Book", code: "BAD_USER_INPUT", field: "id" }),
      FIELDS,
    );
    expect(errors.fields).toEqual({});
    expect(errors.form).toEqual(["id is not the id of a Book"]);
  });

  it("flags CONFLICT and shows its message", () => {
    const errors = toFormErrors(
      apiError({ message: "A book with this ISBN already exists.", code: "CONFLICT" }),
      FIELDS,
    );
    expect(errors.conflict).toBe(true);
    expect(errors.form).toEqual(["A book with this ISBN already exists."]);
  });

  it("flags UNAUTHENTICATED", () => {
    const errors = toFormErrors(
      apiError({ message: "Sign in first", code: "UNAUTHENTICATED" }),
      FIELDS,
    );
    expect(errors.unauthenticated).toBe(true);
  });

  it("replaces an internal error's message by a safe one", () => {
    const errors = toFormErrors(
      apiError({ message: "Internal server error.", code: "INTERNAL_SERVER_ERROR" }),
      FIELDS,
    );
    expect(errors.form).toEqual(["Something went wrong on the server. Try again later."]);
  });

  it("reports a network failure at the form level", () => {
    const errors = toFormErrors(new NetworkError("The server could not be reached."), FIELDS);
    expect(errors.form).toEqual(["The server could not be reached."]);
    expect(errors.fields).toEqual({});
  });
});
