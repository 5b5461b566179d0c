/**
 * The book list's filters and order, kept in the URL (`#/?q=dune&order=TITLE`)
 * so they survive reloads and the back button.
 */
import type { BookFilter, BookOrder } from "../gql/graphql";

export interface ListParams {
  q: string;
  author: string;
  publishedAfter: string;
  publishedBefore: string;
  order: BookOrder;
}

export const DEFAULT_ORDER: BookOrder = "CREATED_AT_DESC";

/** Every order the API offers, with its label; tsc fails when the schema's enum changes. */
export const ORDER_LABELS: Record<BookOrder, string> = {
  CREATED_AT_DESC: "Newest first",
  CREATED_AT: "Oldest first",
  TITLE: "Title A–Z",
  TITLE_DESC: "Title Z–A",
  PUBLISHED_ON_DESC: "Recently published",
  PUBLISHED_ON: "First published",
};

export function isOrder(value: string | null): value is BookOrder {
  return value !== null && Object.hasOwn(ORDER_LABELS, value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateParam(params: URLSearchParams, name: string): string {
  const value = params.get(name) ?? "";
  return DATE.test(value) ? value : "";
}

export function readListParams(params: URLSearchParams): ListParams {
  const order = params.get("order");
  return {
    q: params.get("q")?.trim() ?? "",
    author: params.get("author")?.trim() ?? "",
    publishedAfter: dateParam(params, "publishedAfter"),
    publishedBefore: dateParam(params, "publishedBefore"),
    order: isOrder(order) ? order : DEFAULT_ORDER,
  };
}

/** The URL parameters of `list`; defaults and empty filters are left out. */
export function listParamsToQuery(list: ListParams): Record<string, string | undefined> {
  return {
    q: list.q.trim() || undefined,
    author: list.author.trim() || undefined,
    publishedAfter: list.publishedAfter || undefined,
    publishedBefore: list.publishedBefore || undefined,
    order: list.order === DEFAULT_ORDER ? undefined : list.order,
  };
}

/** The API's `filter` argument, or null when nothing filters. */
export function toBookFilter(list: ListParams): BookFilter | null {
  const filter: BookFilter = {};
  if (list.q) filter.q = list.q;
  if (list.author) filter.author = list.author;
  if (list.publishedAfter) filter.publishedAfter = list.publishedAfter;
  if (list.publishedBefore) filter.publishedBefore = list.publishedBefore;
  return Object.keys(filter).length > 0 ? filter : null;
}

export function isFiltered(list: ListParams): boolean {
  return toBookFilter(list) !== null;
}
