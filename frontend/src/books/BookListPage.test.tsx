/** @vitest-environment jsdom */
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import type { BookListQueryVariables } from "../gql/graphql";
import { fakeClient } from "../test/fakeClient";

const BOOKS = Array.from({ length: 25 }, (_, i) => ({
  id: `id-${i + 1}`,
  title: `Book ${i + 1}`,
  author: i % 2 ? "Ann Leckie" : "Frank Herbert",
  publishedOn: null,
}));

/** A fake `books` connection: cursors are "<filter>|<index>", as bound to their query as the API's. */
function answerBooks(variables: unknown) {
  const { first, after, filter } = variables as BookListQueryVariables;
  const scope = JSON.stringify(filter ?? null);
  const matching = BOOKS.filter((book) => !filter?.author || book.author === filter.author);
  let start = 0;
  if (after) {
    const [cursorScope, index] = after.split("|");
    if (cursorScope !== scope) throw new Error("cursor from another query");
    start = Number(index) + 1;
  }
  const slice = matching.slice(start, start + first);
  return {
    books: {
      totalCount: matching.length,
      edges: slice.map((book, i) => ({ cursor: `${scope}|${start + i}`, node: book })),
      pageInfo: {
        hasNextPage: start + first < matching.length,
        endCursor: slice.length ? `${scope}|${start + slice.length - 1}` : null,
      },
    },
  };
}

const booksApi = () => fakeClient((_document, variables) => answerBooks(variables));

const titles = () =>
  within(screen.getByRole("list"))
    .getAllByRole("heading")
    .map((heading) => heading.textContent);

describe("the book list", () => {
  it("loads page after page with the previous page's end cursor", async () => {
    const api = booksApi();
    render(<App client={api.execute} />);
    expect(await screen.findByText("Showing 10 of 25 books")).toBeTruthy();
    expect(titles()).toHaveLength(10);

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("Showing 20 of 25 books")).toBeTruthy();
    expect(api.calls[1]?.variables).toMatchObject({ first: 10, after: "null|9" });
    // The first new book takes the focus.
    expect(document.activeElement?.textContent).toBe("Book 11");

    await user.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("Showing 25 of 25 books")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(titles().at(-1)).toBe("Book 25");
  });

  it("starts over from the first page when a filter changes", async () => {
    const api = booksApi();
    render(<App client={api.execute} />);
    const user = userEvent.setup();
    await screen.findByText("Showing 10 of 25 books");
    await user.click(screen.getByRole("button", { name: "Load more" }));
    await screen.findByText("Showing 20 of 25 books");

    await user.type(screen.getByLabelText("Author"), "Ann Leckie");
    await user.click(screen.getByRole("button", { name: "Apply" }));

    expect(await screen.findByText("Showing 10 of 12 books")).toBeTruthy();
    expect(api.calls.at(-1)?.variables).toMatchObject({
      after: null,
      filter: { author: "Ann Leckie" },
    });
    expect(window.location.hash).toBe("#/?author=Ann+Leckie");
    expect(titles()[0]).toBe("Book 2");
  });

  it("shows an error with a retry when the first page fails", async () => {
    let fail = true;
    const flaky = fakeClient((_document, variables) => {
      if (fail) throw new Error("The server could not be reached. Try again.");
      return answerBooks(variables);
    });
    render(<App client={flaky.execute} />);
    expect((await screen.findByRole("alert")).textContent).toContain("could not be reached");
    fail = false;
    await act(async () => screen.getByRole("button", { name: "Try again" }).click());
    expect(await screen.findByText("Showing 10 of 25 books")).toBeTruthy();
  });
});
