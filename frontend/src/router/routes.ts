/** The app's pages and the paths that lead to them. */
import { hrefFor, type Location } from "./location";

export type Route =
  | { name: "books"; params: URLSearchParams }
  | { name: "book"; id: string }
  | { name: "newBook" }
  | { name: "editBook"; id: string }
  | { name: "signIn"; next: string }
  | { name: "notFound" };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchRoute({ path, params }: Location): Route {
  const segments = path.split("/").filter(Boolean);
  const [first, second, third] = segments;
  if (segments.length === 0) return { name: "books", params };
  if (first === "sign-in" && segments.length === 1) {
    return { name: "signIn", next: params.get("next") ?? "" };
  }
  if (first !== "books" || second === undefined || segments.length > 3) return { name: "notFound" };
  if (second === "new" && segments.length === 2) return { name: "newBook" };
  const id = decode(second);
  if (id === null) return { name: "notFound" };
  if (third === undefined) return { name: "book", id };
  return third === "edit" ? { name: "editBook", id } : { name: "notFound" };
}

export const paths = {
  books: (params?: Record<string, string | undefined>) => hrefFor("/", params),
  book: (id: string) => hrefFor(`/books/${encodeURIComponent(id)}`),
  newBook: () => hrefFor("/books/new"),
  editBook: (id: string) => hrefFor(`/books/${encodeURIComponent(id)}/edit`),
  signIn: (next?: string) => hrefFor("/sign-in", { next }),
};
