import { afterEach } from "vitest";

// In DOM tests: unmount what each test rendered and forget what it stored.
afterEach(async () => {
  if (typeof window === "undefined") return;
  const { cleanup } = await import("@testing-library/react");
  cleanup();
  localStorage.clear();
  window.location.hash = "";
});
