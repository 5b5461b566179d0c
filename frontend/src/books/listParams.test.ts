import { describe, expect, it } from "vitest";
import { DEFAULT_ORDER, listParamsToQuery, readListParams, toBookFilter } from "./listParams";

describe("list parameters", () => {
  it("reads filters and order from the URL", () => {
    const list = readListParams(
      new URLSearchParams("q=dune&author=Frank%20Herbert&publishedAfter=1960-01-01&order=TITLE"),
    );
    expect(list).toEqual({
      q: "dune",
      author: "Frank Herbert",
      publishedAfter: "1960-01-01",
      publishedBefore: "",
      order: "TITLE",
    });
    expect(toBookFilter(list)).toEqual({
      q: "dune",
      author: "Frank Herbert",
      publishedAfter: "1960-01-01",
    });
  });

  it("falls back to the default order and drops malformed dates", () => {
    const list = readListParams(new URLSearchParams("order=SIDEWAYS&publishedBefore=yesterday"));
    expect(list.order).toBe(DEFAULT_ORDER);
    expect(list.publishedBefore).toBe("");
    expect(toBookFilter(list)).toBeNull();
  });

  it("leaves defaults and empty values out of the URL", () => {
    const list = readListParams(new URLSearchParams("q=%20%20"));
    expect(listParamsToQuery(list)).toEqual({
      q: undefined,
      author: undefined,
      publishedAfter: undefined,
      publishedBefore: undefined,
      order: undefined,
    });
    expect(listParamsToQuery({ ...list, order: "PUBLISHED_ON" }).order).toBe("PUBLISHED_ON");
  });
});
