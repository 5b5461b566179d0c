/**
 * The review form's values (strings, as inputs hold them), the one check the
 * form makes itself (a rating is chosen), their conversion to the API's
 * `ReviewInput` / `ReviewPatchInput`, and the API's errors in the form's terms.
 * The API judges the body (empty, too long); its errors land next to the field.
 */
import type { ReviewInput, ReviewPatchInput } from "../gql/graphql";
import {
  type CodeMessages,
  describeError,
  type FormErrors,
  GraphQLRequestError,
  toFormErrors,
} from "../graphql/errors";

export interface ReviewFormValues {
  /** "1" to "5", or "" before one is chosen. */
  rating: string;
  body: string;
}

export type ReviewField = keyof ReviewFormValues;

export const REVIEW_FIELDS: readonly ReviewField[] = ["rating", "body"];

export const RATINGS = [1, 2, 3, 4, 5] as const;

export const BODY_MAX_LENGTH = 5000;

export const EMPTY_REVIEW: ReviewFormValues = { rating: "", body: "" };

export function valuesOf(review: { rating: number; body: string }): ReviewFormValues {
  return { rating: String(review.rating), body: review.body };
}

/** Problems the form can see by itself, by field; empty when there are none. */
export function checkReview(values: ReviewFormValues): Partial<Record<ReviewField, string>> {
  return values.rating ? {} : { rating: "Choose a rating from 1 to 5 stars." };
}

export function toReviewInput(bookId: string, values: ReviewFormValues): ReviewInput {
  return { bookId, rating: Number(values.rating), body: values.body };
}

/** Only the fields that differ from `initial`: the API changes what is sent. */
export function toReviewPatch(
  initial: ReviewFormValues,
  values: ReviewFormValues,
): ReviewPatchInput {
  const patch: ReviewPatchInput = {};
  if (values.rating !== initial.rating) patch.rating = Number(values.rating);
  if (values.body !== initial.body) patch.body = values.body;
  return patch;
}

/** What the form-level notice says for the codes a review write can meet. */
export const REVIEW_MESSAGES: CodeMessages = {
  CONFLICT: "You have already reviewed this book.",
  FORBIDDEN: "You can only change or delete your own review.",
  NOT_FOUND: "This review or its book no longer exists.",
};

export function toReviewErrors(error: unknown): FormErrors<ReviewField> {
  return toFormErrors(error, REVIEW_FIELDS, REVIEW_MESSAGES);
}

export function describeReviewError(error: unknown): string {
  return describeError(error, REVIEW_MESSAGES);
}

/** Whether the page's reviews no longer match the API's (reload them). */
export function isStale(error: unknown): boolean {
  return (
    error instanceof GraphQLRequestError &&
    ["CONFLICT", "FORBIDDEN", "NOT_FOUND"].some((code) => error.hasCode(code))
  );
}
