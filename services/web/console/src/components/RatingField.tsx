import { useTranslation } from 'react-i18next';
import type { Rating } from '../api/types';
import { FieldMessage } from './Outcome';

const RATINGS: Rating[] = ['DI_ATAS', 'SESUAI', 'DI_BAWAH'];

/** A rating to choose (di atas / sesuai / di bawah ekspektasi, or none yet), with its label and its error, if any. */
export function RatingField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}>
        <option value="">—</option>
        {RATINGS.map((r) => (
          <option key={r} value={r}>
            {t(`penilaian.ratings.${r}`)}
          </option>
        ))}
      </select>
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}
