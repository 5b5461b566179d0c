import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { AuthProvider, useAuth } from "./auth/AuthContext";
import { SignInPage } from "./auth/SignInPage";
import { loadSession } from "./auth/session";
import { BookDetailPage } from "./books/BookDetailPage";
import { BookListPage } from "./books/BookListPage";
import { EditBookPage } from "./books/EditBookPage";
import { NewBookPage } from "./books/NewBookPage";
import { ClientProvider } from "./graphql/ClientContext";
import { createClient, type Execute } from "./graphql/client";
import { navigate } from "./router/location";
import { matchRoute, paths, type Route } from "./router/routes";
import { useLocation } from "./router/useLocation";
import { Alert } from "./ui/Alert";
import { setNotice, takeNotice } from "./ui/notice";
import { PageHeading } from "./ui/PageHeading";

export function App({ client }: { client?: Execute }) {
  return (
    <AuthProvider>
      <Shell client={client} />
    </AuthProvider>
  );
}

/** Sends the browser elsewhere once rendered (a page that needs a signed-in user). */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function page(route: Route, signedIn: boolean, here: string): ReactNode {
  switch (route.name) {
    case "books":
      return <BookListPage params={route.params} />;
    case "book":
      return <BookDetailPage key={route.id} id={route.id} />;
    case "newBook":
      return signedIn ? <NewBookPage /> : <Redirect to={paths.signIn(here)} />;
    case "editBook":
      return signedIn ? (
        <EditBookPage key={route.id} id={route.id} />
      ) : (
        <Redirect to={paths.signIn(here)} />
      );
    case "signIn":
      return <SignInPage next={route.next} />;
    case "notFound":
      return (
        <>
          <PageHeading title="Page not found" />
          <p>
            <a href={paths.books()}>Go to the book list</a>
          </p>
        </>
      );
  }
}

function Shell({ client }: { client?: Execute | undefined }) {
  const { session, signOut } = useAuth();
  const location = useLocation();
  const route = matchRoute(location);
  const here = window.location.hash || "#/";
  const main = useRef<HTMLElement>(null);
  const [notice, setShownNotice] = useState<string | null>(null);

  const execute = useMemo(
    () =>
      client ??
      createClient({
        getToken: () => loadSession()?.token ?? null,
        onUnauthenticated: () => {
          signOut();
          setNotice("Your session has ended. Sign in again.");
          const current = window.location.hash || "#/";
          if (!current.startsWith("#/sign-in")) navigate(paths.signIn(current), { replace: true });
        },
      }),
    [client, signOut],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: a notice belongs to the location it was set for
  useEffect(() => setShownNotice(takeNotice()), [here]);

  return (
    <ClientProvider client={execute}>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header className="site-header">
        <a className="site-header__brand" href={paths.books()}>
          Books
        </a>
        <nav aria-label="Account" className="site-header__nav">
          {session ? (
            <>
              <span className="site-header__user">{session.email}</span>
              <button type="button" className="button button--small" onClick={signOut}>
                Sign out
              </button>
            </>
          ) : route.name === "signIn" ? null : (
            <a href={paths.signIn(here)}>Sign in</a>
          )}
        </nav>
      </header>
      <main ref={main} id="main" tabIndex={-1}>
        {notice ? <Alert kind="info">{notice}</Alert> : null}
        {page(route, session !== null, here)}
      </main>
    </ClientProvider>
  );
}
