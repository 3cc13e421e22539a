import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import type { SkpDocument } from '../api/types';
import { OutcomeNote, TextAreaField } from './Outcome';

const PARTS = ['dukunganSumberDaya', 'skemaPertanggungjawaban', 'konsekuensi'] as const;
type Part = (typeof PARTS)[number];

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * The SKP's lampiran (PermenPANRB 6/2022): dukungan sumber daya, skema pertanggungjawaban, konsekuensi; one item per line.
 * The outcome of a save is the editor's (`outcome`, `onOutcome`): the form is drawn afresh from the
 * saved document once it has reloaded, and "Lampiran disimpan." must outlive that.
 */
export function LampiranForm({ doc, onSaved, outcome, onOutcome }: { doc: SkpDocument; onSaved(): void; outcome: Outcome<SkpDocument> | null; onOutcome(outcome: Outcome<SkpDocument> | null): void }) {
  const { t } = useTranslation();
  const ids = useId();
  const initial = Object.fromEntries(PARTS.map((p) => [p, (doc.lampiran[p] ?? []).join('\n')])) as Record<Part, string>;
  const [form, setForm] = useState(initial);
  const reported = fieldErrors(outcome);
  // An item's error (`konsekuensi.2`) is shown on its list.
  const errorOf = (part: Part) => Object.entries(reported).find(([field]) => field === part || field.startsWith(`${part}.`))?.[1];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    onOutcome(null);
    const body = Object.fromEntries(PARTS.map((p) => [p, lines(form[p])]));
    const result = outcomeOf<SkpDocument>(await api.workPlanning.PUT('/skps/{id}/lampiran', { params: { path: { id: doc.skpId } }, body: body as never }));
    onOutcome(result);
    if (result.kind === 'done') onSaved();
  };

  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('dokumen.lampiran.title')}</h2>
      <p className="muted">{t('dokumen.lampiran.hint')}</p>
      {PARTS.map((p) => (
        <TextAreaField key={p} id={`${ids}-${p}`} label={t(`dokumen.lampiran.${p}`)} value={form[p]} onChange={(value) => setForm({ ...form, [p]: value })} error={errorOf(p)} rows={3} />
      ))}
      <OutcomeNote outcome={outcome} done={t('dokumen.lampiran.saved')} />
      <button type="submit">{t('dokumen.lampiran.save')}</button>
    </form>
  );
}
