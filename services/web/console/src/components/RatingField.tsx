import { useTranslation } from 'react-i18next';
import type { Rating } from '../api/types';
import { SelectField } from './SelectField';

const RATINGS: Rating[] = ['DI_ATAS', 'SESUAI', 'DI_BAWAH'];

/** A rating to choose (di atas / sesuai / di bawah ekspektasi, or none yet), with its label and its error, if any. */
export function RatingField(props: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string }) {
  const { t } = useTranslation();
  return <SelectField {...props} options={[['', '—'], ...RATINGS.map((r) => [r, t(`penilaian.ratings.${r}`)] as const)]} />;
}
