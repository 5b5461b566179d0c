import { useState } from "react";
import { DeleteBookDocument } from "../gql/graphql";
import { useClient } from "../graphql/ClientContext";
import { describeError } from "../graphql/errors";
import { navigate } from "../router/location";
import { paths } from "../router/routes";
import { Alert } from "../ui/Alert";
import { setNotice } from "../ui/notice";

type Step =
  | { name: "idle" }
  | { name: "confirming" }
  | { name: "deleting" }
  | { name: "failed"; message: string };

/** Deletes the book after a confirmation step, then returns to the list. */
export function DeleteBookButton({ id, title }: { id: string; title: string }) {
  const execute = useClient();
  const [step, setStep] = useState<Step>({ name: "idle" });

  async function remove() {
    setStep({ name: "deleting" });
    try {
      await execute(DeleteBookDocument, { id });
      setNotice(`Deleted “${title}”.`);
      navigate(paths.books(), { replace: true });
    } catch (error) {
      setStep({ name: "failed", message: describeError(error) });
    }
  }

  if (step.name === "idle" || step.name === "failed") {
    return (
      <>
        <button
          type="button"
          className="button button--danger"
          onClick={() => setStep({ name: "confirming" })}
        >
          Delete
        </button>
        {step.name === "failed" ? (
          <Alert kind="error">Deleting failed: {step.message}</Alert>
        ) : null}
      </>
    );
  }
  return (
    <div className="confirm">
      <p>Delete “{title}”? This cannot be undone.</p>
      <button
        type="button"
        className="button button--danger"
        onClick={remove}
        disabled={step.name === "deleting"}
        // The confirmation replaces the button that opened it: keep the keyboard focus here.
        // biome-ignore lint/a11y/noAutofocus: focus follows the user's action
        autoFocus
      >
        {step.name === "deleting" ? "Deleting…" : "Yes, delete"}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => setStep({ name: "idle" })}
        disabled={step.name === "deleting"}
      >
        Cancel
      </button>
    </div>
  );
}
