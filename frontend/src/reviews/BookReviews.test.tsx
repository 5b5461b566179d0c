/** @vitest-environment jsdom */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { App } from "../App";
import { saveSession } from "../auth/session";
import type { BookReviewsQueryVariables, CreateReviewMutationVariables } from "../gql/graphql";
import { apiErrors, fakeClient } from "../test/fakeClient";

const BOOK = {
  id: "book-1",
  title: "Dune",
  author: "Frank Herbert",
  isbn: "9780441172719",
  publishedOn: null,
  pageCount: null,
  createdAt: "2024-01-01T00:00:00Z",
  updatedAt: "2024-01-01T00:00:00Z",
};
const VIEWER = "user-me";

interface FakeReview {
  id: string;
  rating: number;
  body: string;
  createdAt: string;
  author: { id: string; fullName: string | null } | null;
}

function someReviews(count: number): FakeReview[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `review-${i + 1}`,
    rating: (i % 5) + 1,
    body: `Review ${i + 1}`,
    createdAt: "2024-02-01T12:00:00Z",
    author: i === 0 ? null : { id: `user-${i + 1}`, fullName: `Reader ${i + 1}` },
  }));
}

/** A fake API of one book and its reviews; `createReview` is answered by `onCreate`. */
function reviewsApi(reviews: FakeReview[], onCreate?: (input: unknown) => void) {
  return fakeClient((document, variables) => {
    if (document.includes("query BookDetail")) return { bookById: BOOK };
    if (document.includes("query Viewer")) return { viewer: { id: VIEWER } };
    if (document.includes("mutation CreateReview")) {
      const { input } = variables as CreateReviewMutationVariables;
      onCreate?.(input);
      reviews.unshift({
        id: "review-mine",
        rating: input.rating,
        body: input.body,
        createdAt: "2024-03-01T12:00:00Z",
        author: { id: VIEWER, fullName: "Me" },
      });
      return { createReview: { id: "review-mine" } };
    }
    if (document.includes("query BookReviews")) {
      const { first, after, viewerId, withMine } = variables as BookReviewsQueryVariables;
      const start = after ? Number(after) + 1 : 0;
      const slice = reviews.slice(start, start + first);
      const mine = reviews.filter((review) => review.author?.id === viewerId);
      const sum = reviews.reduce((total, review) => total + review.rating, 0);
      return {
        bookById: {
          id: BOOK.id,
          reviewCount: reviews.length,
          averageRating: reviews.length ? sum / reviews.length : null,
          reviews: {
            edges: slice.map((node, i) => ({ cursor: String(start + i), node })),
            pageInfo: {
              hasNextPage: start + first < reviews.length,
              endCursor: slice.length ? String(start + slice.length - 1) : null,
            },
          },
        },
        ...(withMine ? { mine: { edges: mine.map((node) => ({ node })) } } : {}),
      };
    }
    throw new Error(`unexpected document ${document.slice(0, 40)}`);
  });
}

function openBook(signedIn: boolean) {
  if (signedIn) {
    saveSession({ token: "t0k3n", email: "me@example.com", expiresAt: Date.now() + 60_000 });
  }
  window.location.hash = "#/books/book-1";
}

const reviewList = () => screen.getByRole("list", { name: "All reviews" });

describe("a book's reviews", () => {
  it("shows an anonymous visitor the reviews, Load more, and no form", async () => {
    openBook(false);
    const api = reviewsApi(someReviews(7));
    render(<App client={api.execute} />);

    expect(await screen.findByText("Average rating 2.6 out of 5 from 7 reviews.")).toBeTruthy();
    expect(within(reviewList()).getAllByRole("listitem")).toHaveLength(5);
    expect(within(reviewList()).getByText("Deleted user")).toBeTruthy();
    expect(within(reviewList()).getAllByText("Rated 1 out of 5")).toHaveLength(1);
    expect(screen.queryByRole("form")).toBeNull();
    expect(screen.getByRole("link", { name: "Sign in to write a review" })).toBeTruthy();
    expect(api.calls.some((call) => call.document.includes("query Viewer"))).toBe(false);

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Load more reviews" }));
    await waitFor(() => expect(within(reviewList()).getAllByRole("listitem")).toHaveLength(7));
    expect(api.calls.at(-1)?.variables).toMatchObject({ after: "4", withMine: false });
    // The first new review takes the focus; there is nothing more to load.
    await waitFor(() => expect(document.activeElement?.textContent).toContain("Review 6"));
    expect(screen.queryByRole("button", { name: "Load more reviews" })).toBeNull();
  });

  it("shows the API's body error in place, then adds the review and refreshes", async () => {
    openBook(true);
    let attempts = 0;
    const api = reviewsApi(someReviews(2), () => {
      attempts += 1;
      if (attempts === 1) {
        throw apiErrors({
          message: "body must not be empty: it needs a visible character",
          code: "BAD_USER_INPUT",
          field: "body",
        });
      }
    });
    render(<App client={api.execute} />);
    const form = await screen.findByRole("form", { name: "Write a review" });
    const user = userEvent.setup();

    // The form asks for a rating itself.
    await user.click(within(form).getByRole("button", { name: "Add review" }));
    expect(await within(form).findByText("Choose a rating from 1 to 5 stars.")).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(within(form).getByRole("radio", { name: "1 star" })),
    );

    await user.click(within(form).getByRole("radio", { name: "4 stars" }));
    await user.type(within(form).getByLabelText("Review"), "   ");
    await user.click(within(form).getByRole("button", { name: "Add review" }));
    const body = within(form).getByLabelText("Review");
    await waitFor(() => expect(body.getAttribute("aria-invalid")).toBe("true"));
    expect(body.getAttribute("aria-describedby")).toContain("-error");
    expect(within(form).getByText(/body must not be empty/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(body));

    await user.clear(body);
    await user.type(body, "Sand.{Enter}More sand.");
    await user.click(within(form).getByRole("button", { name: "Add review" }));

    expect(await screen.findByText("Thank you: your review was added.")).toBeTruthy();
    expect(await screen.findByText("Average rating 2.3 out of 5 from 3 reviews.")).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Write a review" })).toBeNull();
    const mine = screen.getByRole("region", { name: "Your review" });
    expect(within(mine).getByText("Me (you)")).toBeTruthy();
    expect(
      within(mine).getByText("Sand.\nMore sand.", { normalizer: (text) => text }),
    ).toBeTruthy();
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(mine).getByRole("heading", { name: "Your review" }),
      ),
    );
    expect(within(reviewList()).getAllByRole("listitem")).toHaveLength(3);
  });

  it("after a CONFLICT, says so and shows the review the viewer already has", async () => {
    openBook(true);
    const reviews = someReviews(1);
    const api = reviewsApi(reviews, () => {
      reviews.unshift({
        id: "review-elsewhere",
        rating: 2,
        body: "Written in another tab",
        createdAt: "2024-03-01T12:00:00Z",
        author: { id: VIEWER, fullName: "Me" },
      });
      throw apiErrors({ message: "duplicate", code: "CONFLICT" });
    });
    render(<App client={api.execute} />);
    const form = await screen.findByRole("form", { name: "Write a review" });
    const user = userEvent.setup();
    await user.click(within(form).getByRole("radio", { name: "5 stars" }));
    await user.type(within(form).getByLabelText("Review"), "Again");
    await user.click(within(form).getByRole("button", { name: "Add review" }));

    expect((await screen.findByRole("alert")).textContent).toContain(
      "You have already reviewed this book.",
    );
    const mine = await screen.findByRole("region", { name: "Your review" });
    expect(within(mine).getByText("Written in another tab")).toBeTruthy();
  });
});
