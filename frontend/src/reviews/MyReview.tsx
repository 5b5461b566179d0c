import { type Ref, type RefObject, useEffect, useId, useRef, useState } from "react";
import { DeleteReviewDocument, UpdateReviewDocument } from "../gql/graphql";
import { useClient } from "../graphql/ClientContext";
import { GraphQLRequestError } from "../graphql/errors";
import { Alert } from "../ui/Alert";
import { ReviewCard } from "./ReviewCard";
import { ReviewForm } from "./ReviewForm";
import {
  describeReviewError,
  type ReviewFormValues,
  toReviewPatch,
  valuesOf,
} from "./reviewFormValues";
import type { MyReview as MyReviewData } from "./reviewPages";

interface MyReviewProps {
  review: MyReviewData;
  viewerId: string;
  /** The panel's heading, which takes the focus after a write. */
  headingRef: Ref<HTMLHeadingElement>;
  onSaved: () => void;
  onDeleted: () => void;
  /** A write failed in a way that may mean the page is out of date. */
  onFailed: (error: unknown) => void;
}

type Mode =
  | { name: "view" }
  | { name: "editing" }
  | { name: "confirming" }
  | { name: "deleting" }
  | { name: "failed"; message: string };

/** The signed-in user's review of the book, which they may edit or delete. */
export function MyReview({
  review,
  viewerId,
  headingRef,
  onSaved,
  onDeleted,
  onFailed,
}: MyReviewProps) {
  const execute = useClient();
  const headingId = useId();
  const editHeadingId = useId();
  const [mode, setMode] = useState<Mode>({ name: "view" });
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const editHeading = useRef<HTMLHeadingElement>(null);
  const initial = valuesOf(review);

  useEffect(() => {
    if (mode.name === "editing") editHeading.current?.focus();
  }, [mode.name]);

  /** Back to the review, the focus on the button that left it. */
  function backToView(focus: RefObject<HTMLButtonElement | null>) {
    setMode({ name: "view" });
    requestAnimationFrame(() => focus.current?.focus());
  }

  async function save(values: ReviewFormValues) {
    const patch = toReviewPatch(initial, values);
    if (Object.keys(patch).length > 0) {
      await execute(UpdateReviewDocument, { id: review.id, input: patch });
      setMode({ name: "view" });
      onSaved();
    } else {
      backToView(editButton);
    }
  }

  async function remove() {
    setMode({ name: "deleting" });
    try {
      await execute(DeleteReviewDocument, { id: review.id });
      onDeleted();
    } catch (error) {
      // UNAUTHENTICATED: the app is on its way to the sign-in page.
      if (error instanceof GraphQLRequestError && error.hasCode("UNAUTHENTICATED")) return;
      setMode({ name: "failed", message: describeReviewError(error) });
      onFailed(error);
    }
  }

  if (mode.name === "editing") {
    return (
      <div className="my-review">
        <h3 id={editHeadingId} tabIndex={-1} ref={editHeading}>
          Edit your review
        </h3>
        <ReviewForm
          labelledBy={editHeadingId}
          initial={initial}
          submitLabel="Save review"
          onSubmit={save}
          onFailed={onFailed}
          onCancel={() => backToView(editButton)}
        />
      </div>
    );
  }

  return (
    <section className="my-review" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        Your review
      </h3>
      <ReviewCard review={review} viewerId={viewerId} />
      {mode.name === "confirming" || mode.name === "deleting" ? (
        <div className="confirm">
          <p>Delete your review? This cannot be undone.</p>
          <button
            type="button"
            className="button button--danger"
            onClick={remove}
            disabled={mode.name === "deleting"}
            // The confirmation replaces the button that opened it: keep the keyboard focus here.
            // biome-ignore lint/a11y/noAutofocus: focus follows the user's action
            autoFocus
          >
            {mode.name === "deleting" ? "Deleting…" : "Yes, delete my review"}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => backToView(deleteButton)}
            disabled={mode.name === "deleting"}
          >
            Cancel
          </button>
        </div>
      ) : (
        <div className="actions">
          <button
            ref={editButton}
            type="button"
            className="button"
            onClick={() => setMode({ name: "editing" })}
          >
            Edit review
          </button>
          <button
            ref={deleteButton}
            type="button"
            className="button button--danger"
            onClick={() => setMode({ name: "confirming" })}
          >
            Delete review
          </button>
        </div>
      )}
      {mode.name === "failed" ? <Alert kind="error">Deleting failed: {mode.message}</Alert> : null}
    </section>
  );
}
