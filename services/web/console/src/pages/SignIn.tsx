import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { authFetch, grantKeyOf, useSession, type Grant, type SessionView } from '../session';

interface Person {
  nip: string;
  name: string;
  agencyId: string;
  jabatan: string | null;
  unitKerja: string | null;
}

/** `?kembali=` is a path inside the console, or the start page. */
function returnPath(value: string | null): string {
  return value && /^\/(?![/\\])/.test(value) && !value.startsWith('/masuk') ? value : '/';
}

export default function SignIn() {
  const { t } = useTranslation();
  const { session, apply } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const back = returnPath(params.get('kembali'));
  const error = params.get('galat');

  useEffect(() => {
    document.title = `${t('signIn.title')} · Kinerja`;
  }, [t]);
  useEffect(() => {
    if (session?.signedIn) navigate(back, { replace: true });
  }, [session, back, navigate]);

  if (!session) return <p>{t('app.loading')}</p>;
  return (
    <section className="card narrow">
      <h1>{t('signIn.title')}</h1>
      {params.has('kembali') && <p className="note note-pending">{t('signIn.expired')}</p>}
      {error === 'penyedia' && <p className="note note-error">{t('signIn.providerError')}</p>}
      {session.mode === 'oidc' ? (
        <>
          <p>{t('signIn.oidcHint')}</p>
          <a className="button" href={`/auth/login?returnTo=${encodeURIComponent(back)}`}>
            {t('signIn.oidc')}
          </a>
        </>
      ) : (
        <DevSignIn onSignedIn={(view) => apply(view)} />
      )}
    </section>
  );
}

function DevSignIn({ onSignedIn }: { onSignedIn(view: SessionView): void }) {
  const { t } = useTranslation();
  const searchId = useId();
  const [q, setQ] = useState('');
  const [people, setPeople] = useState<Person[] | null>(null);
  /** Whether the list shown answers a search with words (else: everyone, and nobody means an empty city). */
  const [searched, setSearched] = useState(false);
  const [chosen, setChosen] = useState<{ nip: string; name: string; grants: Grant[] } | null>(null);
  const [role, setRole] = useState('');
  const [message, setMessage] = useState('');
  const latest = useRef(0);

  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    setChosen(null);
    // Only the answer to the latest search counts (an earlier one may arrive after it).
    const mine = ++latest.current;
    const res = await authFetch(`/auth/dev/people?${new URLSearchParams(q ? { q } : {})}`);
    const items = res.ok ? ((await res.json()) as { items: Person[] }).items : [];
    if (mine === latest.current) {
      setPeople(items);
      setSearched(q.trim() !== '');
    }
  };
  useEffect(() => {
    void search();
  }, []);

  const choose = async (person: Person) => {
    const mine = latest.current;
    const res = await authFetch(`/auth/dev/people/${person.nip}/roles`);
    const body = (await res.json()) as { nip: string; name: string; grants: Grant[] };
    if (mine !== latest.current) return;
    setChosen(body);
    setRole(grantKeyOf(body.grants[0]));
  };

  const signIn = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const grant = chosen.grants.find((g) => grantKeyOf(g) === role)!;
    const res = await authFetch('/auth/dev/sign-in', { method: 'POST', body: JSON.stringify({ nip: chosen.nip, ...grant }) });
    const body = await res.json();
    if (res.ok) onSignedIn(body as SessionView);
    else setMessage((body as { message?: string }).message ?? t('errors.generic'));
  };

  return (
    <>
      <p className="dev-banner" role="note">
        {t('signIn.devBanner')}
      </p>
      <form role="search" onSubmit={(e) => void search(e)} className="row">
        <label htmlFor={searchId}>{t('signIn.search')}</label>
        <input id={searchId} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        <button type="submit">{t('signIn.searchButton')}</button>
      </form>
      {people && people.length === 0 && (searched ? <p>{t('signIn.noResults')}</p> : <p className="note note-pending">{t('signIn.emptyCity')}</p>)}
      {people && people.length > 0 && (
        <ul className="people">
          {people.map((p) => (
            <li key={p.nip}>
              <button type="button" className="person" aria-pressed={chosen?.nip === p.nip} onClick={() => void choose(p)} aria-label={t('signIn.choose', { name: p.name })}>
                <strong>{p.name}</strong> <span className="muted">NIP {p.nip}</span>
                <br />
                <span className="muted">{[p.jabatan, p.unitKerja, p.agencyId].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <form onSubmit={(e) => void signIn(e)} className="card">
          <h2>{t('signIn.rolesFor', { name: chosen.name })}</h2>
          <fieldset>
            <legend>{t('signIn.roleLegend')}</legend>
            {chosen.grants.map((g) => (
              <label key={grantKeyOf(g)} className="choice">
                <input type="radio" name="role" value={grantKeyOf(g)} checked={role === grantKeyOf(g)} onChange={() => setRole(grantKeyOf(g))} />
                {t(`roles.${g.role}`)}
              </label>
            ))}
          </fieldset>
          {message && (
            <p className="note note-error" role="alert">
              {message}
            </p>
          )}
          <button type="submit">{t('signIn.submit')}</button>
        </form>
      )}
    </>
  );
}
