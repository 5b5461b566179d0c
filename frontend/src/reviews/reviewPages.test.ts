import { describe, expect, it } from "vitest";
import type { BookReviewsQuery } from "../gql/graphql";
import {
  canLoadMore,
  initialReviewPages,
  type ReviewPagesState,
  reviewPagesReducer,
} from "./reviewPages";

function answer(
  ids: string[],
  endCursor: string | null,
  hasNextPage: boolean,
  { reviewCount = 5, mine }: { reviewCount?: number; mine?: string | null } = {},
): BookReviewsQuery {
  const data: BookReviewsQuery = {
    bookById: {
      id: "book",
      reviewCount,
      averageRating: reviewCount ? 3.5 : null,
      reviews: {
        edges: ids.map((id) => ({ cursor: `c-${id}`, node: { id } })),
        pageInfo: { hasNextPage, endCursor },
      },
    },
  };
  if (mine !== undefined) {
    data.mine = { edges: mine ? [{ node: { id: mine, rating: 4, body: "Mine" } }] : [] };
  }
  return data;
}

const reload = (state: ReviewPagesState, generation: number) =>
  reviewPagesReducer(state, { type: "reload", generation });
const loaded = (state: ReviewPagesState, data: BookReviewsQuery, append = false) =>
  reviewPagesReducer(state, { type: "loaded", generation: state.generation, data, append });
const firstPage = (data: BookReviewsQuery) => loaded(reload(initialReviewPages, 1), data);

describe("reviewPagesReducer", () => {
  it("keeps the first page, its cursor, the counters and the viewer's review", () => {
    const state = firstPage(answer(["1", "2"], "c-2", true, { mine: "9" }));
    expect(state.status).toBe("idle");
    expect(state.loaded).toBe(true);
    expect(state.edges.map((e) => e.node.id)).toEqual(["1", "2"]);
    expect(state.endCursor).toBe("c-2");
    expect(state.hasNextPage).toBe(true);
    expect(state.reviewCount).toBe(5);
    expect(state.averageRating).toBe(3.5);
    expect(state.mine?.id).toBe("9");
  });

  it("appends the next page without duplicates and keeps the viewer's review", () => {
    let state = firstPage(answer(["1", "2"], "c-2", true, { mine: "9" }));
    state = reviewPagesReducer(state, { type: "loadMore", generation: 1 });
    expect(state.status).toBe("loadingMore");
    expect(canLoadMore(state)).toBe(false);
    state = loaded(state, answer(["2", "3"], "c-3", false), true);
    expect(state.edges.map((e) => e.node.id)).toEqual(["1", "2", "3"]);
    expect(state.hasNextPage).toBe(false);
    expect(state.mine?.id).toBe("9");
    expect(canLoadMore(state)).toBe(false);
  });

  it("ignores loadMore without a next page or before the first page", () => {
    const last = firstPage(answer(["1"], "c-1", false));
    expect(reviewPagesReducer(last, { type: "loadMore", generation: 1 })).toBe(last);
    const loading = reload(initialReviewPages, 1);
    expect(reviewPagesReducer(loading, { type: "loadMore", generation: 1 })).toBe(loading);
  });

  it("keeps showing the reviews while reloading, then replaces them", () => {
    let state = firstPage(answer(["1", "2"], "c-2", true, { mine: null }));
    state = reload(state, 2);
    expect(state.status).toBe("refreshing");
    expect(state.edges).toHaveLength(2);
    expect(canLoadMore(state)).toBe(false);
    state = loaded(state, answer(["0", "1"], "c-1", true, { reviewCount: 6, mine: "0" }));
    expect(state.edges.map((e) => e.node.id)).toEqual(["0", "1"]);
    expect(state.reviewCount).toBe(6);
    expect(state.mine?.id).toBe("0");
  });

  it("ignores answers of an older generation", () => {
    let state = firstPage(answer(["1"], "c-1", true));
    state = reviewPagesReducer(state, { type: "loadMore", generation: 1 });
    state = reload(state, 2);
    const stale = reviewPagesReducer(state, {
      type: "loaded",
      generation: 1,
      data: answer(["2"], "c-2", false),
      append: true,
    });
    expect(stale).toBe(state);
    expect(reviewPagesReducer(state, { type: "failed", generation: 1, error: new Error() })).toBe(
      state,
    );
  });

  it("keeps the reviews when loading more fails, and allows another try", () => {
    let state = firstPage(answer(["1"], "c-1", true));
    state = reviewPagesReducer(state, { type: "loadMore", generation: 1 });
    state = reviewPagesReducer(state, { type: "failed", generation: 1, error: new Error("x") });
    expect(state.status).toBe("error");
    expect(state.failed).toBe("loadMore");
    expect(state.edges).toHaveLength(1);
    expect(reviewPagesReducer(state, { type: "loadMore", generation: 1 }).status).toBe(
      "loadingMore",
    );
  });

  it("tells a failed first page from a failed next page", () => {
    const state = reviewPagesReducer(reload(initialReviewPages, 1), {
      type: "failed",
      generation: 1,
      error: new Error("x"),
    });
    expect(state.failed).toBe("reload");
    expect(state.loaded).toBe(false);
    expect(canLoadMore(state)).toBe(false);
  });

  it("notes a book that no longer exists", () => {
    const state = firstPage({ bookById: null });
    expect(state.bookFound).toBe(false);
    expect(state.status).toBe("idle");
  });
});
