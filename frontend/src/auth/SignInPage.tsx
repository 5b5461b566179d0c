import { type FormEvent, useRef, useState } from "react";
import { navigate } from "../router/location";
import { paths } from "../router/routes";
import { Alert } from "../ui/Alert";
import { PageHeading } from "../ui/PageHeading";
import { TextField } from "../ui/TextField";
import { useAuth } from "./AuthContext";
import { LoginError, logIn } from "./login";

/** Only in-app locations: `next` comes from the URL. */
function safeNext(next: string): string {
  return next.startsWith("#/") ? next : paths.books();
}

export function SignInPage({ next }: { next: string }) {
  const { signIn } = useAuth();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      emailInput.current?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      signIn(await logIn(email.trim(), password));
      navigate(safeNext(next), { replace: true });
    } catch (caught) {
      setError(caught instanceof LoginError ? caught.message : "Signing in failed. Try again.");
      setSubmitting(false);
    }
  }

  return (
    <>
      <PageHeading title="Sign in" />
      {next ? <Alert kind="info">Sign in to continue.</Alert> : null}
      <form
        className="sign-in"
        onSubmit={submit}
        noValidate
        aria-describedby={error ? "sign-in-error" : undefined}
      >
        {error ? (
          <div id="sign-in-error">
            <Alert kind="error">{error}</Alert>
          </div>
        ) : null}
        <TextField
          ref={emailInput}
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </form>
    </>
  );
}
