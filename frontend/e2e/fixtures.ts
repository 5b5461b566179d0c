import { test as base, type Page } from "@playwright/test";
import { type Session, signIn } from "./api";

/** `signedIn`: a page whose app starts with a session (signed in through the API). */
export const test = base.extend<{ session: Session; signedIn: Page }>({
  session: async ({ request }, use) => {
    await use(await signIn(request));
  },
  signedIn: async ({ page, session }, use) => {
    await page.addInitScript((stored) => {
      localStorage.setItem("books.session", stored);
    }, JSON.stringify(session));
    await use(page);
  },
});

export { expect } from "@playwright/test";
