/**
 * Hash-based locations: `#/books/<id>?q=dune`. The server only ever serves
 * `index.html` at `/`, so deep links and reloads work without a fallback route
 * on the backend, and the app needs no router dependency.
 */

export interface Location {
  /** The path inside the hash, always starting with `/`. */
  path: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Location {
  const raw = hash.startsWith("#") ? hash.slice(1) : hash;
  const [path = "", query = ""] = raw.split("?", 2);
  return { path: path.startsWith("/") ? path : `/${path}`, params: new URLSearchParams(query) };
}

/** The hash for a path and optional query parameters (empty values dropped). */
export function hrefFor(path: string, params?: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value) query.set(name, value);
  }
  const search = query.toString();
  return `#${path}${search ? `?${search}` : ""}`;
}

/** Goes to `href` (a `#...` hash); `replace` keeps the history entry count. */
export function navigate(href: string, { replace = false } = {}): void {
  if (replace) {
    window.history.replaceState(window.history.state, "", href);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else {
    window.location.hash = href;
  }
}
