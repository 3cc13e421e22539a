import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import type { FeedbackItem, Realisation, SkpDocument, TeamBoard } from '../api/types';
import { FeedbackCard } from '../components/FeedbackCard';
import { OfficerServiceFigures, PeriodPicker, servicePeriods } from '../components/layanan/ServiceFigures';
import { LoadError } from '../components/LoadError';
import { OtherFieldErrors, OutcomeNote, TextAreaField } from '../components/Outcome';
import { periodLabel } from '../periods';
import { formatDate, formatDateTime } from '../format';
import { useLoad, useTitle } from '../hooks';
import { useSession } from '../session';
import { DataTable } from '../components/TableRegion';
import { SelectField } from '../components/SelectField';

/** The seven BerAKHLAK core values, in the order of SE MenPANRB 20/2021. */
export const BERAKHLAK = ['BERORIENTASI_PELAYANAN', 'AKUNTABEL', 'KOMPETEN', 'HARMONIS', 'LOYAL', 'ADAPTIF', 'KOLABORATIF'] as const;

/** A team member as the pejabat penilai sees them: realisations with evidence, and continuous feedback. */
export default function AnggotaTim() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { nip = '' } = useParams();
  const me = session!.user!.nip;
  const board = useLoad<TeamBoard>(() => api.workPlanning.GET('/supervisors/{nip}/team', { params: { path: { nip: me }, query: {} } }), [me]);
  const member = board.data?.team.find((m) => m.nip === nip);
  const name = member?.nama ?? nip;
  useTitle(t('anggota.title', { name }));
  if (board.loading && !board.data) return <p>{t('app.loading')}</p>;
  if (!board.data) return <LoadError status={board.status} message={board.error} onRetry={board.reload} />;
  return (
    <>
      <p>
        <Link to="/tim">{t('anggota.back')}</Link>
      </p>
      <h1>{t('anggota.title', { name })}</h1>
      {!member ? (
        <p>{t('anggota.notInTeam')}</p>
      ) : (
        <>
          <section aria-labelledby="realisasi-anggota">
            <h2 id="realisasi-anggota">{t('anggota.realisasi')}</h2>
            {member.skpId && member.versions > 0 ? <MemberRealisations skpId={member.skpId} version={member.versions} /> : <p>{t('anggota.noApprovedSkp')}</p>}
          </section>
          <MemberServiceFigures nip={nip} />
          <MemberFeedback nip={nip} />
        </>
      )}
    </>
  );
}

function MemberRealisations({ skpId, version }: { skpId: string; version: number }) {
  const { t } = useTranslation();
  const doc = useLoad<SkpDocument>(() => api.workPlanning.GET('/skps/{id}', { params: { path: { id: skpId }, query: { version: String(version) } } }), [skpId, version]);
  const recorded = useLoad<{ realisations: Realisation[] }>(() => api.workPlanning.GET('/skps/{skpId}/realisations', { params: { path: { skpId }, query: {} } }), [skpId]);
  if (recorded.error !== undefined) return <LoadError status={recorded.status} message={recorded.error} onRetry={recorded.reload} />;
  if (!recorded.data || (!doc.data && doc.loading)) return <p>{t('app.loading')}</p>;
  if (recorded.data.realisations.length === 0) return <p>{t('anggota.noRealisasi')}</p>;
  const rows = new Map((doc.data?.hasilKerja.flatMap((s) => s.rows) ?? []).map((r) => [r.ikiId, r]));
  const periods = [...new Set(recorded.data.realisations.map((r) => r.periodId))];
  // A period of the one vocabulary (`2026-S1`) by its name, as the Realisasi page names it.
  const periodName = (periodId: string) => periodLabel(t, periodId);
  return (
    <>
      {periods.map((periodId) => (
        <DataTable key={periodId} label={t('anggota.caption', { period: periodName(periodId) })} columns={[t('anggota.col.iki'), t('anggota.col.target'), t('anggota.col.value'), t('anggota.col.date'), t('anggota.col.evidence')]}>
          {recorded.data!.realisations
            .filter((r) => r.periodId === periodId)
            .map((r) => {
              const row = rows.get(r.ikiId);
              const files = r.evidence.filter((e) => e.kind === 'FILE');
              return (
                <tr key={r.ikiId}>
                  <th scope="row">
                    {r.ikiId}
                    {row ? `: ${row.indikatorKinerjaIndividu}` : ''}
                  </th>
                  <td>{row?.target ?? '—'}</td>
                  <td>
                    {r.value ?? r.narrative ?? '—'}
                    {r.computed && (
                      <>
                        {' '}
                        <span className="muted">({t(r.computed.source.kind === 'SERVICE_STANDARD' ? 'layanan.computed' : 'layanan.computedComplaints', { count: r.computed.recordCount })})</span>
                      </>
                    )}
                    {r.revision > 1 && <span className="muted"> ({t('anggota.revision', { n: r.revision })})</span>}
                    {r.late && (
                      <>
                        {' '}
                        <span className="badge badge-RETURNED">{t('anggota.late')}</span>
                      </>
                    )}
                  </td>
                  <td>
                    {formatDate(r.occurredOn)}
                    <br />
                    <span className="muted">{formatDateTime(r.recordedAt)}</span>
                  </td>
                  <td>
                    {files.length === 0 && <span className="muted">{t('anggota.noEvidence')}</span>}
                    <ul className="plain">
                      {files.map((e) => (
                        <li key={e.sha256}>
                          <a href={`/api/work-planning/skps/${encodeURIComponent(skpId)}/evidence-files/${e.sha256}`} download={e.fileName}>
                            {e.fileName}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
        </DataTable>
      ))}
    </>
  );
}

/** The member's service figures and the records behind them (issue 19), as their pejabat penilai reads them. */
function MemberServiceFigures({ nip }: { nip: string }) {
  const { t } = useTranslation();
  const options = servicePeriods();
  const [periodId, setPeriodId] = useState(options[0]);
  return (
    <section aria-labelledby="layanan-anggota">
      <h2 id="layanan-anggota">{t('layanan.memberTitle')}</h2>
      <PeriodPicker value={periodId} onChange={setPeriodId} options={options} />
      <OfficerServiceFigures key={periodId} nip={nip} periodId={periodId} headingLevel={3} />
    </section>
  );
}

function MemberFeedback({ nip }: { nip: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const timeline = useLoad<FeedbackItem[]>(() => api.feedbackIntake.GET('/employees/{nip}/feedback-timeline', { params: { path: { nip } } }), [nip]);
  const [value, setValue] = useState<string>(BERAKHLAK[0]);
  const [content, setContent] = useState('');
  const [outcome, setOutcome] = useState<Outcome<FeedbackItem> | null>(null);
  const errors = fieldErrors(outcome);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const result = outcomeOf<FeedbackItem>(
      await api.feedbackIntake.POST('/continuous-feedback', {
        body: { employeeId: nip, periodId: String(new Date().getFullYear()), topic: { kind: 'BERAKHLAK', value }, content } as never,
      }),
    );
    setOutcome(result);
    if (result.kind === 'done' || result.kind === 'pending') setContent('');
    if (result.kind === 'done') void timeline.reload();
  };
  return (
    <section aria-labelledby="umpan-balik-anggota">
      <h2 id="umpan-balik-anggota">{t('anggota.feedback')}</h2>
      <form className="card" onSubmit={(e) => void send(e)} noValidate>
        <fieldset>
          <legend>{t('anggota.feedbackLegend')}</legend>
          <SelectField id={`${ids}-value`} label={t('anggota.value')} value={value} onChange={setValue} options={BERAKHLAK.map((v) => [v, t(`berakhlak.${v}`)] as const)} error={errors['topic.value']} />
          <TextAreaField id={`${ids}-content`} label={t('anggota.content')} value={content} onChange={setContent} error={errors.content} />
        </fieldset>
        <OtherFieldErrors outcome={outcome} shown={['topic.value', 'content']} />
        <OutcomeNote outcome={outcome} done={t('anggota.sent')} onReload={() => void timeline.reload()} />
        <button type="submit">{t('anggota.send')}</button>
      </form>
      <h3>{t('anggota.history')}</h3>
      {timeline.error !== undefined && <LoadError status={timeline.status} message={timeline.error} onRetry={timeline.reload} />}
      {timeline.data && timeline.data.length === 0 && <p>{t('anggota.noFeedback')}</p>}
      <ul className="list">
        {timeline.data?.map((f) => (
          <FeedbackCard key={f.feedbackId} feedback={f} responseKey="anggota.response" />
        ))}
      </ul>
    </section>
  );
}
