import { describe, expect, it, vi } from "vitest";
import { BookDetailDocument } from "../gql/graphql";
import { createClient } from "./client";
import { GraphQLRequestError, NetworkError } from "./errors";

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function clientWith(response: Response | Error, token: string | null = null) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  const onUnauthenticated = vi.fn();
  const execute = createClient({ getToken: () => token, onUnauthenticated, fetch });
  return { execute, fetch, onUnauthenticated };
}

describe("createClient", () => {
  it("posts the document and variables and returns the data", async () => {
    const { execute, fetch } = clientWith(jsonResponse({ data: { bookById: null } }), "t0k3n");
    await expect(execute(BookDetailDocument, { id: "Qm9vazox" })).resolves.toEqual({
      bookById: null,
    });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe("/graphql");
    expect(init?.headers).toMatchObject({ authorization: "Bearer t0k3n" });
    expect(JSON.parse(String(init?.body))).toEqual({
      query: BookDetailDocument.toString(),
      variables: { id: "Qm9vazox" },
    });
  });

  it("sends no authorization header without a token", async () => {
    const { execute, fetch } = clientWith(jsonResponse({ data: { bookById: null } }));
    await execute(BookDetailDocument, { id: "x" });
    expect(fetch.mock.calls[0]?.[1]?.headers).not.toHaveProperty("authorization");
  });

  it("throws the API's errors with their extensions", async () => {
    const { execute } = clientWith(
      jsonResponse({
        data: null,
        errors: [{ message: "nope", extensions: { code: "BAD_USER_INPUT", field: "id" } }],
      }),
    );
    const error = await execute(BookDetailDocument, { id: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).errors[0]?.extensions).toEqual({
      code: "BAD_USER_INPUT",
      field: "id",
    });
  });

  it("reports UNAUTHENTICATED to the app", async () => {
    const { execute, onUnauthenticated } = clientWith(
      jsonResponse({ errors: [{ message: "Sign in", extensions: { code: "UNAUTHENTICATED" } }] }),
    );
    await expect(execute(BookDetailDocument, { id: "x" })).rejects.toBeInstanceOf(
      GraphQLRequestError,
    );
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it("turns a failed fetch or a non-GraphQL answer into a NetworkError", async () => {
    await expect(
      clientWith(new TypeError("Failed to fetch")).execute(BookDetailDocument, { id: "x" }),
    ).rejects.toBeInstanceOf(NetworkError);
    await expect(
      clientWith(new Response("<html>Bad gateway</html>", { status: 502 })).execute(
        BookDetailDocument,
        { id: "x" },
      ),
    ).rejects.toBeInstanceOf(NetworkError);
  });
});
