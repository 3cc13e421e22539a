import { FieldMessage } from './Outcome';

/**
 * A labelled choice among `options`, each `[value, label]`; `narrow` for a short one (a period, a
 * year); `error` marks the field invalid and says why.
 */
export function SelectField(props: {
  id: string;
  label: string;
  value: string | number | undefined;
  onChange(value: string): void;
  options: readonly (readonly [value: string | number, label: string | number])[];
  narrow?: boolean;
  error?: string;
}) {
  const { id, label, value, onChange, options, narrow, error } = props;
  return (
    <div className={narrow ? 'field narrow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}
