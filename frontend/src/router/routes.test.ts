import { describe, expect, it } from "vitest";
import { parseHash } from "./location";
import { matchRoute, paths } from "./routes";

const route = (hash: string) => matchRoute(parseHash(hash));

describe("routes", () => {
  it("matches every page", () => {
    expect(route("").name).toBe("books");
    expect(route("#/?q=dune").name).toBe("books");
    expect(route("#/books/new")).toEqual({ name: "newBook" });
    expect(route("#/books/Qm9vazox")).toEqual({ name: "book", id: "Qm9vazox" });
    expect(route("#/books/Qm9vazox/edit")).toEqual({ name: "editBook", id: "Qm9vazox" });
    expect(route("#/sign-in?next=%23%2Fbooks%2Fnew")).toEqual({
      name: "signIn",
      next: "#/books/new",
    });
    expect(route("#/nowhere").name).toBe("notFound");
    expect(route("#/books/x/delete").name).toBe("notFound");
  });

  it("round-trips ids that contain URL characters", () => {
    const id = "Qm9v/az+ox==";
    expect(route(paths.book(id))).toEqual({ name: "book", id });
    expect(route(paths.editBook(id))).toEqual({ name: "editBook", id });
  });

  it("keeps only non-empty query parameters", () => {
    expect(paths.books({ q: "dune", author: undefined, order: "" })).toBe("#/?q=dune");
    expect(paths.signIn("#/books/new")).toBe("#/sign-in?next=%23%2Fbooks%2Fnew");
  });
});
