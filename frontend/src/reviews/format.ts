/** How ratings and authors of reviews read on the page. */

/** "★★★★☆" for 4: shown to the eye only, next to `ratingLabel`. */
export function stars(rating: number): string {
  const full = Math.max(0, Math.min(5, Math.round(rating)));
  return "★".repeat(full) + "☆".repeat(5 - full);
}

export function ratingLabel(rating: number): string {
  return `Rated ${rating} out of 5`;
}

/** "4.3 out of 5 from 3 reviews", or that there are none. */
export function reviewSummary(reviewCount: number, averageRating: number | null): string {
  if (reviewCount === 0 || averageRating === null) return "No reviews yet.";
  const average = averageRating.toLocaleString("en", { maximumFractionDigits: 1 });
  const count = reviewCount === 1 ? "1 review" : `${reviewCount} reviews`;
  return `Average rating ${average} out of 5 from ${count}.`;
}

/** The author's name; null authors deleted their account. */
export function authorName(author: { fullName: string | null } | null): string {
  if (author === null) return "Deleted user";
  return author.fullName?.trim() || "Unnamed user";
}
