/** A one-time message for the next page ("Book deleted."), shown after navigating. */

let pending: string | null = null;

export function setNotice(message: string): void {
  pending = message;
}

/** The pending message, once; later calls return null. */
export function takeNotice(): string | null {
  const message = pending;
  pending = null;
  return message;
}
