import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { BookListDocument } from "../gql/graphql";
import { useClient } from "../graphql/ClientContext";
import { bookPagesReducer, canLoadMore, initialBookPages } from "./bookPages";
import { type ListParams, toBookFilter } from "./listParams";

export const PAGE_SIZE = 10;

/** The pages of the book list for `list`; `loadMore` fetches the next one. */
export function useBookPages(list: ListParams, pageSize = PAGE_SIZE) {
  const execute = useClient();
  const { q, author, publishedAfter, publishedBefore, order } = list;
  const variables = useMemo(
    () => ({
      first: pageSize,
      filter: toBookFilter({ q, author, publishedAfter, publishedBefore, order }),
      orderBy: order,
    }),
    [q, author, publishedAfter, publishedBefore, order, pageSize],
  );
  const queryKey = JSON.stringify(variables);
  const [state, dispatch] = useReducer(bookPagesReducer, queryKey, initialBookPages);
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (after: string | null) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      execute(BookListDocument, { ...variables, after }, controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          dispatch({ type: "loaded", queryKey, page: data.books, append: after !== null });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          dispatch({ type: "failed", queryKey, error });
        },
      );
    },
    [execute, variables, queryKey],
  );

  const restart = useCallback(() => {
    dispatch({ type: "start", queryKey });
    fetchPage(null);
  }, [fetchPage, queryKey]);

  useEffect(() => {
    restart();
    return () => inFlight.current?.abort();
  }, [restart]);

  const loadMore = useCallback(() => {
    if (!canLoadMore(state)) return;
    dispatch({ type: "loadMore", queryKey });
    fetchPage(state.endCursor);
  }, [fetchPage, queryKey, state]);

  // Until the effect has run for a new query, show it as loading, not the old rows.
  const current = state.queryKey === queryKey ? state : initialBookPages(queryKey);
  return { ...current, loadMore, restart };
}
