import type { Ref, TextareaHTMLAttributes } from "react";
import { Field } from "./Field";

interface TextAreaFieldProps
  extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "onChange"> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the text area and announced with it (aria-describedby). */
  error?: string | undefined;
  hint?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled text area with its hint and error linked, as `TextField` does for inputs. */
export function TextAreaField({
  label,
  value,
  onChange,
  error,
  hint,
  ref,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <textarea
          {...textarea}
          {...control}
          ref={ref}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
