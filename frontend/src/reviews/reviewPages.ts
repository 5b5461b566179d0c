/**
 * A book's reviews as the page holds them: the pages loaded so far, the book's
 * counters, and the viewer's own review.
 *
 * Every (re)load of the first page starts a new generation: after a write the
 * section reloads while still showing what it had, and an answer to an older
 * generation (a "load more" sent before the write) is ignored.
 */
import type { BookReviewsQuery } from "../gql/graphql";

type Reviews = NonNullable<BookReviewsQuery["bookById"]>["reviews"];
export type ReviewEdge = Reviews["edges"][number];
export type MyReview = NonNullable<BookReviewsQuery["mine"]>["edges"][number]["node"];

export interface ReviewPagesState {
  generation: number;
  status: "loading" | "refreshing" | "loadingMore" | "idle" | "error";
  /** Whether a first page has arrived. */
  loaded: boolean;
  /** False once the API says the book does not exist. */
  bookFound: boolean;
  reviewCount: number;
  averageRating: number | null;
  edges: ReviewEdge[];
  endCursor: string | null;
  hasNextPage: boolean;
  mine: MyReview | null;
  error: unknown;
  /** What failed (with status "error"): a first page or the next one, to try again. */
  failed: "reload" | "loadMore" | null;
}

export type ReviewPagesAction =
  | { type: "reload"; generation: number }
  | { type: "loadMore"; generation: number }
  | { type: "loaded"; generation: number; data: BookReviewsQuery; append: boolean }
  | { type: "failed"; generation: number; error: unknown };

export const initialReviewPages: ReviewPagesState = {
  generation: 0,
  status: "loading",
  loaded: false,
  bookFound: true,
  reviewCount: 0,
  averageRating: null,
  edges: [],
  endCursor: null,
  hasNextPage: false,
  mine: null,
  error: null,
  failed: null,
};

/** Whether a next page exists and nothing is loading (after a failed "load more" too). */
export function canLoadMore(state: ReviewPagesState): boolean {
  const settled = state.status === "idle" || (state.status === "error" && state.loaded);
  return settled && state.hasNextPage && state.endCursor !== null;
}

function appendEdges(edges: ReviewEdge[], more: ReviewEdge[]): ReviewEdge[] {
  const seen = new Set(edges.map((edge) => edge.node.id));
  return [...edges, ...more.filter((edge) => !seen.has(edge.node.id))];
}

export function reviewPagesReducer(
  state: ReviewPagesState,
  action: ReviewPagesAction,
): ReviewPagesState {
  if (action.type === "reload") {
    // Keep showing the loaded reviews until the new first page replaces them.
    return {
      ...state,
      generation: action.generation,
      status: state.loaded ? "refreshing" : "loading",
      error: null,
      failed: null,
    };
  }
  if (action.generation !== state.generation) return state;
  switch (action.type) {
    case "loadMore":
      return canLoadMore(state)
        ? { ...state, status: "loadingMore", error: null, failed: null }
        : state;
    case "loaded": {
      const { bookById: book, mine } = action.data;
      if (book === null) return { ...state, status: "idle", loaded: true, bookFound: false };
      return {
        ...state,
        status: "idle",
        loaded: true,
        bookFound: true,
        reviewCount: book.reviewCount,
        averageRating: book.averageRating,
        edges: action.append ? appendEdges(state.edges, book.reviews.edges) : book.reviews.edges,
        endCursor: book.reviews.pageInfo.endCursor,
        hasNextPage: book.reviews.pageInfo.hasNextPage,
        // `mine` comes with first pages only (for a signed-in viewer).
        mine:
          mine === undefined ? (action.append ? state.mine : null) : (mine.edges[0]?.node ?? null),
        error: null,
        failed: null,
      };
    }
    case "failed": {
      const failed = state.status === "loadingMore" ? "loadMore" : "reload";
      return { ...state, status: "error", error: action.error, failed };
    }
  }
}
