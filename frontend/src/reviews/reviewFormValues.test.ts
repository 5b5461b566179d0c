import { describe, expect, it } from "vitest";
import { apiErrors } from "../test/fakeClient";
import { authorName, reviewSummary, stars } from "./format";
import {
  checkReview,
  describeReviewError,
  isStale,
  toReviewErrors,
  toReviewInput,
  toReviewPatch,
} from "./reviewFormValues";

describe("review form values", () => {
  it("needs a rating; the API judges the body", () => {
    expect(checkReview({ rating: "", body: "Fine" })).toEqual({
      rating: "Choose a rating from 1 to 5 stars.",
    });
    expect(checkReview({ rating: "3", body: "" })).toEqual({});
  });

  it("sends the input, and only what changed as a patch", () => {
    expect(toReviewInput("Qm9vazox", { rating: "4", body: "Good.\nReally." })).toEqual({
      bookId: "Qm9vazox",
      rating: 4,
      body: "Good.\nReally.",
    });
    const initial = { rating: "4", body: "Good." };
    expect(toReviewPatch(initial, { rating: "2", body: "Good." })).toEqual({ rating: 2 });
    expect(toReviewPatch(initial, { rating: "4", body: "Meh." })).toEqual({ body: "Meh." });
    expect(toReviewPatch(initial, initial)).toEqual({});
  });
});

describe("toReviewErrors", () => {
  it("puts BAD_USER_INPUT next to the field it names", () => {
    const errors = toReviewErrors(
      apiErrors(
        { message: "body must not be empty", code: "BAD_USER_INPUT", field: "body" },
        { message: "rating must be at most 5", code: "BAD_USER_INPUT", field: "input.rating" },
      ),
    );
    expect(errors.fields).toEqual({
      body: "body must not be empty",
      rating: "rating must be at most 5",
    });
    expect(errors.form).toEqual([]);
  });

  it("shows CONFLICT, FORBIDDEN and NOT_FOUND as notices in the review's terms", () => {
    expect(toReviewErrors(apiErrors({ message: "duplicate", code: "CONFLICT" })).form).toEqual([
      "You have already reviewed this book.",
    ]);
    expect(toReviewErrors(apiErrors({ message: "not yours", code: "FORBIDDEN" })).form).toEqual([
      "You can only change or delete your own review.",
    ]);
    expect(describeReviewError(apiErrors({ message: "gone", code: "NOT_FOUND" }))).toBe(
      "This review or its book no longer exists.",
    );
  });

  it("flags UNAUTHENTICATED, which the app handles", () => {
    const errors = toReviewErrors(apiErrors({ message: "Sign in", code: "UNAUTHENTICATED" }));
    expect(errors.unauthenticated).toBe(true);
  });

  it("knows which errors mean the page is out of date", () => {
    expect(isStale(apiErrors({ message: "x", code: "CONFLICT" }))).toBe(true);
    expect(isStale(apiErrors({ message: "x", code: "NOT_FOUND" }))).toBe(true);
    expect(isStale(apiErrors({ message: "x", code: "BAD_USER_INPUT", field: "body" }))).toBe(false);
    expect(isStale(new Error("network"))).toBe(false);
  });
});

describe("review formatting", () => {
  it("summarises the counters", () => {
    expect(reviewSummary(0, null)).toBe("No reviews yet.");
    expect(reviewSummary(1, 4)).toBe("Average rating 4 out of 5 from 1 review.");
    expect(reviewSummary(3, 4.33)).toBe("Average rating 4.3 out of 5 from 3 reviews.");
  });

  it("names deleted and unnamed authors", () => {
    expect(authorName(null)).toBe("Deleted user");
    expect(authorName({ fullName: null })).toBe("Unnamed user");
    expect(authorName({ fullName: "Ann Leckie" })).toBe("Ann Leckie");
  });

  it("draws the rating as stars", () => {
    expect(stars(4)).toBe("★★★★☆");
  });
});
