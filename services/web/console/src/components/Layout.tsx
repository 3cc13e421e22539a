import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router-dom';
import { cityTimeZone } from '../format';
import { isCareerHr } from '../pages/sdm/shared';
import { useUnreadCount } from '../notifications';
import { grantKeyOf, useSession, type Grant } from '../session';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session, switchRole, signOut } = useSession();
  const active = session?.active;
  const supervisor = active?.role === 'SUPERVISOR';
  const hr = active?.role === 'ADMIN_OPD' || active?.role === 'ADMIN_CITY';
  const overseer = active?.role === 'ADMIN_OPD' || active?.role === 'ADMIN_CITY' || active?.role === 'PPK' || active?.role === 'AUDITOR';
  const auditor = active?.role === 'AUDITOR';
  const unread = useUnreadCount(`${useLocation().pathname}|${active ? grantKeyOf(active) : ''}`);
  const label = (g: Grant) => `${t(`roles.${g.role}`)}${g.agencyId && g.role !== 'EMPLOYEE' && g.role !== 'SUPERVISOR' ? ` (${g.agencyId})` : ''}`;
  return (
    <>
      <a className="skip-link" href="#konten">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <strong>{t('app.name')}</strong> <span className="muted">{t('app.tagline')}</span>
        </div>
        {session?.user && (
          <div className="who">
            <span>
              {session.user.name} <span className="muted">({session.user.nip})</span>
            </span>
            <label>
              {t('nav.role')}{' '}
              <select
                value={active ? grantKeyOf(active) : ''}
                onChange={(e) => {
                  const grant = session.grants.find((g) => grantKeyOf(g) === e.target.value);
                  if (grant) void switchRole(grant);
                }}
              >
                {session.grants.map((g) => (
                  <option key={grantKeyOf(g)} value={grantKeyOf(g)}>
                    {label(g)}
                  </option>
                ))}
              </select>
            </label>
            <NavLink to="/notifikasi" className="notification-link" aria-label={unread ? t('notifikasi.navUnread', { count: unread }) : t('notifikasi.nav')}>
              {t('notifikasi.nav')}
              {unread ? (
                <span className="unread-count" data-testid="unread-count" aria-hidden="true">
                  {unread}
                </span>
              ) : null}
            </NavLink>
            <button type="button" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        )}
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.beranda')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/skp">{t('nav.skp')}</NavLink>
            </li>
            <li>
              <NavLink to="/realisasi">{t('nav.realisasi')}</NavLink>
            </li>
            <li>
              <NavLink to="/penilaian">{t('nav.penilaian')}</NavLink>
            </li>
            {(supervisor || active?.role === 'EMPLOYEE') && (
              <li>
                <NavLink to="/layanan" end>
                  {t('layanan.nav')}
                </NavLink>
              </li>
            )}
            {!supervisor && (
              <>
                <li>
                  <NavLink to="/umpan-balik">{t('nav.umpanBalik')}</NavLink>
                </li>
                <li>
                  <NavLink to="/karier">{t('nav.karier')}</NavLink>
                </li>
              </>
            )}
            {supervisor && (
              <li>
                <NavLink to="/tim">{t('nav.tim')}</NavLink>
              </li>
            )}
            {supervisor && (
              <li>
                <NavLink to="/tim/pohon">{t('pohon.nav')}</NavLink>
              </li>
            )}
            {supervisor && (
              <li>
                <NavLink to="/keberatan">{t('nav.keberatan')}</NavLink>
              </li>
            )}
            {hr && (
              <li>
                <NavLink to="/organisasi">{t('organisasi.nav')}</NavLink>
              </li>
            )}
            {hr && (
              <li>
                <NavLink to="/periode">{t('periode.nav')}</NavLink>
              </li>
            )}
            {(supervisor || overseer) && (
              <li>
                <NavLink to="/monitoring-kurva">{t('monitoring.navKurva')}</NavLink>
              </li>
            )}
            {(supervisor || overseer) && (
              <li>
                <NavLink to="/layanan/unit">{t('layanan.navUnit')}</NavLink>
              </li>
            )}
            {overseer && (
              <li>
                <NavLink to="/dasbor">{t('monitoring.navDasbor')}</NavLink>
              </li>
            )}
            {isCareerHr(active?.role) && (
              <li>
                <NavLink to="/sdm/karier">{t('karierSdm.navLink')}</NavLink>
              </li>
            )}
            {auditor && (
              <li>
                <NavLink to="/audit">{t('audit.nav')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="konten" tabIndex={-1}>
        {children}
      </main>
      <footer className="muted">{t('app.timeZone', { zone: cityTimeZone() })}</footer>
    </>
  );
}
