import type { Ref } from "react";
import { type FragmentType, getFragmentData } from "../gql";
import { BookCardFragmentDoc } from "../gql/graphql";
import { paths } from "../router/routes";
import { formatDate } from "./format";

interface BookCardProps {
  book: FragmentType<typeof BookCardFragmentDoc>;
  linkRef?: Ref<HTMLAnchorElement> | undefined;
}

/** A book in the list: its title links to the detail page. */
export function BookCard({ book, linkRef }: BookCardProps) {
  const { id, title, author, publishedOn } = getFragmentData(BookCardFragmentDoc, book);
  return (
    <article className="book-card">
      <h2 className="book-card__title">
        <a ref={linkRef} href={paths.book(id)}>
          {title}
        </a>
      </h2>
      <p className="book-card__meta">
        <span>{author}</span>
        {publishedOn ? <span> · {formatDate(publishedOn)}</span> : null}
      </p>
    </article>
  );
}
