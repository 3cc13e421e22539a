import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "Per tanggal [date] Tampilkan": what a page shows as of a date. The field starts at `value` (what
 * is shown now) and the page hears of a new date when the person asks for it (`onShow`).
 */
export function DateForm({ id, value, onShow }: { id: string; value: string; onShow(date: string): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const show = (e: FormEvent) => {
    e.preventDefault();
    const date = draft ?? value;
    if (ISO_DATE.test(date)) onShow(date);
  };
  return (
    <form className="row" onSubmit={show}>
      <label htmlFor={id}>{t('common.asOf')}</label>
      <input id={id} type="date" value={draft ?? value} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit">{t('common.show')}</button>
    </form>
  );
}
