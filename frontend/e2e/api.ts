/**
 * Test data through the real API, with the same typed documents the app uses.
 */
import type { APIRequestContext } from "@playwright/test";
import {
  type BookInput,
  CreateBookDocument,
  CreateReviewDocument,
  type ReviewInput,
  type TypedDocumentString,
} from "../src/gql/graphql";

export interface Credentials {
  email: string;
  password: string;
}

export const USER: Credentials = {
  email: process.env.E2E_EMAIL ?? "e2e-user@example.com",
  password: process.env.E2E_PASSWORD ?? "e2e-password",
};

/** The other users scripts/e2e.sh creates ("Reviewer <n>"), to write reviews. */
export const REVIEWERS: Credentials[] = Array.from(
  { length: Number(process.env.E2E_REVIEWERS ?? 0) },
  (_, i) => ({ email: `reviewer-${i + 1}@example.com`, password: USER.password }),
);

export interface Session {
  token: string;
  email: string;
  expiresAt: number;
}

/** Signs in through `POST /api/auth/login`, as the sign-in page does. */
export async function signIn(
  request: APIRequestContext,
  user: Credentials = USER,
): Promise<Session> {
  const response = await request.post("/api/auth/login", { data: user });
  if (!response.ok())
    throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
  const body = (await response.json()) as { access_token: string; expires_in: number };
  return {
    token: body.access_token,
    email: user.email,
    expiresAt: Date.now() + body.expires_in * 1000,
  };
}

async function graphql<TResult, TVariables>(
  request: APIRequestContext,
  session: Session,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const response = await request.post("/graphql", {
    headers: { authorization: `Bearer ${session.token}` },
    data: { query: document.toString(), variables },
  });
  const body = (await response.json()) as { data?: TResult; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL failed: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

export async function createBook(request: APIRequestContext, session: Session, input: BookInput) {
  const { createBook } = await graphql(request, session, CreateBookDocument, { input });
  return createBook.id;
}

export async function createReview(
  request: APIRequestContext,
  session: Session,
  input: ReviewInput,
) {
  const { createReview } = await graphql(request, session, CreateReviewDocument, { input });
  return createReview.id;
}

let serial = 0;

/** A valid ISBN-13 that no other book of this run has. */
export function uniqueIsbn(): string {
  serial += 1;
  const body = `978${String((Date.now() * 100 + serial) % 1e9).padStart(9, "0")}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** A run-unique word, for titles and authors that no other test uses. */
export function uniqueWord(prefix: string): string {
  serial += 1;
  return `${prefix}${Date.now().toString(36)}${serial}`;
}
