import { useEffect, useId, useRef, useState } from "react";
import { useAuth } from "../auth/AuthContext";
import { CreateReviewDocument, ViewerDocument } from "../gql/graphql";
import { useClient } from "../graphql/ClientContext";
import { describeError } from "../graphql/errors";
import { useQuery } from "../graphql/useQuery";
import { paths } from "../router/routes";
import { Alert, ErrorState, Loading } from "../ui/Alert";
import { reviewSummary } from "./format";
import { MyReview } from "./MyReview";
import { ReviewCard } from "./ReviewCard";
import { ReviewForm } from "./ReviewForm";
import {
  describeReviewError,
  EMPTY_REVIEW,
  isStale,
  type ReviewFormValues,
  toReviewInput,
} from "./reviewFormValues";
import { useBookReviews } from "./useBookReviews";

/** The book page's reviews; a signed-in user's own review, or a form to write one, comes first. */
export function BookReviews({ bookId }: { bookId: string }) {
  const { session } = useAuth();
  // A new session is another viewer: start over.
  return session ? (
    <SignedInReviews key={session.token} bookId={bookId} />
  ) : (
    <ReviewsSection bookId={bookId} viewerId={null} />
  );
}

function SignedInReviews({ bookId }: { bookId: string }) {
  const viewer = useQuery(ViewerDocument, {});
  if (viewer.status === "loading") return <Loading label="Loading reviews…" />;
  if (viewer.status === "error") {
    return <ErrorState message={describeError(viewer.error)} onRetry={viewer.reload} />;
  }
  return <ReviewsSection bookId={bookId} viewerId={viewer.data.viewer?.id ?? null} />;
}

type Notice = { kind: "info" | "error"; text: string };
/** What takes the focus once the reviews have reloaded or grown. */
type FocusTarget = "mine" | "form" | "firstNew";

function ReviewsSection({ bookId, viewerId }: { bookId: string; viewerId: string | null }) {
  const execute = useClient();
  const pages = useBookReviews(bookId, viewerId);
  const headingId = useId();
  const formHeadingId = useId();
  const listHeadingId = useId();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  // The first review "Load more" brought: focusable (tabIndex -1) until the next one.
  const [firstNewIndex, setFirstNewIndex] = useState<number | null>(null);
  const mineHeading = useRef<HTMLHeadingElement>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const firstNew = useRef<HTMLElement>(null);

  useEffect(() => {
    if (pages.status !== "idle" || focusTarget === null) return;
    if (focusTarget === "mine") mineHeading.current?.focus();
    else if (focusTarget === "form") formHeading.current?.focus();
    else firstNew.current?.focus();
    setFocusTarget(null);
  }, [pages.status, focusTarget]);

  const { reload } = pages;
  function written(text: string, focus: FocusTarget) {
    setNotice({ kind: "info", text });
    setFocusTarget(focus);
    reload();
  }

  function failed(error: unknown) {
    if (!isStale(error)) return;
    setNotice({ kind: "error", text: describeReviewError(error) });
    reload();
  }

  async function create(values: ReviewFormValues) {
    setNotice(null);
    await execute(CreateReviewDocument, { input: toReviewInput(bookId, values) });
    written("Thank you: your review was added.", "mine");
  }

  function loadMore() {
    setFirstNewIndex(pages.edges.length);
    setFocusTarget("firstNew");
    pages.loadMore();
  }

  if (!pages.bookFound) return null;
  const busy = pages.status === "loading" || pages.status === "refreshing";
  return (
    <section
      className="reviews"
      aria-labelledby={headingId}
      aria-busy={busy || pages.status === "loadingMore"}
    >
      <h2 id={headingId}>Reviews</h2>
      <p className="review-summary" aria-live="polite">
        {pages.loaded ? reviewSummary(pages.reviewCount, pages.averageRating) : ""}
      </p>
      {notice ? (
        <Alert kind={notice.kind}>
          <p>{notice.text}</p>
        </Alert>
      ) : null}
      {pages.status === "loading" ? <Loading label="Loading reviews…" /> : null}
      {pages.status === "error" && pages.failed === "reload" ? (
        <ErrorState
          message={`Loading the reviews failed: ${describeError(pages.error)}`}
          onRetry={reload}
        />
      ) : null}

      {!pages.loaded ? null : viewerId === null ? (
        <p>
          <a href={paths.signIn(paths.book(bookId))}>Sign in to write a review</a>
        </p>
      ) : pages.mine ? (
        <MyReview
          key={pages.mine.id}
          review={pages.mine}
          viewerId={viewerId}
          headingRef={mineHeading}
          onSaved={() => written("Your review was saved.", "mine")}
          onDeleted={() => written("Your review was deleted.", "form")}
          onFailed={failed}
        />
      ) : (
        <div className="my-review">
          <h3 id={formHeadingId} ref={formHeading} tabIndex={-1}>
            Write a review
          </h3>
          <ReviewForm
            labelledBy={formHeadingId}
            initial={EMPTY_REVIEW}
            submitLabel="Add review"
            onSubmit={create}
            onFailed={failed}
          />
        </div>
      )}

      {pages.edges.length > 0 ? (
        <h3 id={listHeadingId} className="review-list__heading">
          All reviews
        </h3>
      ) : null}
      {pages.edges.length > 0 ? (
        <ol className="review-list" aria-labelledby={listHeadingId}>
          {pages.edges.map((edge, index) => (
            <li key={edge.node.id}>
              <ReviewCard
                review={edge.node}
                viewerId={viewerId}
                focusRef={index === firstNewIndex ? firstNew : undefined}
              />
            </li>
          ))}
        </ol>
      ) : null}

      {pages.status === "error" && pages.failed === "loadMore" ? (
        <div className="alert alert--error" role="alert">
          <p>Loading more reviews failed: {describeError(pages.error)}</p>
          <button type="button" className="button" onClick={loadMore}>
            Try again
          </button>
        </div>
      ) : null}
      {pages.hasNextPage && pages.status !== "error" && pages.status !== "loading" ? (
        <button
          type="button"
          className="button load-more"
          onClick={loadMore}
          disabled={pages.status !== "idle"}
        >
          {pages.status === "loadingMore" ? "Loading…" : "Load more reviews"}
        </button>
      ) : null}
    </section>
  );
}
