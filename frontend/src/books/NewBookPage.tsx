import { CreateBookDocument } from "../gql/graphql";
import { useClient } from "../graphql/ClientContext";
import { navigate } from "../router/location";
import { paths } from "../router/routes";
import { setNotice } from "../ui/notice";
import { PageHeading } from "../ui/PageHeading";
import { BookForm } from "./BookForm";
import { type BookFormValues, EMPTY_BOOK, toBookInput } from "./bookFormValues";

export function NewBookPage() {
  const execute = useClient();

  async function create(values: BookFormValues) {
    const { createBook } = await execute(CreateBookDocument, { input: toBookInput(values) });
    setNotice(`Added “${values.title.trim()}”.`);
    navigate(paths.book(createBook.id));
  }

  return (
    <>
      <PageHeading title="New book" />
      <BookForm
        initial={EMPTY_BOOK}
        submitLabel="Add book"
        onSubmit={create}
        onCancel={() => navigate(paths.books())}
      />
    </>
  );
}
