/**
 * The book list's pagination state: the pages loaded so far for one query
 * (filter + order), and whether another page exists.
 *
 * Cursors are bound to the query that issued them (the API rejects them
 * elsewhere), so a new query starts again from the first page, and an answer
 * that arrives for an older query is ignored.
 */
import type { BookListQuery } from "../gql/graphql";

export type BookEdge = BookListQuery["books"]["edges"][number];
export type BookPage = BookListQuery["books"];

export interface BookPagesState {
  /** Identifies the query the pages belong to. */
  queryKey: string;
  status: "loading" | "loadingMore" | "idle" | "error";
  edges: BookEdge[];
  totalCount: number | null;
  endCursor: string | null;
  hasNextPage: boolean;
  error: unknown;
}

export type BookPagesAction =
  | { type: "start"; queryKey: string }
  | { type: "loadMore"; queryKey: string }
  | { type: "loaded"; queryKey: string; page: BookPage; append: boolean }
  | { type: "failed"; queryKey: string; error: unknown };

export function initialBookPages(queryKey: string): BookPagesState {
  return {
    queryKey,
    status: "loading",
    edges: [],
    totalCount: null,
    endCursor: null,
    hasNextPage: false,
    error: null,
  };
}

function appendEdges(edges: BookEdge[], more: BookEdge[]): BookEdge[] {
  const seen = new Set(edges.map((edge) => edge.node.id));
  return [...edges, ...more.filter((edge) => !seen.has(edge.node.id))];
}

/** Whether a next page exists and nothing is loading (after a failed "load more" too). */
export function canLoadMore(state: BookPagesState): boolean {
  const settled = state.status === "idle" || (state.status === "error" && state.edges.length > 0);
  return settled && state.hasNextPage && state.endCursor !== null;
}

export function bookPagesReducer(state: BookPagesState, action: BookPagesAction): BookPagesState {
  if (action.type === "start") return initialBookPages(action.queryKey);
  if (action.queryKey !== state.queryKey) return state;
  switch (action.type) {
    case "loadMore":
      return canLoadMore(state) ? { ...state, status: "loadingMore", error: null } : state;
    case "loaded":
      return {
        ...state,
        status: "idle",
        edges: action.append ? appendEdges(state.edges, action.page.edges) : action.page.edges,
        totalCount: action.page.totalCount,
        endCursor: action.page.pageInfo.endCursor,
        hasNextPage: action.page.pageInfo.hasNextPage,
        error: null,
      };
    case "failed":
      return { ...state, status: "error", error: action.error };
  }
}
