import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Official, OrgTree, OrgTreePosition, OrgTreeUnit, Superior, SupervisorOnDate } from '../../api/hr-types';
import { cityToday, formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { DateForm } from '../DateForm';
import { LoadError } from '../LoadError';

/** The agency's units, positions and holders (PLT/PLH with their periods) as of a date, and the head's reporting line up to the kepala daerah. */
export function OrgTreeView({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(cityToday());
  // Units below the agency's own start folded (an agency of hundreds is thousands of lines); both buttons set every unit at once.
  const [unfold, setUnfold] = useState<{ all: boolean; times: number }>({ all: false, times: 0 });
  const tree = useLoad<OrgTree>(() => api.workPlanning.GET('/agencies/{agencyId}/organisation', { params: { path: { agencyId }, query: { date } as never } }), [agencyId, date]);
  const officials = useLoad<{ items: Official[] }>(() => api.workPlanning.GET('/officials'), []);
  const head = tree.data ? headOf(tree.data.units) : null;
  const names = new Map(tree.data ? positionsOf(tree.data.units).map((p) => [p.positionId, p.name]) : []);
  return (
    <section className="card" aria-labelledby="struktur">
      <h2 id="struktur">{t('organisasi.tree.title')}</h2>
      <DateForm id="per-tanggal" value={date} onShow={setDate} />
      {tree.error !== undefined && <LoadError status={tree.status} message={tree.error} onRetry={tree.reload} />}
      {tree.data && tree.data.units.length === 0 && <p>{t('organisasi.tree.empty')}</p>}
      {tree.data && tree.data.units.length > 0 && (
        <>
          {head && <ReportingLine nip={head} date={tree.data.date} />}
          <div className="actions">
            <button type="button" className="link" onClick={() => setUnfold((u) => ({ all: true, times: u.times + 1 }))}>
              {t('organisasi.tree.openAll')}
            </button>
            <button type="button" className="link" onClick={() => setUnfold((u) => ({ all: false, times: u.times + 1 }))}>
              {t('organisasi.tree.closeAll')}
            </button>
          </div>
          <ul key={unfold.times} className="tree" aria-label={t('organisasi.tree.label', { agency: agencyId, date: formatDate(tree.data.date) })}>
            {tree.data.units.map((u) => (
              <UnitNode key={u.unitId} unit={u} names={names} officials={officials.data?.items ?? []} open={unfold.times > 0 ? unfold.all : true} openBelow={unfold.all} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function positionsOf(units: OrgTreeUnit[]): OrgTreePosition[] {
  return units.flatMap((u) => [...u.positions, ...positionsOf(u.units)]);
}

/** The holder of the position that reports outside the agency (or to nobody): the agency's head. */
function headOf(units: OrgTreeUnit[]): string | null {
  const all = positionsOf(units);
  const ids = new Set(all.map((p) => p.positionId));
  const top = all.find((p) => p.holders.length > 0 && (p.parentAgencyId !== null || p.parentOfficialId !== null || p.parentPositionId === null || !ids.has(p.parentPositionId)));
  return top?.holders[0]?.nip ?? null;
}

function ReportingLine({ nip, date }: { nip: string; date: string }) {
  const { t } = useTranslation();
  const chain = useLoad<SupervisorOnDate>(() => api.workPlanning.GET('/employees/{nip}/supervisor', { params: { path: { nip }, query: { date } as never } }), [nip, date]);
  const who = (s: Superior) =>
    s.kind === 'OFFICIAL' ? `${s.positionName ?? ''} ${s.name ?? s.id} (${t('organisasi.tree.official')})` : `${s.name ?? s.id} · ${s.positionName ?? ''}${s.agencyId ? ` (${s.agencyId})` : ''}`;
  if (!chain.data) return null;
  return (
    <div className="note">
      <h3>{t('organisasi.tree.chain')}</h3>
      <p className="muted">{t('organisasi.tree.chainHint')}</p>
      <dl className="facts">
        <dt>{t('organisasi.tree.penilai')}</dt>
        <dd>{chain.data.pejabatPenilai ? who(chain.data.pejabatPenilai) : '—'}</dd>
        <dt>{t('organisasi.tree.atasan')}</dt>
        <dd>{chain.data.atasanPejabatPenilai ? who(chain.data.atasanPejabatPenilai) : '—'}</dd>
      </dl>
    </div>
  );
}

/** A unit, folded or open (`open`; its sub-units per `openBelow`): its name and counts, then its positions and holders, then its sub-units. */
function UnitNode({ unit, names, officials, open, openBelow }: { unit: OrgTreeUnit; names: Map<string, string>; officials: Official[]; open: boolean; openBelow: boolean }) {
  const { t } = useTranslation();
  const counts = [
    t('organisasi.tree.positionCount', { count: unit.positions.length }),
    t('organisasi.tree.holderCount', { count: unit.positions.reduce((n, p) => n + p.holders.length, 0) }),
    ...(unit.units.length > 0 ? [t('organisasi.tree.unitCount', { count: unit.units.length })] : []),
  ];
  return (
    <li>
      <details open={open} className="unit">
        <summary>
          <strong>{unit.name}</strong> <span className="muted">({unit.unitId}) · {counts.join(' · ')}</span>
        </summary>
        {unit.positions.length > 0 && (
          <div className="node">
            <ul className="plain" aria-label={`${t('organisasi.tree.positions')} ${unit.name}`}>
              {unit.positions.map((p) => (
                <li key={p.positionId} className="position" data-position={p.positionId}>
                  <span>
                    <strong>{p.name}</strong> <span className="muted">· {t(`organisasi.tree.kinds.${p.kind}`, { defaultValue: p.kind })}</span>
                  </span>
                  <ReportsTo position={p} names={names} officials={officials} />
                  {p.holders.length === 0 ? (
                    <p className="muted">{t('organisasi.tree.vacant')}</p>
                  ) : (
                    p.holders.map((h) => (
                      <p key={`${h.nip}-${h.type}-${h.from}`}>
                        <span className={`badge badge-${h.type}`}>{t(`organisasi.tree.assignment.${h.type}`)}</span> {h.name ?? h.nip} <span className="muted">NIP {h.nip}</span>{' '}
                        <span className="muted">
                          {h.to
                            ? t('organisasi.tree.holderPeriod', { from: formatDate(h.from), to: formatDate(h.to) })
                            : t('organisasi.tree.holderSince', { from: formatDate(h.from) })}
                        </span>
                      </p>
                    ))
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
        {unit.units.length > 0 && (
          <ul>
            {unit.units.map((u) => (
              <UnitNode key={u.unitId} unit={u} names={names} officials={officials} open={openBelow} openBelow={openBelow} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}

function ReportsTo({ position, names, officials }: { position: OrgTreePosition; names: Map<string, string>; officials: Official[] }) {
  const { t } = useTranslation();
  let text: string | null = null;
  if (position.parentOfficialId) {
    const o = officials.find((x) => x.officialId === position.parentOfficialId);
    text = o ? t('organisasi.tree.reportsToOfficial', { office: o.office, name: o.name }) : position.parentOfficialId;
  } else if (position.parentAgencyId && position.parentPositionId) {
    text = t('organisasi.tree.reportsToOtherAgency', { position: position.parentPositionId, agency: position.parentAgencyId });
  } else if (position.parentPositionId) {
    text = t('organisasi.tree.reportsToPosition', { position: names.get(position.parentPositionId) ?? position.parentPositionId });
  }
  if (!text) return null;
  return (
    <p className="muted">
      {t('organisasi.tree.reportsTo')}: {text}
    </p>
  );
}
