/**
 * The GraphQL client: one typed `fetch` POST per operation.
 *
 * Documents are the `TypedDocumentString`s codegen generates, so the variables
 * a call sends and the data it returns are checked against the schema by tsc.
 * Caching and pagination are left to the pages (see `books/bookPages.ts`); this
 * app needs no normalised cache.
 */
import type { TypedDocumentString } from "../gql/graphql";
import { type GraphQLErrorItem, GraphQLRequestError, NetworkError } from "./errors";

export type Execute = <TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
) => Promise<TResult>;

export interface ClientOptions {
  /** Where the API answers; `/graphql` on the page's origin by default. */
  endpoint?: string;
  /** The bearer token to send, if any. */
  getToken: () => string | null;
  /** Called when the API answers UNAUTHENTICATED (the session is no longer valid). */
  onUnauthenticated: () => void;
  fetch?: typeof fetch;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorItems(value: unknown): GraphQLErrorItem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((item) => ({
    message: typeof item.message === "string" ? item.message : "Unknown error",
    extensions: isRecord(item.extensions) ? item.extensions : {},
  }));
}

export function createClient(options: ClientOptions): Execute {
  const endpoint = options.endpoint ?? "/graphql";
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  return async function execute<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    signal?: AbortSignal,
  ): Promise<TResult> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
    };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;

    let body: unknown;
    try {
      const response = await doFetch(endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify({ query: document.toString(), variables }),
        ...(signal ? { signal } : {}),
      });
      body = await response.json();
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new NetworkError("The server could not be reached. Try again.", { cause: error });
    }
    if (!isRecord(body)) throw new NetworkError("The server sent an unexpected answer.");

    const errors = errorItems(body.errors);
    if (errors.length > 0) {
      if (errors.some((error) => error.extensions.code === "UNAUTHENTICATED")) {
        options.onUnauthenticated();
      }
      throw new GraphQLRequestError(errors);
    }
    if (!isRecord(body.data)) throw new NetworkError("The server sent no data.");
    // The schema (through codegen) vouches for the shape of `data`.
    return body.data as TResult;
  };
}
