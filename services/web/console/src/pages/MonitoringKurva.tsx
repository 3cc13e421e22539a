import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import { LoadError } from '../components/LoadError';
import { OtherFieldErrors, OutcomeNote, TextAreaField } from '../components/Outcome';
import { formatDateTime } from '../format';
import { useLoad, useTitle } from '../hooks';
import { CurveChart } from '../monitoring/charts';
import { ListTable } from '../monitoring/ListTable';
import { ScopeFilters, useScope } from '../monitoring/scope';
import { emptyCounts, ORGANISATION_PREDICATES, type AgencyCurve, type ConditionResult, type OrganisationPredicate, type UnitCurve } from '../monitoring/types';
import { useAgencyPeriods } from '../periods';
import { usePeopleNames } from '../people-names';
import { useSession } from '../session';
import { SelectField } from '../components/SelectField';

/**
 * Monitoring Kurva (docs/regulations.md §4.3): per agency and per unit, the distribution of employee
 * predicates against the curve the organisation predicate requires. HR and the PPK read the whole
 * agency; a leader sees the units they lead or lead one level up, sets the organisation predicate of
 * the latter and does their penetapan.
 */
export default function MonitoringKurva() {
  const { t } = useTranslation();
  useTitle(t('monitoring.kurva.title'));
  const scope = useScope();
  const [params, setParams] = useSearchParams();
  const periods = useAgencyPeriods(scope.agencyId, scope.year);
  const periodList = periods.data?.periods ?? [];
  const periodId = params.get('periode') ?? periodList.find((p) => p.kind === 'ANNUAL')?.periodId ?? periodList[0]?.periodId ?? '';
  const unitId = params.get('unit');
  const curve = useLoad<AgencyCurve | { periodId: string; units: UnitCurve[] }>(
    () =>
      periodId === ''
        ? Promise.resolve({ data: { periodId: '', units: [] }, response: new Response(null, { status: 200 }) })
        : scope.overseer
          ? api.evaluation.GET('/periods/{periodId}/curve', { params: { path: { periodId } } })
          : api.evaluation.GET('/periods/{periodId}/led-units', { params: { path: { periodId } } }),
    [periodId, scope.overseer],
  );
  const set = (key: string, value: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
      return next;
    });
  const units = curve.data?.units ?? [];
  const summary = curve.data && 'summary' in curve.data ? curve.data.summary : null;
  const selected = units.find((u) => u.unitId === unitId) ?? null;
  const status = (u: UnitCurve) =>
    !u.curveApplies ? t('monitoring.kurva.notApplicable') : u.check === null ? t('monitoring.kurva.noPredicate') : u.check.passed ? t('monitoring.kurva.fits') : t('monitoring.kurva.breaks');
  const orgName = (p: OrganisationPredicate | null) => (p ? t(`monitoring.org.${p}`) : t('monitoring.kurva.notSet'));

  return (
    <>
      <h1>{t('monitoring.kurva.title')}</h1>
      <p className="muted">{scope.overseer ? t('monitoring.kurva.introOverseer') : t('monitoring.kurva.introLeader')}</p>
      <ScopeFilters scope={scope}>
        <SelectField
          id="periode"
          label={t('monitoring.period')}
          value={periodId}
          onChange={(value) => setParams((p) => {
            const next = new URLSearchParams(p);
            next.delete('unit');
            next.set('periode', value);
            return next;
          })}
          options={periodList.map((p) => [p.periodId, p.name] as const)}
        />
      </ScopeFilters>
      {periods.error !== undefined && <LoadError status={periods.status} message={periods.error} onRetry={periods.reload} />}
      {periods.data && periodList.length === 0 && <p>{t('monitoring.noPeriods')}</p>}
      {curve.error !== undefined && <LoadError status={curve.status} message={curve.error} onRetry={curve.reload} />}
      {summary && (
        <section className="card" aria-labelledby="ringkasan">
          <h2 id="ringkasan">{t('monitoring.kurva.agency', { agency: scope.agencyId })}</h2>
          <dl className="stats">
            <div><dt>{t('monitoring.kurva.units')}</dt><dd>{summary.units}</dd></div>
            <div><dt>{t('monitoring.kurva.unitsFailing')}</dt><dd>{summary.unitsFailing}</dd></div>
            <div><dt>{t('monitoring.kurva.unitsFinalized')}</dt><dd>{summary.unitsFinalized}</dd></div>
            <div><dt>{t('monitoring.kurva.employees')}</dt><dd>{summary.employees}</dd></div>
            <div><dt>{t('monitoring.kurva.unrated')}</dt><dd>{summary.unrated}</dd></div>
          </dl>
          <CurveChart counts={summary.counts} title={t('monitoring.kurva.agencyChart', { agency: scope.agencyId })} />
        </section>
      )}
      {curve.data && periodId !== '' && (
        <section className="card" aria-labelledby="daftar-unit">
          <h2 id="daftar-unit">{t('monitoring.kurva.unitList')}</h2>
          {units.length === 0 ? (
            <p>{scope.overseer ? t('monitoring.kurva.noUnits') : t('monitoring.kurva.noLedUnits')}</p>
          ) : (
            <ListTable
              caption={t('monitoring.kurva.unitList')}
              fileName={`monitoring-kurva-${periodId.replace(/:/g, '-')}`}
              columns={[t('monitoring.kurva.unit'), t('monitoring.kurva.orgPredicate'), t('monitoring.kurva.employees'), t('monitoring.kurva.unrated'), t('monitoring.kurva.curve'), t('monitoring.kurva.penetapan')]}
              rows={units.map((u) => [u.unitName ?? u.unitId, orgName(u.organisationPredicate), u.employees.length, u.unrated, status(u), u.finalized ? t('monitoring.kurva.done') : t('monitoring.kurva.notDone')])}
              action={{
                header: t('monitoring.kurva.detail'),
                cell: (i) => (
                  <button type="button" className="link" aria-pressed={units[i].unitId === unitId} onClick={() => set('unit', units[i].unitId)}>
                    {t('monitoring.kurva.show', { unit: units[i].unitName ?? units[i].unitId })}
                  </button>
                ),
              }}
            />
          )}
        </section>
      )}
      {selected && <UnitDetail key={`${periodId}/${selected.unitId}`} unit={selected} agencyId={scope.agencyId} periodId={periodId} onChanged={curve.reload} />}
    </>
  );
}

function conditionText(t: (key: string, o?: Record<string, unknown>) => string, c: ConditionResult): string {
  const key = c.kind === 'MODAL' ? 'modal' : c.kind.startsWith('MAX') ? 'max' : 'min';
  return t(`monitoring.kurva.condition.${key}`, { count: c.count, bound: c.bound, share: Math.round(c.share * 1000) / 10 });
}

function UnitDetail({ unit, agencyId, periodId, onChanged }: { unit: UnitCurve; agencyId: string; periodId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const nameOf = usePeopleNames(agencyId);
  /** "Nama (NIP …)" where the name is known, else "NIP …". */
  const who = (nip: string) => (nameOf(nip) ? t('monitoring.kurva.person', { name: nameOf(nip), nip }) : t('monitoring.kurva.nipOnly', { nip }));
  const name = unit.unitName ?? unit.unitId;
  const counts = unit.check?.counts ?? unit.employees.reduce((c, e) => (e.predicate ? { ...c, [e.predicate]: c[e.predicate] + 1 } : c), emptyCounts());
  const leaderUp = session?.user?.nip !== undefined && session.user.nip === unit.leaderOneLevelUpId;
  return (
    <section className="card" aria-labelledby="kurva-unit">
      <h2 id="kurva-unit" tabIndex={-1}>
        {t('monitoring.kurva.unitTitle', { unit: name })}
      </h2>
      <dl className="facts">
        <dt>{t('monitoring.kurva.orgPredicate')}</dt>
        <dd>
          {unit.organisationPredicate ? t(`monitoring.org.${unit.organisationPredicate}`) : t('monitoring.kurva.notSet')}
          {unit.organisationPredicateSetBy ? ` (${t('monitoring.kurva.setBy', { who: who(unit.organisationPredicateSetBy) })})` : ''}
        </dd>
        <dt>{t('monitoring.kurva.leaderUp')}</dt>
        <dd>{unit.leaderOneLevelUpId ? who(unit.leaderOneLevelUpId) : '—'}</dd>
        <dt>{t('monitoring.kurva.ruleSet')}</dt>
        <dd>
          {unit.ruleSetVersion}: {unit.enforcement === 'WARN' ? t('monitoring.kurva.warn') : t('monitoring.kurva.block')}
        </dd>
        <dt>{t('monitoring.kurva.penetapan')}</dt>
        <dd>
          {unit.finalized && unit.finalization
            ? t('monitoring.kurva.finalizedAt', { who: who(unit.finalization.finalizedBy), at: formatDateTime(unit.finalization.finalizedAt) })
            : t('monitoring.kurva.notDone')}
        </dd>
        {unit.finalization?.justification && (
          <>
            <dt>{t('monitoring.kurva.justification')}</dt>
            <dd>{unit.finalization.justification}</dd>
          </>
        )}
      </dl>
      <CurveChart counts={counts} conditions={unit.check?.conditions ?? []} title={t('monitoring.kurva.unitChart', { unit: name })} />
      <h3>{t('monitoring.kurva.conditions')}</h3>
      {!unit.curveApplies ? (
        <p>{t('monitoring.kurva.notApplicable')}</p>
      ) : unit.check === null ? (
        <p>{t('monitoring.kurva.conditionsAfterPredicate')}</p>
      ) : (
        <>
          <p className={unit.check.passed ? 'note note-ok' : 'note note-error'}>
            {unit.check.passed ? t('monitoring.kurva.allMet', { predicate: t(`monitoring.org.${unit.check.organisationPredicate}`) }) : t('monitoring.kurva.someUnmet', { count: unit.check.failed.length, predicate: t(`monitoring.org.${unit.check.organisationPredicate}`) })}
          </p>
          <ul className="conditions" aria-label={t('monitoring.kurva.conditionsOf', { unit: name })}>
            {unit.check.conditions.map((c) => (
              <li key={c.id} className={c.pass ? 'met' : 'unmet'}>
                <strong>{c.pass ? t('monitoring.kurva.met') : t('monitoring.kurva.unmet')}:</strong> {c.label}. <span className="muted">{conditionText(t, c)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <ListTable
        caption={t('monitoring.kurva.employeesOf', { unit: name })}
        fileName={`pegawai-${periodId.replace(/:/g, '-')}-${unit.unitId}`}
        columns={[t('monitoring.kurva.name'), t('monitoring.kurva.nip'), t('monitoring.kurva.predicate'), t('monitoring.kurva.status')]}
        rows={unit.employees.map((e) => [nameOf(e.employeeId) ?? '—', e.employeeId, e.predicate ? t(`penilaian.predicates.${e.predicate}`) : t('monitoring.kurva.notRated'), t(`monitoring.evaluationStatus.${e.status}`, { defaultValue: e.status })])}
      />
      {leaderUp && !unit.finalized && (
        <>
          <SetOrganisationPredicate unit={unit} periodId={periodId} onDone={onChanged} />
          {unit.organisationPredicate && <Finalize unit={unit} periodId={periodId} onDone={onChanged} />}
        </>
      )}
    </section>
  );
}

/** A command of the unit's leader one level up: its text field with the service's message beside it, the outcome, a reload once done. */
function CommandForm(props: {
  title: string;
  submitLabel: string;
  done: string;
  text: { id: string; field: string; label: string; value: string; onChange(value: string): void; rows?: number };
  send(): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  onDone(): void;
  children?: ReactNode;
}) {
  const { title, submitLabel, done, text, send, onDone, children } = props;
  const [outcome, setOutcome] = useState<Outcome<unknown> | null>(null);
  const submit = async () => {
    const result = outcomeOf(await send());
    setOutcome(result);
    if (result.kind === 'done') onDone();
  };
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{title}</h3>
      {children}
      <TextAreaField id={text.id} label={text.label} value={text.value} onChange={text.onChange} error={fieldErrors(outcome)[text.field]} rows={text.rows} />
      <OtherFieldErrors outcome={outcome} shown={[text.field]} />
      <button type="submit">{submitLabel}</button>
      <OutcomeNote outcome={outcome} done={done} onReload={onDone} />
    </form>
  );
}

function SetOrganisationPredicate({ unit, periodId, onDone }: { unit: UnitCurve; periodId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [predicate, setPredicate] = useState<OrganisationPredicate>(unit.organisationPredicate ?? 'BAIK');
  const [basis, setBasis] = useState('');
  return (
    <CommandForm
      title={t('monitoring.kurva.setTitle')}
      submitLabel={t('monitoring.kurva.setSubmit')}
      done={t('monitoring.kurva.setDone')}
      text={{ id: 'dasar-predikat', field: 'basis', label: t('monitoring.kurva.basis'), value: basis, onChange: setBasis }}
      send={() =>
        api.evaluation.PUT('/periods/{periodId}/units/{unitId}/organisation-predicate', {
          params: { path: { periodId, unitId: unit.unitId } },
          body: { predicate, ...(basis.trim() ? { basis } : {}) },
        })
      }
      onDone={onDone}
    >
      <SelectField id="predikat-organisasi" label={t('monitoring.kurva.orgPredicate')} value={predicate} onChange={(value) => setPredicate(value as OrganisationPredicate)} options={ORGANISATION_PREDICATES.map((p) => [p, t(`monitoring.org.${p}`)] as const)} />
    </CommandForm>
  );
}

function Finalize({ unit, periodId, onDone }: { unit: UnitCurve; periodId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [justification, setJustification] = useState('');
  const breaks = unit.check !== null && !unit.check.passed;
  return (
    <CommandForm
      title={t('monitoring.kurva.finalizeTitle')}
      submitLabel={t('monitoring.kurva.finalizeSubmit')}
      done={t('monitoring.kurva.finalizeDone')}
      text={{ id: 'alasan-penetapan', field: 'justification', label: t('monitoring.kurva.justification'), value: justification, onChange: setJustification, rows: 4 }}
      send={() =>
        api.evaluation.POST('/periods/{periodId}/units/{unitId}/finalization', {
          params: { path: { periodId, unitId: unit.unitId } },
          body: justification.trim() ? { justification } : {},
        })
      }
      onDone={onDone}
    >
      <p>{breaks ? (unit.enforcement === 'WARN' ? t('monitoring.kurva.finalizeWarn') : t('monitoring.kurva.finalizeBlock')) : t('monitoring.kurva.finalizeFits')}</p>
      {unit.unrated > 0 && <p className="note note-pending">{t('monitoring.kurva.finalizeUnrated', { count: unit.unrated })}</p>}
    </CommandForm>
  );
}
