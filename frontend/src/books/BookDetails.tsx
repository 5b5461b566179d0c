import { type FragmentType, getFragmentData } from "../gql";
import { BookDetailsFragmentDoc } from "../gql/graphql";
import { formatDate, formatDateTime } from "./format";

/** Every field of a book, as a description list. */
export function BookDetails({ book }: { book: FragmentType<typeof BookDetailsFragmentDoc> }) {
  const details = getFragmentData(BookDetailsFragmentDoc, book);
  return (
    <dl className="details">
      <dt>Author</dt>
      <dd>{details.author}</dd>
      <dt>ISBN</dt>
      <dd>{details.isbn}</dd>
      <dt>Published</dt>
      <dd>{details.publishedOn ? formatDate(details.publishedOn) : "Unknown"}</dd>
      <dt>Pages</dt>
      <dd>{details.pageCount ?? "Unknown"}</dd>
      <dt>Added</dt>
      <dd>{formatDateTime(details.createdAt)}</dd>
      <dt>Last changed</dt>
      <dd>{formatDateTime(details.updatedAt)}</dd>
    </dl>
  );
}

/** The book's title, for the page heading. */
export function bookTitle(book: FragmentType<typeof BookDetailsFragmentDoc>): string {
  return getFragmentData(BookDetailsFragmentDoc, book).title;
}
