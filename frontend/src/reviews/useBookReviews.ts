import { useCallback, useEffect, useReducer, useRef } from "react";
import { BookReviewsDocument } from "../gql/graphql";
import { useClient } from "../graphql/ClientContext";
import { canLoadMore, initialReviewPages, reviewPagesReducer } from "./reviewPages";

export const REVIEWS_PAGE_SIZE = 5;

/**
 * The reviews of `bookId`, a page at a time; with a `viewerId`, also that
 * user's own review. `reload` starts again from the first page (after a write),
 * `loadMore` fetches the next one.
 */
export function useBookReviews(
  bookId: string,
  viewerId: string | null,
  pageSize = REVIEWS_PAGE_SIZE,
) {
  const execute = useClient();
  const [state, dispatch] = useReducer(reviewPagesReducer, initialReviewPages);
  const generation = useRef(0);
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (after: string | null, current: number) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      const first = after === null;
      const variables = {
        bookId,
        first: pageSize,
        after,
        viewerId,
        withMine: first && viewerId !== null,
      };
      execute(BookReviewsDocument, variables, controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          dispatch({ type: "loaded", generation: current, data, append: !first });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          dispatch({ type: "failed", generation: current, error });
        },
      );
    },
    [execute, bookId, viewerId, pageSize],
  );

  const reload = useCallback(() => {
    generation.current += 1;
    dispatch({ type: "reload", generation: generation.current });
    fetchPage(null, generation.current);
  }, [fetchPage]);

  useEffect(() => {
    reload();
    return () => inFlight.current?.abort();
  }, [reload]);

  const loadMore = useCallback(() => {
    if (!canLoadMore(state)) return;
    dispatch({ type: "loadMore", generation: state.generation });
    fetchPage(state.endCursor, state.generation);
  }, [fetchPage, state]);

  return { ...state, reload, loadMore };
}
