import { describe, expect, it } from "vitest";
import {
  type BookPage,
  type BookPagesState,
  bookPagesReducer,
  initialBookPages,
} from "./bookPages";

function page(
  ids: string[],
  endCursor: string | null,
  hasNextPage: boolean,
  totalCount = 5,
): BookPage {
  return {
    totalCount,
    edges: ids.map((id) => ({ cursor: `c-${id}`, node: { id } })),
    pageInfo: { hasNextPage, endCursor },
  };
}

function loaded(state: BookPagesState, p: BookPage, append: boolean): BookPagesState {
  return bookPagesReducer(state, { type: "loaded", queryKey: state.queryKey, page: p, append });
}

describe("bookPagesReducer", () => {
  it("keeps the first page and its cursor", () => {
    const state = loaded(initialBookPages("q1"), page(["1", "2"], "c-2", true), false);
    expect(state.status).toBe("idle");
    expect(state.edges.map((e) => e.node.id)).toEqual(["1", "2"]);
    expect(state.endCursor).toBe("c-2");
    expect(state.hasNextPage).toBe(true);
    expect(state.totalCount).toBe(5);
  });

  it("appends the next page, without duplicates", () => {
    let state = loaded(initialBookPages("q1"), page(["1", "2"], "c-2", true), false);
    state = bookPagesReducer(state, { type: "loadMore", queryKey: "q1" });
    expect(state.status).toBe("loadingMore");
    state = loaded(state, page(["2", "3"], "c-3", false), true);
    expect(state.edges.map((e) => e.node.id)).toEqual(["1", "2", "3"]);
    expect(state.hasNextPage).toBe(false);
  });

  it("ignores loadMore without a next page or while loading", () => {
    const last = loaded(initialBookPages("q1"), page(["1"], "c-1", false), false);
    expect(bookPagesReducer(last, { type: "loadMore", queryKey: "q1" })).toBe(last);
    const loading = initialBookPages("q1");
    expect(bookPagesReducer(loading, { type: "loadMore", queryKey: "q1" })).toBe(loading);
  });

  it("starts over for a new query: no rows, no cursor", () => {
    const state = loaded(initialBookPages("q1"), page(["1", "2"], "c-2", true), false);
    const next = bookPagesReducer(state, { type: "start", queryKey: "q2" });
    expect(next).toEqual(initialBookPages("q2"));
  });

  it("ignores answers for an older query", () => {
    const state = bookPagesReducer(initialBookPages("q1"), { type: "start", queryKey: "q2" });
    const stale = bookPagesReducer(state, {
      type: "loaded",
      queryKey: "q1",
      page: page(["1"], "c-1", true),
      append: false,
    });
    expect(stale).toBe(state);
  });

  it("keeps the loaded rows when loading more fails, and allows another try", () => {
    let state = loaded(initialBookPages("q1"), page(["1"], "c-1", true), false);
    state = bookPagesReducer(state, { type: "loadMore", queryKey: "q1" });
    state = bookPagesReducer(state, { type: "failed", queryKey: "q1", error: new Error("x") });
    expect(state.status).toBe("error");
    expect(state.edges).toHaveLength(1);
    expect(bookPagesReducer(state, { type: "loadMore", queryKey: "q1" }).status).toBe(
      "loadingMore",
    );
  });
});
