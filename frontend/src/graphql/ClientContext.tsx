import { createContext, type ReactNode, useContext } from "react";
import type { Execute } from "./client";

const ClientContext = createContext<Execute | null>(null);

export function ClientProvider({ client, children }: { client: Execute; children: ReactNode }) {
  return <ClientContext value={client}>{children}</ClientContext>;
}

/** The GraphQL client of the surrounding `ClientProvider`. */
export function useClient(): Execute {
  const client = useContext(ClientContext);
  if (client === null) throw new Error("useClient() needs a <ClientProvider> above it");
  return client;
}
