/** @vitest-environment jsdom */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { NetworkError } from "../graphql/errors";
import { apiErrors } from "../test/fakeClient";
import { BookForm } from "./BookForm";
import { type BookFormValues, EMPTY_BOOK } from "./bookFormValues";

function renderForm(onSubmit: (values: BookFormValues) => Promise<void>) {
  render(
    <BookForm initial={EMPTY_BOOK} submitLabel="Add book" onSubmit={onSubmit} onCancel={vi.fn()} />,
  );
  return userEvent.setup();
}

async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText("Title"), "Dune");
  await user.type(screen.getByLabelText("Author"), "Frank Herbert");
  await user.type(screen.getByLabelText(/^ISBN/), "0-441-17271-7");
}

/** The text of the elements that describe `input` (its hint and error). */
function description(input: HTMLElement): string {
  const ids = input.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}

describe("BookForm", () => {
  it("checks required fields itself and focuses the first one", async () => {
    const onSubmit = vi.fn(async () => {});
    const user = renderForm(onSubmit);
    await user.click(screen.getByRole("button", { name: "Add book" }));

    const title = screen.getByLabelText("Title");
    expect(title.getAttribute("aria-invalid")).toBe("true");
    expect(description(title)).toContain("Enter the title.");
    expect(description(screen.getByLabelText(/^ISBN/))).toContain("Enter the ISBN.");
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("sends the values and shows the API's field error next to its input", async () => {
    const onSubmit = vi.fn(async () => {
      throw apiErrors({
        message: "isbn is not a valid ISBN-10 (check digit)",
        code: "BAD_USER_INPUT",
        field: "isbn",
      });
    });
    const user = renderForm(onSubmit);
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Add book" }));

    expect(onSubmit).toHaveBeenCalledWith({
      title: "Dune",
      author: "Frank Herbert",
      isbn: "0-441-17271-7",
      publishedOn: "",
      pageCount: "",
    });
    const isbn = screen.getByLabelText(/^ISBN/);
    await waitFor(() => expect(description(isbn)).toContain("not a valid ISBN-10"));
    expect(isbn.getAttribute("aria-invalid")).toBe("true");
    await waitFor(() => expect(document.activeElement).toBe(isbn));
    expect(screen.getByLabelText("Title").getAttribute("aria-invalid")).toBeNull();
  });

  it("shows a conflict as an alert and on the ISBN", async () => {
    const user = renderForm(async () => {
      throw apiErrors({ message: "A book with this ISBN already exists.", code: "CONFLICT" });
    });
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Add book" }));

    expect((await screen.findByRole("alert")).textContent).toContain(
      "A book with this ISBN already exists.",
    );
    expect(description(screen.getByLabelText(/^ISBN/))).toContain(
      "Another book already has this ISBN.",
    );
  });

  it("shows a network failure for the whole form and lets the user submit again", async () => {
    const onSubmit = vi
      .fn<(values: BookFormValues) => Promise<void>>()
      .mockRejectedValueOnce(new NetworkError("The server could not be reached. Try again."))
      .mockResolvedValueOnce(undefined);
    const user = renderForm(onSubmit);
    await fillIn(user);
    await user.click(screen.getByRole("button", { name: "Add book" }));
    expect((await screen.findByRole("alert")).textContent).toContain("could not be reached");

    await user.click(screen.getByRole("button", { name: "Add book" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });
});
