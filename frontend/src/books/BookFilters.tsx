import { type FormEvent, useId, useState } from "react";
import { TextField } from "../ui/TextField";
import { DEFAULT_ORDER, isOrder, type ListParams, ORDER_LABELS } from "./listParams";

interface BookFiltersProps {
  value: ListParams;
  onApply: (next: ListParams) => void;
}

const EMPTY: ListParams = {
  q: "",
  author: "",
  publishedAfter: "",
  publishedBefore: "",
  order: DEFAULT_ORDER,
};

/** The list's search, filters and order; applying them starts the list over. */
export function BookFilters({ value, onApply }: BookFiltersProps) {
  const [draft, setDraft] = useState(value);
  const orderId = useId();
  const set = (name: keyof ListParams) => (next: string) => setDraft({ ...draft, [name]: next });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too new for some browsers and jsdom
    <form className="filters" role="search" aria-label="Filter books" onSubmit={submit}>
      <TextField
        label="Search"
        type="search"
        value={draft.q}
        onChange={set("q")}
        hint="Part of the title or author, any case: at least 3 letters or digits"
      />
      <TextField
        label="Author"
        value={draft.author}
        onChange={set("author")}
        hint="Exact name, any case"
      />
      <TextField
        label="Published from"
        type="date"
        value={draft.publishedAfter}
        onChange={set("publishedAfter")}
      />
      <TextField
        label="Published until"
        type="date"
        value={draft.publishedBefore}
        onChange={set("publishedBefore")}
      />
      <div className="field">
        <label htmlFor={orderId}>Sort by</label>
        <select
          id={orderId}
          value={draft.order}
          onChange={(event) => {
            const order = event.target.value;
            if (isOrder(order)) setDraft({ ...draft, order });
          }}
        >
          {Object.entries(ORDER_LABELS).map(([order, label]) => (
            <option key={order} value={order}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__actions">
        <button type="submit" className="button button--primary">
          Apply
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(EMPTY);
            onApply(EMPTY);
          }}
        >
          Reset
        </button>
      </div>
    </form>
  );
}
