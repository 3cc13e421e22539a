import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { LoadError } from '../components/LoadError';
import { useLoad, useTitle } from '../hooks';
import { Delivery, NOTIFICATION_KINDS, NotificationKind, NotificationPreferences } from '../notifications';

const DELIVERIES: Delivery[] = ['EMAIL', 'DIGEST', 'CONSOLE'];

/** How each kind of my notifications reaches me besides the console: e-mail each, a daily digest, or the console only. */
export default function NotifikasiPengaturan() {
  const { t } = useTranslation();
  useTitle(t('notifikasi.preferences.title'));
  const loaded = useLoad<NotificationPreferences>(() => api.evaluation.GET('/notifications/preferences'), []);
  const [choices, setChoices] = useState<Partial<Record<NotificationKind, Delivery>>>({});
  const [state, setState] = useState<{ saving: boolean; saved: boolean; error?: string }>({ saving: false, saved: false });
  useEffect(() => {
    if (loaded.data) setChoices(Object.fromEntries(loaded.data.preferences.map((p) => [p.kind, p.delivery])));
  }, [loaded.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setState({ saving: true, saved: false });
    const preferences = NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: choices[kind] ?? 'EMAIL' }));
    const { response, error } = await api.evaluation.PUT('/notifications/preferences', { body: { preferences } });
    setState(response.ok ? { saving: false, saved: true } : { saving: false, saved: false, error: (error as { message?: string } | undefined)?.message ?? '' });
  };

  return (
    <>
      <h1>{t('notifikasi.preferences.title')}</h1>
      <p>
        <Link to="/notifikasi">{t('notifikasi.title')}</Link>
      </p>
      <p>{t('notifikasi.preferences.intro')}</p>
      {loaded.error !== undefined && <LoadError status={loaded.status} message={loaded.error} onRetry={loaded.reload} />}
      {loaded.data && !loaded.data.emailKnown && <p className="card">{t('notifikasi.preferences.noEmail')}</p>}
      {loaded.data && (
        <form onSubmit={(e) => void save(e)}>
          {NOTIFICATION_KINDS.map((kind) => (
            <fieldset key={kind} className="card">
              <legend>{t(`notifikasi.preferences.kinds.${kind}`)}</legend>
              {DELIVERIES.map((delivery) => (
                <label key={delivery} style={{ display: 'block' }}>
                  <input type="radio" name={kind} value={delivery} checked={(choices[kind] ?? 'EMAIL') === delivery} onChange={() => setChoices((c) => ({ ...c, [kind]: delivery }))} />{' '}
                  {t(`notifikasi.preferences.deliveries.${delivery}`)}
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit" disabled={state.saving}>
            {t('notifikasi.preferences.save')}
          </button>
          <p role="status">{state.saved ? t('notifikasi.preferences.saved') : ''}</p>
          {state.error !== undefined && <p role="alert">{state.error}</p>}
        </form>
      )}
    </>
  );
}
