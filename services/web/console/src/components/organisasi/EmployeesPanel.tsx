import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, outcomeOf, type Outcome } from '../../api/client';
import type { EmployeeListItem, EmployeeRecord } from '../../api/hr-types';
import { useLoad } from '../../hooks';
import { LoadError } from '../LoadError';
import { InputField, OtherFieldErrors, OutcomeNote } from '../Outcome';
import { DataTable } from '../TableRegion';
import { SelectField } from '../SelectField';

/** Search the agency's employees by name or NIP and edit a record (name, status, golongan, TMT golongan) through PATCH. */
export function EmployeesPanel({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<{ total: number; items: EmployeeListItem[] } | null>(null);
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const search = async (e?: FormEvent) => {
    e?.preventDefault();
    const res = await api.workPlanning.GET('/employees', { params: { query: { q: q || undefined, agencyId, limit: 20 } as never } });
    if (res.response.ok) {
      setResult(res.data as unknown as { total: number; items: EmployeeListItem[] });
      setError(null);
    } else setError({ status: res.response.status, message: (res.error as { message?: string } | undefined)?.message ?? '' });
  };
  return (
    <section className="card" aria-labelledby="pegawai">
      <h2 id="pegawai">{t('organisasi.employees.title')}</h2>
      <form className="row" onSubmit={(e) => void search(e)} role="search">
        <label htmlFor="cari-pegawai" className="visually-hidden">
          {t('organisasi.employees.search')}
        </label>
        <input id="cari-pegawai" type="search" placeholder={t('organisasi.employees.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('organisasi.employees.searchButton')}</button>
      </form>
      {error && <LoadError status={error.status} message={error.message} />}
      {result && result.items.length === 0 && <p>{t('organisasi.employees.none')}</p>}
      {result && result.items.length > 0 && (
        <>
          <p role="status">{t('organisasi.employees.total', { count: result.total })}</p>
          <DataTable label={t('organisasi.employees.title')} caption="none" columns={[t('organisasi.employees.columns.nip'), t('organisasi.employees.columns.name'), t('organisasi.employees.columns.golongan'), t('organisasi.employees.columns.position'), t('organisasi.employees.columns.action')]}>
            {result.items.map((e) => (
              <tr key={e.nip}>
                <td>{e.nip}</td>
                <td>{e.name}</td>
                <td>{[e.golongan, e.pangkat].filter(Boolean).join(' · ') || '—'}</td>
                <td>{e.jabatan ?? '—'}</td>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(e.nip)}>
                    {t('organisasi.employees.edit', { name: e.name })}
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      {editing && <EmployeeEditor key={editing} nip={editing} onDone={() => void search()} onClose={() => setEditing(null)} />}
    </section>
  );
}

function EmployeeEditor({ nip, onDone, onClose }: { nip: string; onDone(): void; onClose(): void }) {
  const { t } = useTranslation();
  const record = useLoad<EmployeeRecord>(() => api.workPlanning.GET('/employees/{nip}', { params: { path: { nip } } }), [nip]);
  const [form, setForm] = useState<{ name: string; status: string; golongan: string; tmtGolongan: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome<EmployeeRecord> | null>(null);
  useEffect(() => {
    const e = record.data;
    if (e) setForm({ name: e.name, status: e.status, golongan: e.golongan ?? '', tmtGolongan: e.tmtGolongan ?? '' });
  }, [record.data]);
  if (record.error !== undefined) return <LoadError status={record.status} message={record.error} />;
  if (!form) return null;
  const errors = fieldErrors(outcome);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name: form.name, status: form.status, golongan: form.golongan || null, tmtGolongan: form.tmtGolongan || null };
    const result = outcomeOf<EmployeeRecord>(await api.workPlanning.PATCH('/employees/{nip}', { params: { path: { nip } }, body: body as never }));
    setOutcome(result);
    if (result.kind === 'done') onDone();
  };
  const field = (name: 'name' | 'golongan' | 'tmtGolongan', label: string, type = 'text', hint?: string) => (
    <InputField id={`ubah-${name}`} label={label} value={form[name]} onChange={(value) => setForm({ ...form, [name]: value })} error={errors[name]} hint={hint} input={{ type }} />
  );
  return (
    <form className="card narrow" onSubmit={(e) => void save(e)} noValidate aria-labelledby="ubah-pegawai">
      <h3 id="ubah-pegawai">{t('organisasi.employees.editing', { name: form.name })}</h3>
      <p className="muted">NIP {nip}</p>
      {field('name', t('organisasi.employees.name'))}
      <SelectField id="ubah-status" label={t('organisasi.employees.status')} value={form.status} onChange={(status) => setForm({ ...form, status })} options={[['PNS', 'PNS'], ['PPPK', 'PPPK']]} />
      {field('golongan', t('organisasi.employees.golongan'), 'text', t('organisasi.employees.golonganHint'))}
      {field('tmtGolongan', t('organisasi.employees.tmtGolongan'), 'date')}
      <OtherFieldErrors outcome={outcome} shown={['name', 'golongan', 'tmtGolongan']} />
      <OutcomeNote outcome={outcome} done={t('organisasi.employees.saved')} />
      <div className="actions">
        <button type="submit">{t('organisasi.employees.save')}</button>
        <button type="button" className="link" onClick={onClose}>
          {t('organisasi.employees.cancel')}
        </button>
      </div>
    </form>
  );
}
