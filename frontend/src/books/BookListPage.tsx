import { useEffect, useRef, useState } from "react";
import { useAuth } from "../auth/AuthContext";
import { describeError } from "../graphql/errors";
import { navigate } from "../router/location";
import { paths } from "../router/routes";
import { ErrorState, Loading } from "../ui/Alert";
import { PageHeading } from "../ui/PageHeading";
import { BookCard } from "./BookCard";
import { BookFilters } from "./BookFilters";
import { isFiltered, type ListParams, listParamsToQuery, readListParams } from "./listParams";
import { useBookPages } from "./useBookPages";

/** The book list: filters, order, and a page at a time with "Load more". */
export function BookListPage({ params }: { params: URLSearchParams }) {
  const list = readListParams(params);
  const pages = useBookPages(list);
  const { session } = useAuth();
  // After "Load more", the first new book takes the focus.
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const firstNew = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    if (pages.status === "idle" && focusIndex !== null) {
      firstNew.current?.focus();
      setFocusIndex(null);
    }
  }, [pages.status, focusIndex]);

  function apply(next: ListParams) {
    navigate(paths.books(listParamsToQuery(next)));
  }

  function loadMore() {
    setFocusIndex(pages.edges.length);
    pages.loadMore();
  }

  const failedFirstPage = pages.status === "error" && pages.edges.length === 0;
  return (
    <>
      <div className="page-header">
        <PageHeading title="Books" />
        {session ? (
          <a className="button button--primary" href={paths.newBook()}>
            New book
          </a>
        ) : (
          <a href={paths.signIn(paths.newBook())}>Sign in to add books</a>
        )}
      </div>
      <BookFilters key={JSON.stringify(list)} value={list} onApply={apply} />

      <section
        aria-labelledby="results-heading"
        aria-busy={pages.status === "loading" || pages.status === "loadingMore"}
      >
        <h2 id="results-heading" className="visually-hidden">
          Results
        </h2>
        <p className="result-count" aria-live="polite">
          {pages.totalCount === null
            ? ""
            : `Showing ${pages.edges.length} of ${pages.totalCount} ${pages.totalCount === 1 ? "book" : "books"}`}
        </p>
        {pages.status === "loading" ? <Loading label="Loading books…" /> : null}
        {failedFirstPage ? (
          <ErrorState message={describeError(pages.error)} onRetry={pages.restart} />
        ) : null}
        {pages.status !== "loading" && pages.totalCount === 0 ? (
          <p className="empty">
            {isFiltered(list) ? "No books match these filters." : "No books yet."}
          </p>
        ) : null}

        {pages.edges.length > 0 ? (
          <ol className="book-list">
            {pages.edges.map((edge, index) => (
              <li key={edge.node.id}>
                <BookCard book={edge.node} linkRef={index === focusIndex ? firstNew : undefined} />
              </li>
            ))}
          </ol>
        ) : null}

        {pages.status === "error" && pages.edges.length > 0 ? (
          <div className="alert alert--error" role="alert">
            <p>Loading more books failed: {describeError(pages.error)}</p>
            <button type="button" className="button" onClick={loadMore}>
              Try again
            </button>{" "}
            <button type="button" className="button" onClick={pages.restart}>
              Start over
            </button>
          </div>
        ) : null}
        {pages.hasNextPage && pages.status !== "error" ? (
          <button
            type="button"
            className="button load-more"
            onClick={loadMore}
            disabled={pages.status === "loadingMore"}
          >
            {pages.status === "loadingMore" ? "Loading…" : "Load more"}
          </button>
        ) : null}
      </section>
    </>
  );
}
