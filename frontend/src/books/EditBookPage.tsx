import { getFragmentData } from "../gql";
import { BookForEditDocument, BookFormFieldsFragmentDoc, UpdateBookDocument } from "../gql/graphql";
import { useClient } from "../graphql/ClientContext";
import { describeError } from "../graphql/errors";
import { useQuery } from "../graphql/useQuery";
import { navigate } from "../router/location";
import { paths } from "../router/routes";
import { ErrorState, Loading } from "../ui/Alert";
import { setNotice } from "../ui/notice";
import { PageHeading } from "../ui/PageHeading";
import { BookForm } from "./BookForm";
import { type BookFormValues, toBookPatch, valuesOf } from "./bookFormValues";

export function EditBookPage({ id }: { id: string }) {
  const execute = useClient();
  const result = useQuery(BookForEditDocument, { id });

  if (result.status === "loading") return <Loading label="Loading the book…" />;
  if (result.status === "error") {
    return (
      <>
        <PageHeading title="Edit book" />
        <ErrorState message={describeError(result.error)} onRetry={result.reload} />
      </>
    );
  }
  const book = result.data.bookById;
  if (book === null) {
    return (
      <>
        <PageHeading title="Book not found" />
        <p>
          There is no book with this id; it may have been deleted.{" "}
          <a href={paths.books()}>Back to the list</a>
        </p>
      </>
    );
  }
  const initial = valuesOf(getFragmentData(BookFormFieldsFragmentDoc, book));

  async function save(values: BookFormValues) {
    const patch = toBookPatch(initial, values);
    if (Object.keys(patch).length > 0) {
      await execute(UpdateBookDocument, { id, input: patch });
      setNotice(`Saved “${values.title.trim()}”.`);
    }
    navigate(paths.book(id));
  }

  return (
    <>
      <PageHeading title={`Edit “${initial.title}”`} />
      <BookForm
        initial={initial}
        submitLabel="Save changes"
        onSubmit={save}
        onCancel={() => navigate(paths.book(id))}
      />
    </>
  );
}
