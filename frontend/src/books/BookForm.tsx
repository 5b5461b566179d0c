import { type FormEvent, useRef, useState } from "react";
import { type FormErrors, NO_ERRORS, toFormErrors } from "../graphql/errors";
import { Alert } from "../ui/Alert";
import { TextField } from "../ui/TextField";
import { BOOK_FIELDS, type BookField, type BookFormValues, checkBook } from "./bookFormValues";

interface BookFormProps {
  initial: BookFormValues;
  submitLabel: string;
  /** Sends the values; a rejection carries the API's errors. */
  onSubmit: (values: BookFormValues) => Promise<void>;
  onCancel: () => void;
}

const CONFLICT_MESSAGE = "Another book already has this ISBN.";

/** The create/edit form: client checks first, then the API's errors next to their fields. */
export function BookForm({ initial, submitLabel, onSubmit, onCancel }: BookFormProps) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors<BookField>>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const inputs = useRef(new Map<BookField, HTMLInputElement>());
  const summary = useRef<HTMLDivElement>(null);

  const set = (name: BookField) => (next: string) =>
    setValues((current) => ({ ...current, [name]: next }));
  const register = (name: BookField) => (element: HTMLInputElement | null) => {
    if (element) inputs.current.set(name, element);
    else inputs.current.delete(name);
  };

  function show(next: FormErrors<BookField>) {
    setErrors(next);
    const first = BOOK_FIELDS.find((name) => next.fields[name]);
    // Focus the first field to fix, or else the message about the whole form.
    requestAnimationFrame(() => {
      if (first) inputs.current.get(first)?.focus();
      else summary.current?.focus();
    });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems = checkBook(values);
    if (Object.keys(problems).length > 0) {
      show({ ...NO_ERRORS, fields: problems });
      return;
    }
    setSubmitting(true);
    setErrors(NO_ERRORS);
    try {
      await onSubmit(values);
    } catch (error) {
      const mapped = toFormErrors(error, BOOK_FIELDS);
      if (mapped.unauthenticated) return; // the app is on its way to the sign-in page
      show(
        mapped.conflict && !mapped.fields.isbn
          ? { ...mapped, fields: { ...mapped.fields, isbn: CONFLICT_MESSAGE } }
          : mapped,
      );
    } finally {
      setSubmitting(false);
    }
  }

  const field = (name: BookField) => ({
    value: values[name],
    onChange: set(name),
    error: errors.fields[name],
    ref: register(name),
    name,
  });
  const hasFormErrors = errors.form.length > 0;

  return (
    <form
      className="book-form"
      onSubmit={submit}
      noValidate
      aria-describedby={hasFormErrors ? "form-errors" : undefined}
    >
      <div id="form-errors" ref={summary} tabIndex={-1}>
        {hasFormErrors ? (
          <Alert kind="error">
            {errors.form.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </Alert>
        ) : null}
      </div>
      <TextField label="Title" required autoComplete="off" {...field("title")} />
      <TextField label="Author" required autoComplete="off" {...field("author")} />
      <TextField
        label="ISBN"
        required
        autoComplete="off"
        hint="ISBN-10 or ISBN-13, hyphens allowed"
        {...field("isbn")}
      />
      <TextField label="Published on" type="date" {...field("publishedOn")} />
      <TextField label="Pages" inputMode="numeric" {...field("pageCount")} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
