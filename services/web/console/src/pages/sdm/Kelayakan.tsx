import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, fieldErrors, outcomeOf, type Outcome } from '../../api/client';
import { FieldMessage, OtherFieldErrors, OutcomeNote } from '../../components/Outcome';
import { LoadError } from '../../components/LoadError';
import { cityToday, formatDate } from '../../format';
import { useLoad, useNarrowScreen } from '../../hooks';
import { useSession } from '../../session';
import { CareerHrPage, PersonName, useAgency } from './shared';
import { ELIGIBILITY_RULES, type DecisionItem, type EligibilityItem, type EligibilityList, type EligibilityRule } from './types';
import { DataTable } from '../../components/TableRegion';
import { SelectField } from '../../components/SelectField';

/** The next kenaikan pangkat period (1 April or 1 October) from a date. */
export function nextKpPeriod(today: string): string {
  const year = Number(today.slice(0, 4));
  const candidates = [`${year}-04-01`, `${year}-10-01`, `${year + 1}-04-01`];
  return candidates.find((d) => d >= today)!;
}

const defaultAsOf = (rule: EligibilityRule) => (rule === 'KENAIKAN_PANGKAT' ? nextKpPeriod(cityToday()) : cityToday());

/** Eligibility lists (kenaikan pangkat, KGB, awards) as of a date, with the reason for each person in or out; HR proposes from here. */
export default function Kelayakan() {
  const { t } = useTranslation();
  const { session } = useSession();
  const agency = useAgency();
  const { agencyId } = agency;
  const role = session?.active?.role;
  const proposes = role === 'ADMIN_OPD' || role === 'ADMIN_CITY';
  const [rule, setRule] = useState<EligibilityRule>('KENAIKAN_PANGKAT');
  const [asOf, setAsOf] = useState(defaultAsOf('KENAIKAN_PANGKAT'));
  const [query, setQuery] = useState({ rule, asOf });
  const list = useLoad<EligibilityList>(
    () => api.careerDecisions.GET('/agencies/{agencyId}/eligibility', { params: { path: { agencyId }, query: query as never } }),
    [agencyId, query.rule, query.asOf],
  );
  const [proposing, setProposing] = useState<EligibilityItem | null>(null);
  // A large agency lists hundreds: the filter narrows both lists to a name or NIP, the counts above stay the agency's.
  const [filter, setFilter] = useState('');
  const shown = (list.data?.employees ?? []).filter(matching(filter));
  const eligible = shown.filter((e) => e.eligible);
  const notEligible = shown.filter((e) => !e.eligible);
  const narrow = useNarrowScreen();
  const reasons = (e: EligibilityItem) => (
    <>
      <ul className="reasons">
        {e.met.map((m) => (
          <li key={m} className="reasons-met">
            {t('karierSdm.eligibility.metItem', { text: m })}
          </li>
        ))}
        {e.unmet.map((m) => (
          <li key={m} className="reasons-unmet">
            {t('karierSdm.eligibility.unmetItem', { text: m })}
          </li>
        ))}
      </ul>
      {e.provisionalYears.length > 0 && <p className="muted">{t('karierSdm.eligibility.provisional', { years: e.provisionalYears.join(', ') })}</p>}
    </>
  );
  const propose = (e: EligibilityItem) => (
    <button type="button" onClick={() => setProposing(e)} aria-label={t('karierSdm.eligibility.proposeFor', { rule: t(`karierSdm.rules.${e.rule}`), name: e.name ?? e.nip })}>
      {t('karierSdm.eligibility.propose')}
    </button>
  );
  // A phone: one card per person, the reasons at the card's full width (in a table they wrapped a word a line beside the NIP).
  const cards = (items: EligibilityItem[], caption: string, inList: boolean) => (
    <section aria-labelledby={`kelayakan-${inList ? 'in' : 'out'}`}>
      <h2 id={`kelayakan-${inList ? 'in' : 'out'}`}>{caption}</h2>
      <ul className="plain">
        {items.map((e) => (
          <li key={e.nip} className="card person-card">
            <p>
              <strong>
                <PersonName nip={e.nip} name={e.name} />
              </strong>
            </p>
            {reasons(e)}
            {inList && proposes && propose(e)}
          </li>
        ))}
      </ul>
    </section>
  );
  const listOf = (items: EligibilityItem[], caption: string, inList: boolean) =>
    narrow ? (
      cards(items, caption, inList)
    ) : (
      <DataTable label={caption} columns={[t('karierSdm.person'), t('karierSdm.eligibility.why'), ...(inList && proposes ? [t('karierSdm.eligibility.action')] : [])]}>
        {items.map((e) => (
          <tr key={e.nip}>
            <th scope="row">
              <PersonName nip={e.nip} name={e.name} />
            </th>
            <td>{reasons(e)}</td>
            {inList && proposes && <td>{propose(e)}</td>}
          </tr>
        ))}
      </DataTable>
    );
  return (
    <CareerHrPage title={t('karierSdm.eligibility.title')} agency={agency}>
      <p>{t('karierSdm.eligibility.intro')}</p>
      <form
        className="card row"
        onSubmit={(e) => {
          e.preventDefault();
          setProposing(null);
          setQuery({ rule, asOf });
        }}
      >
        <SelectField
          id="kelayakan-rule"
          label={t('karierSdm.eligibility.rule')}
          value={rule}
          onChange={(value) => {
            const next = value as EligibilityRule;
            setRule(next);
            setAsOf(defaultAsOf(next));
          }}
          options={ELIGIBILITY_RULES.map((r) => [r, t(`karierSdm.rules.${r}`)] as const)}
        />
        <div className="field">
          <label htmlFor="kelayakan-asof">{rule === 'KENAIKAN_PANGKAT' ? t('karierSdm.eligibility.period') : t('karierSdm.eligibility.asOf')}</label>
          <input id="kelayakan-asof" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </div>
        <button type="submit">{t('karierSdm.eligibility.show')}</button>
      </form>
      {list.error !== undefined && <LoadError status={list.status} message={list.error} onRetry={list.reload} />}
      {list.data && (
        <>
          <p role="status">
            {t('karierSdm.eligibility.summary', {
              rule: t(`karierSdm.rules.${list.data.rule}`),
              date: formatDate(list.data.asOf),
              eligible: list.data.eligibleCount,
              total: list.data.employees.length,
              version: list.data.ruleSetVersion,
            })}
          </p>
          <div className="field">
            <label htmlFor="kelayakan-saring">{t('karierSdm.eligibility.filter')}</label>
            <input id="kelayakan-saring" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} aria-describedby="kelayakan-saring-hasil" />
            <p id="kelayakan-saring-hasil" className="muted" aria-live="polite">
              {filter.trim() ? t('karierSdm.eligibility.filtered', { shown: shown.length, total: list.data.employees.length }) : ''}
            </p>
          </div>
          {proposing && <ProposeForm item={proposing} agencyId={agencyId} onClose={() => setProposing(null)} />}
          {eligible.length > 0 ? (
            listOf(eligible, t('karierSdm.eligibility.in'), true)
          ) : (
            <p>{filter.trim() && list.data.eligibleCount > 0 ? t('karierSdm.eligibility.noneInFiltered') : t('karierSdm.eligibility.noneIn')}</p>
          )}
          {notEligible.length > 0 && listOf(notEligible, t('karierSdm.eligibility.out'), false)}
        </>
      )}
    </CareerHrPage>
  );
}

/** Whether a person's name or NIP contains the text typed (case and surrounding spaces ignored). */
export function matching(filter: string): (e: Pick<EligibilityItem, 'nip' | 'name'>) => boolean {
  const needle = filter.trim().toLocaleLowerCase('id');
  if (!needle) return () => true;
  return (e) => e.nip.includes(needle) || (e.name ?? '').toLocaleLowerCase('id').includes(needle);
}

function ProposeForm({ item, agencyId, onClose }: { item: EligibilityItem; agencyId: string; onClose(): void }) {
  const { t } = useTranslation();
  const prefix = { KENAIKAN_PANGKAT: 'KP', KGB_PPPK: 'KGB', KENAIKAN_GAJI_ISTIMEWA_PPPK: 'KGI', PENGHARGAAN: 'PH' }[item.rule];
  const [decisionId, setDecisionId] = useState(`${prefix}-${item.asOf.slice(0, 7)}-${item.nip.slice(-6)}`);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<Outcome<DecisionItem> | null>(null);
  const errors = fieldErrors(outcome);
  // Opened from a row far down a long list: focus (and so the screen) moves to the form, which sits above the lists.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), [item.nip, item.rule]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await api.careerDecisions.POST('/agencies/{agencyId}/decisions', {
      params: { path: { agencyId } },
      body: { decisionId, kind: item.rule, nip: item.nip, effectiveDate: item.asOf, ...(note.trim() ? { note: note.trim() } : {}) } as never,
    });
    setOutcome(outcomeOf<DecisionItem>(result));
  };
  return (
    <section className="card" aria-labelledby="usulan-title">
      <h2 id="usulan-title" ref={title} tabIndex={-1}>{t('karierSdm.eligibility.proposeTitle', { rule: t(`karierSdm.rules.${item.rule}`), name: item.name ?? item.nip })}</h2>
      <p>{t('karierSdm.eligibility.proposeIntro', { date: formatDate(item.asOf) })}</p>
      {outcome?.kind === 'done' ? (
        <div className="note note-ok" role="status">
          <p>{t('karierSdm.eligibility.proposed', { id: outcome.data.decisionId })}</p>
          <Link to={`/sdm/karier/keputusan#keputusan-${encodeURIComponent(outcome.data.decisionId)}`}>{t('karierSdm.eligibility.toRegister')}</Link>
        </div>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor="usulan-nomor">{t('karierSdm.eligibility.decisionId')}</label>
            <input
              id="usulan-nomor"
              value={decisionId}
              onChange={(e) => setDecisionId(e.target.value)}
              {...(errors.decisionId ? { 'aria-invalid': true, 'aria-describedby': 'usulan-nomor-error' } : {})}
            />
            <FieldMessage id="usulan-nomor-error" message={errors.decisionId} />
          </div>
          <div className="field">
            <label htmlFor="usulan-catatan">{t('karierSdm.eligibility.note')}</label>
            <textarea id="usulan-catatan" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <OtherFieldErrors outcome={outcome} shown={['decisionId']} />
          <OutcomeNote outcome={outcome} />
          <div className="actions">
            <button type="submit">{t('karierSdm.eligibility.submitProposal')}</button>
            <button type="button" className="link" onClick={onClose}>
              {t('karierSdm.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
