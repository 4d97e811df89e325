import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n';

export type Errors = Record<string, string>;

interface Common {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
}

export function Described({ id, hint, error }: { id: string; hint?: string; error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">{t('err.prefix')} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function describedBy(id: string, hint?: string, error?: string) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
  required,
  multiline,
  width,
  readOnly,
}: Common & {
  value: string;
  onChange(value: string): void;
  /** Shown but not editable (a value another system verified). */
  readOnly?: boolean;
  type?: 'text' | 'date' | 'tel' | 'email' | 'search' | 'number' | 'password';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'tel' | 'email';
  required?: boolean;
  multiline?: boolean;
  width?: 'short' | 'medium';
}) {
  const props = {
    id,
    name: id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, hint, error),
    'aria-required': required || undefined,
  };
  return (
    <div className={`field${error ? ' field-has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <Described id={id} {...(hint ? { hint } : {})} error={error} />
      {multiline ? (
        <textarea {...props} rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...props}
          type={type}
          className={width ? `input-${width}` : undefined}
          autoComplete={autoComplete}
          inputMode={inputMode}
          readOnly={readOnly || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  placeholder,
}: Common & {
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <div className={`field${error ? ' field-has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <Described id={id} {...(hint ? { hint } : {})} error={error} />
      <select
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Radios({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  options,
}: Common & { value: string; onChange(value: string): void; options: { value: string; label: string }[] }) {
  return (
    <fieldset
      className={`field${error ? ' field-has-error' : ''}`}
      id={id}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>{label}</legend>
      <Described id={id} {...(hint ? { hint } : {})} error={error} />
      <div className="choices">
        {options.map((o, i) => (
          <div className="choice" key={o.value}>
            <input
              type="radio"
              id={i === 0 ? `${id}-input` : `${id}-${i}`}
              name={id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <label htmlFor={i === 0 ? `${id}-input` : `${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
  children,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  children?: ReactNode;
}) {
  return (
    <div className="choice">
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** The GOV.UK-style error summary: focused when it appears, each message links to its field. */
export function ErrorSummary({ errors, targets }: { errors: Errors; targets?: Record<string, string> }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const count = entries.length;
  useEffect(() => {
    if (count > 0) box.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div className="error-summary" ref={box} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('err.summary')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a
              href={`#${targets?.[field] ?? field}`}
              onClick={(event) => {
                event.preventDefault();
                const target = document.getElementById(targets?.[field] ?? field);
                target?.focus();
                target?.scrollIntoView({ block: 'center' });
              }}
            >
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
