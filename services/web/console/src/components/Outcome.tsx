import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../api/client';

/** A command's outcome in words: pending is not a failure; a conflict offers to reload. */
export function OutcomeNote({ outcome, done, onReload }: { outcome: Outcome<unknown> | null; done?: string; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  switch (outcome.kind) {
    case 'done':
      return done ? (
        <p className="note note-ok" role="status">
          {done}
        </p>
      ) : null;
    case 'pending':
      return (
        <p className="note note-pending" role="status">
          {t('errors.pending')}
        </p>
      );
    case 'conflict':
      return (
        <div className="note note-error" role="alert">
          <p>
            {outcome.error.message ? `${outcome.error.message} ` : ''}
            {t('errors.conflict')}
          </p>
          <button type="button" onClick={onReload ?? (() => window.location.reload())}>
            {t('errors.reload')}
          </button>
        </div>
      );
    case 'error':
      return outcome.error.errors?.length ? null : (
        <p className="note note-error" role="alert">
          {outcome.error.message || t('errors.generic')}
        </p>
      );
  }
}

/** The message of a field, announced beside it. */
export function FieldMessage({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {message}
    </span>
  );
}

/** The errors of a 400 that name no field shown on the form. */
export function OtherFieldErrors({ outcome, shown }: { outcome: Outcome<unknown> | null; shown: string[] }) {
  if (!outcome || outcome.kind !== 'error' || !outcome.error.errors?.length) return null;
  const rest = outcome.error.errors.filter((e) => !shown.includes(e.field));
  if (rest.length === 0) return null;
  return (
    <ul className="note note-error" role="alert">
      {rest.map((e) => (
        <li key={e.field + e.code}>
          {e.field}: {e.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * A labelled input with its error, like TextAreaField; `hint`: a note under the label the input is
 * described by (until there is an error); `input`: its other attributes (type, inputMode, min…).
 */
export function InputField(props: { id: string; label: string; value: string; onChange(value: string): void; error?: string; hint?: string; input?: InputHTMLAttributes<HTMLInputElement> }) {
  const { id, label, value, onChange, error, hint, input } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="muted">
          {hint}
        </span>
      )}
      <input
        id={id}
        {...input}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...(hint ? { 'aria-describedby': `${id}-hint` } : {})}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
      />
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}

/** A labelled text area with the service's message for it beside it. */
export function TextAreaField(props: { id: string; label: string; value: string; onChange(value: string): void; error?: string; rows?: number }) {
  const { id, label, value, onChange, error, rows = 3 } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})} />
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}
