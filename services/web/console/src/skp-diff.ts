import type { SkpVersionDocument } from './api/types';

/** One change between two approved versions of an SKP: an i18n key under `versi.` and its values. */
export interface SkpChange {
  key: string;
  values: Record<string, string>;
}

export type Rhk = SkpVersionDocument['rhk'][number];
type Iki = Rhk['indicators'][number];

export const targetText = (target: Iki['target']): string => (target.kind === 'QUANTITATIVE' ? `${target.value} ${target.unit}` : target.description);

/** Everything of an IKI beyond indicator, aspect and target (per-period targets, direction, …), for a plain "changed". */
const restOf = ({ ikiId: _id, aspect: _a, indicator: _i, target: _t, ...rest }: Iki): string => JSON.stringify(rest, Object.keys(rest).sort());

const byId = <T, K extends keyof T>(items: readonly T[], key: K): Map<T[K], T> => new Map(items.map((item) => [item[key], item]));

/**
 * What changed from one approved version to the next: RHK added, removed or reworded (text, jenis,
 * the atasan's RHK it intervenes on), IKI added, removed or changed (indicator, aspect, target,
 * anything else), ekspektasi khusus and lampiran. In the order of the newer version.
 */
export function skpChanges(before: SkpVersionDocument, after: SkpVersionDocument, words: { link(link: Rhk['link']): string }): SkpChange[] {
  const changes: SkpChange[] = [];
  const old = byId(before.rhk, 'rhkId');
  const now = byId(after.rhk, 'rhkId');
  for (const rhk of after.rhk) {
    const prev = old.get(rhk.rhkId);
    if (!prev) {
      changes.push({ key: 'rhkAdded', values: { id: rhk.rhkId, text: rhk.text } });
      for (const iki of rhk.indicators) changes.push({ key: 'ikiAdded', values: { id: iki.ikiId, rhk: rhk.rhkId, text: iki.indicator, target: targetText(iki.target) } });
      continue;
    }
    if (prev.text !== rhk.text) changes.push({ key: 'rhkText', values: { id: rhk.rhkId, from: prev.text, to: rhk.text } });
    if (prev.jenis !== rhk.jenis) changes.push({ key: 'rhkJenis', values: { id: rhk.rhkId, from: prev.jenis, to: rhk.jenis } });
    if (JSON.stringify(prev.link) !== JSON.stringify(rhk.link)) changes.push({ key: 'rhkLink', values: { id: rhk.rhkId, from: words.link(prev.link), to: words.link(rhk.link) } });
    const oldIki = byId(prev.indicators, 'ikiId');
    for (const iki of rhk.indicators) {
      const was = oldIki.get(iki.ikiId);
      if (!was) {
        changes.push({ key: 'ikiAdded', values: { id: iki.ikiId, rhk: rhk.rhkId, text: iki.indicator, target: targetText(iki.target) } });
        continue;
      }
      if (was.indicator !== iki.indicator) changes.push({ key: 'ikiIndicator', values: { id: iki.ikiId, from: was.indicator, to: iki.indicator } });
      if (was.aspect !== iki.aspect) changes.push({ key: 'ikiAspect', values: { id: iki.ikiId, from: was.aspect, to: iki.aspect } });
      if (targetText(was.target) !== targetText(iki.target)) changes.push({ key: 'target', values: { id: iki.ikiId, from: targetText(was.target), to: targetText(iki.target) } });
      if (restOf(was) !== restOf(iki)) changes.push({ key: 'ikiOther', values: { id: iki.ikiId } });
    }
    for (const was of prev.indicators) if (!rhk.indicators.some((i) => i.ikiId === was.ikiId)) changes.push({ key: 'ikiRemoved', values: { id: was.ikiId, rhk: rhk.rhkId } });
  }
  for (const prev of before.rhk) if (!now.has(prev.rhkId)) changes.push({ key: 'rhkRemoved', values: { id: prev.rhkId, text: prev.text } });
  const oldPerilaku = byId(before.perilaku ?? [], 'coreValue');
  for (const p of after.perilaku ?? []) {
    if ((oldPerilaku.get(p.coreValue)?.ekspektasiKhusus ?? null) !== p.ekspektasiKhusus) changes.push({ key: 'ekspektasi', values: { value: p.label } });
  }
  if (JSON.stringify(before.lampiran ?? null) !== JSON.stringify(after.lampiran ?? null)) changes.push({ key: 'lampiran', values: {} });
  return changes;
}
