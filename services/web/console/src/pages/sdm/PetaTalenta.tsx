import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { cityToday, formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { CareerHrPage, useAgency } from './shared';
import type { TalentMap, TalentPlacement } from './types';

const POTENTIALS = ['TINGGI', 'MENENGAH', 'RENDAH'] as const;
const PERFORMANCES = ['DI_BAWAH', 'SESUAI', 'DI_ATAS'] as const;

interface TalentRules {
  talent: {
    boxes: Record<string, Record<string, number>>;
    recommendations: Record<string, { kategori: string; rekomendasi: string[] }>;
    poolBoxes: number[];
  };
}

/**
 * The 9-box talent map (PermenPANRB 3/2020) as a grid: arrow keys move between boxes, Enter or
 * Space opens one (who is in it and why); the talent pool of boxes 7–9, and who is screened out of
 * it for a disciplinary penalty, with the reason.
 */
export default function PetaTalenta() {
  const { t } = useTranslation();
  const agency = useAgency();
  const { agencyId } = agency;
  const [asOf, setAsOf] = useState(cityToday());
  const map = useLoad<TalentMap>(() => api.careerDecisions.GET('/agencies/{agencyId}/talent-map', { params: { path: { agencyId }, query: { asOf } as never } }), [agencyId, asOf]);
  const version = map.data?.ruleSetVersion;
  const rules = useLoad<TalentRules>(
    () => (version ? api.careerDecisions.GET('/rule-sets/{version}', { params: { path: { version } } }) : Promise.resolve({ data: undefined, response: new Response(null, { status: 204 }) })),
    [version],
  );
  const [open, setOpen] = useState<number | null>(null);
  const [focus, setFocus] = useState<[number, number]>([0, 2]);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);
  const layout = rules.data?.talent;
  const boxAt = (row: number, col: number) => layout?.boxes[PERFORMANCES[col]]?.[POTENTIALS[row]] ?? 0;
  const pool = new Set(layout?.poolBoxes ?? [7, 8, 9]);
  const people = (box: number): TalentPlacement[] => map.data?.boxes[String(box)] ?? [];
  const move = (e: KeyboardEvent, row: number, col: number) => {
    const delta: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let next: [number, number] | null = null;
    if (delta[e.key]) next = [Math.min(2, Math.max(0, row + delta[e.key][0])), Math.min(2, Math.max(0, col + delta[e.key][1]))];
    if (e.key === 'Home') next = [row, 0];
    if (e.key === 'End') next = [row, 2];
    if (!next) return;
    e.preventDefault();
    setFocus(next);
    cells.current[next[0] * 3 + next[1]]?.focus();
  };
  const label = (box: number) => layout?.recommendations[String(box)]?.kategori ?? '';
  const excluded = Object.values(map.data?.boxes ?? {})
    .flat()
    .filter((p) => p.poolExclusion !== null);
  const inPool = Object.values(map.data?.boxes ?? {})
    .flat()
    .filter((p) => p.inTalentPool)
    .sort((a, b) => b.box - a.box || a.name.localeCompare(b.name));
  return (
    <CareerHrPage title={t('karierSdm.talent.title')} agency={agency}>
      <p>{t('karierSdm.talent.intro')}</p>
      <div className="field narrow">
        <label htmlFor="talenta-asof">{t('karierSdm.eligibility.asOf')}</label>
        <input id="talenta-asof" type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
      </div>
      {map.error !== undefined && <LoadError status={map.status} message={map.error} onRetry={map.reload} />}
      {rules.error !== undefined && <LoadError status={rules.status} message={rules.error} onRetry={rules.reload} />}
      {map.data && layout && (
        <>
          <p className="muted" id="talenta-petunjuk">
            {t('karierSdm.talent.keys', { date: formatDate(map.data.asOf), version: map.data.ruleSetVersion })}
          </p>
          <div className="nine-box" role="grid" aria-label={t('karierSdm.talent.grid')} aria-describedby="talenta-petunjuk">
            {POTENTIALS.map((potential, row) => (
              <div role="row" key={potential} className="nine-box-row">
                <div role="rowheader" className="axis axis-y">
                  {t(`karierSdm.talent.potential.${potential}`)}
                </div>
                {PERFORMANCES.map((performance, col) => {
                  const box = boxAt(row, col);
                  const count = map.data!.counts[String(box)] ?? 0;
                  const focused = focus[0] === row && focus[1] === col;
                  return (
                    <div role="gridcell" key={performance}>
                      <button
                        type="button"
                        ref={(el) => {
                          cells.current[row * 3 + col] = el;
                        }}
                        className={`box${pool.has(box) ? ' pool' : ''}`}
                        tabIndex={focused ? 0 : -1}
                        aria-pressed={open === box}
                        aria-label={t('karierSdm.talent.boxLabel', { box, kategori: label(box), count })}
                        onFocus={() => setFocus([row, col])}
                        onKeyDown={(e) => move(e, row, col)}
                        onClick={() => setOpen(open === box ? null : box)}
                      >
                        <span className="box-number">{t('karierSdm.talent.box', { box })}</span>
                        <span className="box-count">{t('karierSdm.talent.people', { count })}</span>
                      </button>
                    </div>
                  );
                })}
              </div>
            ))}
            <div role="row" className="nine-box-row">
              <div role="columnheader" className="axis">
                <span className="visually-hidden">{t('karierSdm.talent.axes')}</span>
              </div>
              {PERFORMANCES.map((performance) => (
                <div role="columnheader" key={performance} className="axis">
                  {t(`karierSdm.talent.performance.${performance}`)}
                </div>
              ))}
            </div>
          </div>
          {open !== null && (
            <section className="card" aria-labelledby="kotak-terbuka" aria-live="polite">
              <h2 id="kotak-terbuka">{t('karierSdm.talent.openTitle', { box: open, kategori: label(open), count: people(open).length })}</h2>
              <p>
                <strong>{t('karierSdm.talent.recommendations')}</strong> {layout.recommendations[String(open)]?.rekomendasi.join('; ')}
              </p>
              {people(open).length === 0 && <p>{t('karierSdm.talent.emptyBox')}</p>}
              <ul className="list">
                {people(open).map((p) => (
                  <li key={p.nip} className="member">
                    <strong>{p.name}</strong> <span className="muted">NIP {p.nip}</span>
                    <ul className="reasons">
                      {p.alasan.map((a) => (
                        <li key={a}>{a}</li>
                      ))}
                    </ul>
                    {p.inTalentPool && <p className="reasons-met">{t('karierSdm.talent.inPool')}</p>}
                    {p.poolExclusion && <p className="reasons-unmet">{t('karierSdm.talent.screened', { reason: p.poolExclusion })}</p>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="card" aria-labelledby="talent-pool">
            <h2 id="talent-pool">{t('karierSdm.talent.poolTitle', { count: inPool.length })}</h2>
            {inPool.length === 0 ? (
              <p>{t('karierSdm.talent.poolEmpty')}</p>
            ) : (
              <ul>
                {inPool.map((p) => (
                  <li key={p.nip}>{t('karierSdm.talent.poolItem', { name: p.name, nip: p.nip, box: p.box })}</li>
                ))}
              </ul>
            )}
            {excluded.length > 0 && (
              <>
                <h3>{t('karierSdm.talent.screenedTitle')}</h3>
                <ul>
                  {excluded.map((p) => (
                    <li key={p.nip}>{t('karierSdm.talent.screenedItem', { name: p.name, nip: p.nip, box: p.box, reason: p.poolExclusion })}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {map.data.notMapped.length > 0 && (
            <section className="card" aria-labelledby="belum-dipetakan">
              <h2 id="belum-dipetakan">{t('karierSdm.talent.notMapped', { count: map.data.notMapped.length })}</h2>
              <ul>
                {map.data.notMapped.map((n) => (
                  <li key={n.nip}>{t('karierSdm.talent.notMappedItem', { name: n.name, nip: n.nip, reason: n.reason })}</li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </CareerHrPage>
  );
}
