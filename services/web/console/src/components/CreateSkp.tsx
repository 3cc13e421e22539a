import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, outcomeOf, type Outcome } from '../api/client';
import type { SkpDocument } from '../api/types';
import { OutcomeNote } from './Outcome';

/** "Susun SKP <year>": starts the person's SKP of the year and opens it (Beranda, and SKP saya while the year has none). */
export function CreateSkp({ year }: { year: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome<SkpDocument> | null>(null);
  const create = async () => {
    const result = outcomeOf<SkpDocument>(await api.workPlanning.POST('/skps', { body: { year } as never }));
    setOutcome(result);
    if (result.kind === 'done') navigate(`/skp/${encodeURIComponent(result.data.skpId)}`);
  };
  return (
    <>
      <OutcomeNote outcome={outcome} />
      <button type="button" onClick={() => void create()}>
        {t('beranda.createSkp', { year })}
      </button>
    </>
  );
}
