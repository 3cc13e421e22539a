import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, outcomeOf, type Outcome } from '../../api/client';
import type { RoleGrant, RoleGrantHistory } from '../../api/hr-types';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import { useSession } from '../../session';
import { LoadError } from '../LoadError';
import { FieldMessage, OtherFieldErrors, OutcomeNote } from '../Outcome';
import { DataTable } from '../TableRegion';
import { SelectField } from '../SelectField';

const ROLES = ['ADMIN_OPD', 'PPK', 'ADMIN_CITY', 'AUDITOR'] as const;

/** The role grants of an agency in force, each person's history, and grant/revoke for the city's administrators. */
export function GrantsPanel({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const city = session?.active?.role === 'ADMIN_CITY';
  const grants = useLoad<{ grants: RoleGrant[] }>(() => api.workPlanning.GET('/role-grants', { params: { query: { agencyId } as never } }), [agencyId]);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<Outcome<unknown> | null>(null);
  const roleName = (g: { role: string; agencyId: string | null }) => `${t(`roles.${g.role}`, { defaultValue: g.role })}${g.agencyId ? ` (${g.agencyId})` : ''}`;
  const revoke = async (g: RoleGrant) => {
    const result = outcomeOf(await api.workPlanning.DELETE('/role-grants/{nip}/{grant}', { params: { path: { nip: g.nip, grant: g.key } } }));
    setRevoked(result);
    if (result.kind === 'done') void grants.reload();
  };
  return (
    <section className="card" aria-labelledby="peran">
      <h2 id="peran">{t('organisasi.grants.title')}</h2>
      <p className="muted">{t('organisasi.grants.hint')}</p>
      {grants.error !== undefined && <LoadError status={grants.status} message={grants.error} onRetry={grants.reload} />}
      {grants.data && grants.data.grants.length === 0 && <p>{t('organisasi.grants.empty')}</p>}
      {grants.data && grants.data.grants.length > 0 && (
        <DataTable label={t('organisasi.grants.caption')} columns={[t('organisasi.grants.columns.nip'), t('organisasi.grants.columns.role'), t('organisasi.grants.columns.grantedBy'), t('organisasi.grants.columns.grantedAt'), t('organisasi.grants.columns.action')]}>
          {grants.data.grants.map((g) => (
            <tr key={`${g.nip}-${g.key}`}>
              <td>{g.nip}</td>
              <td>{roleName(g)}</td>
              <td>{g.grantedBy}</td>
              <td>{formatDateTime(g.grantedAt)}</td>
              <td>
                <button type="button" className="link" onClick={() => setHistoryOf(g.nip)}>
                  {t('organisasi.grants.history', { nip: g.nip })}
                </button>
                {city && (
                  <button type="button" className="link" onClick={() => void revoke(g)}>
                    {t('organisasi.grants.revoke', { role: roleName(g), nip: g.nip })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <OutcomeNote outcome={revoked} done={t('organisasi.grants.revoked')} onReload={grants.reload} />
      {historyOf && <History nip={historyOf} />}
      {city ? <GrantForm agencyId={agencyId} onGranted={(nip) => (void grants.reload(), setHistoryOf(nip))} /> : <p className="muted">{t('organisasi.grants.cityOnly')}</p>}
    </section>
  );
}

function History({ nip }: { nip: string }) {
  const { t } = useTranslation();
  const history = useLoad<RoleGrantHistory>(() => api.workPlanning.GET('/role-grants/{nip}/history', { params: { path: { nip } } }), [nip]);
  if (history.error !== undefined) return <LoadError status={history.status} message={history.error} onRetry={history.reload} />;
  if (!history.data) return null;
  return (
    <DataTable label={t('organisasi.grants.historyCaption', { nip })} columns={[t('organisasi.grants.historyColumns.at'), t('organisasi.grants.historyColumns.change'), t('organisasi.grants.historyColumns.role'), t('organisasi.grants.historyColumns.by'), t('organisasi.grants.historyColumns.reason')]}>
      {history.data.history.map((h, i) => (
        <tr key={i}>
          <td>{formatDateTime(h.at)}</td>
          <td>{t(`organisasi.grants.change.${h.change}`)}</td>
          <td>
            {t(`roles.${h.role}`, { defaultValue: h.role })}
            {h.agencyId ? ` (${h.agencyId})` : ''}
          </td>
          <td>{h.by}</td>
          <td>{h.reason ?? '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function GrantForm({ agencyId, onGranted }: { agencyId: string; onGranted(nip: string): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ nip: '', role: 'ADMIN_OPD', reason: '' });
  const [outcome, setOutcome] = useState<Outcome<unknown> | null>(null);
  const errors = fieldErrors(outcome);
  const withAgency = form.role === 'ADMIN_OPD' || form.role === 'PPK';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { nip: form.nip.trim(), role: form.role, ...(withAgency ? { agencyId } : {}), ...(form.reason.trim() ? { reason: form.reason.trim() } : {}) };
    const result = outcomeOf(await api.workPlanning.POST('/role-grants', { body: body as never }));
    setOutcome(result);
    if (result.kind === 'done') {
      onGranted(body.nip);
      setForm({ nip: '', role: form.role, reason: '' });
    }
  };
  const input = (name: 'nip' | 'reason', label: string) => (
    <div className="field">
      <label htmlFor={`peran-${name}`}>{label}</label>
      <input
        id={`peran-${name}`}
        value={form[name]}
        inputMode={name === 'nip' ? 'numeric' : undefined}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        {...(errors[name] ? { 'aria-invalid': true, 'aria-describedby': `peran-${name}-error` } : {})}
      />
      <FieldMessage id={`peran-${name}-error`} message={errors[name]} />
    </div>
  );
  return (
    <form className="narrow" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset>
        <legend>{t('organisasi.grants.grant')}</legend>
        {input('nip', t('organisasi.grants.nip'))}
        <SelectField id="peran-role" label={t('organisasi.grants.role')} value={form.role} onChange={(value) => setForm({ ...form, role: value })} options={ROLES.map((r) => [r, t(`roles.${r}`)] as const)} />
        <p>
          {t('organisasi.grants.grantAgency')}: <strong>{withAgency ? agencyId : t('organisasi.grants.city')}</strong>
        </p>
        {input('reason', t('organisasi.grants.reason'))}
        <OtherFieldErrors outcome={outcome} shown={['nip', 'reason']} />
        <OutcomeNote outcome={outcome} done={t('organisasi.grants.granted')} />
        <button type="submit">{t('organisasi.grants.submit')}</button>
      </fieldset>
    </form>
  );
}
