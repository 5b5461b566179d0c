import { type FormEvent, useId, useRef, useState } from "react";
import { type FormErrors, NO_ERRORS } from "../graphql/errors";
import { Alert } from "../ui/Alert";
import { TextAreaField } from "../ui/TextAreaField";
import {
  BODY_MAX_LENGTH,
  checkReview,
  RATINGS,
  type ReviewField,
  type ReviewFormValues,
  toReviewErrors,
} from "./reviewFormValues";

interface ReviewFormProps {
  /** The id of the heading that names the form. */
  labelledBy: string;
  initial: ReviewFormValues;
  submitLabel: string;
  /** Sends the values; a rejection carries the API's errors. */
  onSubmit: (values: ReviewFormValues) => Promise<void>;
  /** Called with the error after the form showed it (to reload what it made stale). */
  onFailed?: (error: unknown) => void;
  onCancel?: () => void;
}

/** Write or change a review: a rating (radio buttons) and a text, with errors in place. */
export function ReviewForm({
  labelledBy,
  initial,
  submitLabel,
  onSubmit,
  onFailed,
  onCancel,
}: ReviewFormProps) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors<ReviewField>>(NO_ERRORS);
  const [submitting, setSubmitting] = useState(false);
  const ratings = useRef<HTMLFieldSetElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  function show(next: FormErrors<ReviewField>) {
    setErrors(next);
    // Focus the first field to fix, or else the message about the whole form.
    requestAnimationFrame(() => {
      if (next.fields.rating) {
        ratings.current?.querySelector<HTMLInputElement>("input:checked, input")?.focus();
      } else if (next.fields.body) body.current?.focus();
      else summary.current?.focus();
    });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems = checkReview(values);
    if (Object.keys(problems).length > 0) {
      show({ ...NO_ERRORS, fields: problems });
      return;
    }
    setSubmitting(true);
    setErrors(NO_ERRORS);
    try {
      await onSubmit(values);
    } catch (error) {
      const mapped = toReviewErrors(error);
      if (mapped.unauthenticated) return; // the app is on its way to the sign-in page
      show(mapped);
      onFailed?.(error);
    } finally {
      setSubmitting(false);
    }
  }

  const ratingError = errors.fields.rating;
  const hasFormErrors = errors.form.length > 0;
  return (
    <form
      className="review-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={labelledBy}
      aria-describedby={hasFormErrors ? `${id}-errors` : undefined}
    >
      <div id={`${id}-errors`} ref={summary} tabIndex={-1}>
        {hasFormErrors ? (
          <Alert kind="error">
            {errors.form.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </Alert>
        ) : null}
      </div>
      <fieldset
        ref={ratings}
        className={ratingError ? "field rating-field field--invalid" : "field rating-field"}
        aria-describedby={ratingError ? `${id}-rating-error` : undefined}
      >
        <legend>Rating</legend>
        <div className="rating-field__options">
          {RATINGS.map((rating) => (
            <label key={rating}>
              <input
                type="radio"
                name={`${id}-rating`}
                value={String(rating)}
                checked={values.rating === String(rating)}
                onChange={() => setValues((current) => ({ ...current, rating: String(rating) }))}
                aria-invalid={ratingError ? true : undefined}
              />{" "}
              {rating === 1 ? "1 star" : `${rating} stars`}
            </label>
          ))}
        </div>
        {ratingError ? (
          <p id={`${id}-rating-error`} className="field__error">
            {ratingError}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        ref={body}
        label="Review"
        name="body"
        rows={6}
        maxLength={BODY_MAX_LENGTH}
        required
        hint={`What you thought of the book, up to ${BODY_MAX_LENGTH.toLocaleString("en")} characters`}
        value={values.body}
        onChange={(next) => setValues((current) => ({ ...current, body: next }))}
        error={errors.fields.body}
      />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
