import { vi } from "vitest";
import type { TypedDocumentString } from "../gql/graphql";
import type { Execute } from "../graphql/client";
import { GraphQLRequestError } from "../graphql/errors";

type Handler = (document: string, variables: unknown) => unknown;

/** An `Execute` that answers from `handler` (or rejects with what it throws). */
export function fakeClient(handler: Handler) {
  const calls: { document: string; variables: unknown }[] = [];
  const execute = vi.fn(
    async <TResult, TVariables>(
      document: TypedDocumentString<TResult, TVariables>,
      variables: TVariables,
    ): Promise<TResult> => {
      calls.push({ document: document.toString(), variables });
      // The handler answers in the document's shape, as the API would.
      return handler(document.toString(), variables) as TResult;
    },
  );
  return { execute: execute as Execute, calls };
}

export function apiErrors(...errors: { message: string; code: string; field?: string }[]) {
  return new GraphQLRequestError(
    errors.map(({ message, code, field }) => ({
      message,
      extensions: field === undefined ? { code } : { code, field },
    })),
  );
}
