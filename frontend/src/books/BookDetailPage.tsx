import { useAuth } from "../auth/AuthContext";
import { BookDetailDocument } from "../gql/graphql";
import { describeError } from "../graphql/errors";
import { useQuery } from "../graphql/useQuery";
import { BookReviews } from "../reviews/BookReviews";
import { paths } from "../router/routes";
import { ErrorState, Loading } from "../ui/Alert";
import { PageHeading } from "../ui/PageHeading";
import { BookDetails, bookTitle } from "./BookDetails";
import { DeleteBookButton } from "./DeleteBookButton";

export function BookDetailPage({ id }: { id: string }) {
  const result = useQuery(BookDetailDocument, { id });
  const { session } = useAuth();

  if (result.status === "loading") return <Loading label="Loading the book…" />;
  if (result.status === "error") {
    return (
      <>
        <PageHeading title="Book" />
        <ErrorState message={describeError(result.error)} onRetry={result.reload} />
        <p>
          <a href={paths.books()}>Back to the list</a>
        </p>
      </>
    );
  }
  const book = result.data.bookById;
  if (book === null) {
    return (
      <>
        <PageHeading title="Book not found" />
        <p>There is no book with this id; it may have been deleted.</p>
        <p>
          <a href={paths.books()}>Back to the list</a>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <a href={paths.books()}>All books</a>
      </p>
      <PageHeading title={bookTitle(book)} />
      <BookDetails book={book} />
      {session ? (
        <div className="actions">
          <a className="button button--primary" href={paths.editBook(book.id)}>
            Edit
          </a>
          <DeleteBookButton id={book.id} title={bookTitle(book)} />
        </div>
      ) : (
        <p>
          <a href={paths.signIn(paths.book(book.id))}>Sign in to edit or delete this book</a>
        </p>
      )}
      <BookReviews bookId={book.id} />
    </>
  );
}
