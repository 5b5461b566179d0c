import { type ReactNode, useEffect, useRef } from "react";

let firstPage = true;

/**
 * The page's `<h1>`. It sets the document title and, after in-app navigation,
 * takes the focus so keyboard and screen reader users start at the new page.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Books`;
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}
