import type { Ref } from "react";
import { formatDayOf } from "../books/format";
import { type FragmentType, getFragmentData } from "../gql";
import { ReviewCardFragmentDoc } from "../gql/graphql";
import { authorName, ratingLabel, stars } from "./format";

interface ReviewCardProps {
  review: FragmentType<typeof ReviewCardFragmentDoc>;
  /** The signed-in user's id: their own review says so. */
  viewerId: string | null;
  /** Takes the focus after "Load more" (the first new review). */
  focusRef?: Ref<HTMLElement> | undefined;
}

/** One review: its rating, author, day and text (line breaks kept). */
export function ReviewCard({ review, viewerId, focusRef }: ReviewCardProps) {
  const { rating, body, createdAt, author } = getFragmentData(ReviewCardFragmentDoc, review);
  const own = viewerId !== null && author?.id === viewerId;
  return (
    <article className="review" ref={focusRef} tabIndex={focusRef ? -1 : undefined}>
      <p className="review__rating">
        <span aria-hidden="true">{stars(rating)}</span>{" "}
        <span className="visually-hidden">{ratingLabel(rating)}</span>
      </p>
      <p className="review__meta">
        <span className="review__author">
          {authorName(author)}
          {own ? " (you)" : null}
        </span>{" "}
        · <time dateTime={createdAt}>{formatDayOf(createdAt)}</time>
      </p>
      <p className="review__body">{body}</p>
    </article>
  );
}
