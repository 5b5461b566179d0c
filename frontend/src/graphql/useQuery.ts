import { useCallback, useEffect, useMemo, useState } from "react";
import type { TypedDocumentString } from "../gql/graphql";
import { useClient } from "./ClientContext";

export type QueryState<TResult> =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  | { status: "success"; data: TResult };

/**
 * Runs a query when the component mounts and whenever `variables` change
 * (compared by value); a stale answer never replaces a newer one.
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): QueryState<TResult> & { reload: () => void } {
  const execute = useClient();
  const [state, setState] = useState<QueryState<TResult>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);
  // A new request for other variables, or for the same ones after reload().
  const request = useMemo(() => ({ key, attempt }), [key, attempt]);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    const vars = JSON.parse(request.key) as TVariables;
    execute(document, vars, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "success", data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error });
      },
    );
    return () => controller.abort();
  }, [execute, document, request]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
