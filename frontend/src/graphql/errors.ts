/**
 * GraphQL errors as the UI needs them: every error the API sends carries an
 * `extensions.code`; `BAD_USER_INPUT` errors also name the input `field`.
 */

export interface GraphQLErrorItem {
  message: string;
  extensions: { code?: unknown; field?: unknown; [key: string]: unknown };
}

/** The API answered with errors. */
export class GraphQLRequestError extends Error {
  readonly errors: readonly GraphQLErrorItem[];

  constructor(errors: readonly GraphQLErrorItem[]) {
    super(errors.map((error) => error.message).join("\n") || "The request failed.");
    this.name = "GraphQLRequestError";
    this.errors = errors;
  }

  hasCode(code: string): boolean {
    return this.errors.some((error) => error.extensions.code === code);
  }
}

/** The API could not be reached or did not answer with GraphQL. */
export class NetworkError extends Error {
  override name = "NetworkError";
}

/** A form's view of a failed mutation. */
export interface FormErrors<F extends string> {
  /** Messages to show next to their input. */
  fields: Partial<Record<F, string>>;
  /** Messages for the whole form (conflicts, unknown fields, network problems). */
  form: string[];
  /** The API answered CONFLICT: another record has a unique value. */
  conflict: boolean;
  /** The API answered UNAUTHENTICATED: the user must sign in (again). */
  unauthenticated: boolean;
}

export const NO_ERRORS: FormErrors<never> = {
  fields: {},
  form: [],
  conflict: false,
  unauthenticated: false,
};

/** `published_on`, `input.publishedOn` and `publishedOn` all name `publishedOn`. */
export function normaliseFieldName(field: string): string {
  const last = field.split(".").pop() ?? field;
  return last.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function isOneOf<F extends string>(name: string, names: readonly F[]): name is F {
  return names.some((candidate) => candidate === name);
}

/** Messages a caller puts in place of the defaults, by `extensions.code`. */
export type CodeMessages = Partial<Record<string, string>>;

function messageFor(item: GraphQLErrorItem, messages: CodeMessages = {}): string {
  const code = typeof item.extensions.code === "string" ? item.extensions.code : "";
  const own = messages[code];
  if (own !== undefined) return own;
  switch (code) {
    case "UNAUTHENTICATED":
      return "Your session has ended. Sign in again.";
    case "NOT_FOUND":
      return "This book no longer exists.";
    case "INTERNAL_SERVER_ERROR":
      return "Something went wrong on the server. Try again later.";
    default:
      return item.message;
  }
}

/**
 * Sorts the errors of a failed request into field, form and special cases;
 * `messages` replaces the form-level message of the codes it names.
 */
export function toFormErrors<F extends string>(
  error: unknown,
  fieldNames: readonly F[],
  messages: CodeMessages = {},
): FormErrors<F> {
  const result: FormErrors<F> = { fields: {}, form: [], conflict: false, unauthenticated: false };
  if (!(error instanceof GraphQLRequestError)) {
    result.form.push(error instanceof Error ? error.message : "The request failed.");
    return result;
  }
  for (const item of error.errors) {
    const { code, field } = item.extensions;
    if (code === "UNAUTHENTICATED") result.unauthenticated = true;
    if (code === "CONFLICT") result.conflict = true;
    const name = typeof field === "string" ? normaliseFieldName(field) : null;
    if (code === "BAD_USER_INPUT" && name !== null && isOneOf(name, fieldNames)) {
      result.fields[name] ??= item.message;
    } else {
      result.form.push(messageFor(item, messages));
    }
  }
  return result;
}

/** A message for a failed query (pages show it with a retry button). */
export function describeError(error: unknown, messages: CodeMessages = {}): string {
  if (error instanceof GraphQLRequestError) {
    return error.errors.map((item) => messageFor(item, messages)).join(" ");
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}
