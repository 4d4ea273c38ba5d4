import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cx } from "./cx";

const control =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:bg-slate-50 disabled:text-slate-500";

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  hideLabel?: boolean;
}

export function Field({ label, hint, error, className, hideLabel, children }: FieldProps & { children: (id: string, describedBy?: string) => ReactNode }) {
  const id = useId();
  const hintId = hint || error ? `${id}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className={cx("mb-1 block text-xs font-medium text-slate-700", hideLabel && "sr-only")}>
        {label}
      </label>
      {children(id, hintId)}
      {error ? (
        <p id={hintId} className="mt-1 text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Input({ label, hint, error, className, hideLabel, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} hint={hint} error={error} className={className} hideLabel={hideLabel}>
      {(id, d) => <input id={id} aria-describedby={d} aria-invalid={!!error || undefined} {...props} className={control} />}
    </Field>
  );
}

export function Select({ label, hint, error, className, hideLabel, children, ...props }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} hint={hint} error={error} className={className} hideLabel={hideLabel}>
      {(id, d) => (
        <select id={id} aria-describedby={d} {...props} className={cx(control, "pr-8")}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function Textarea({ label, hint, error, className, hideLabel, ...props }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} hint={hint} error={error} className={className} hideLabel={hideLabel}>
      {(id, d) => <textarea id={id} aria-describedby={d} {...props} className={control} />}
    </Field>
  );
}
