import { useEffect, useRef, useState, type ReactNode } from 'react';
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
  const { pathname } = useLocation();
  const unread = useUnreadCount(`${pathname}|${active ? grantKeyOf(active) : ''}`);
  // On a phone the menu and the account block fold behind one button (styles.css); a page opened from it folds them again.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [pathname]);
  // The pages the active role opens, in the menu's order: path, label, and whether only the path itself is the page.
  const menu: [to: string, label: string, shown: boolean, end?: boolean][] = [
    ['/', 'nav.beranda', true, true],
    ['/skp', 'nav.skp', true],
    ['/realisasi', 'nav.realisasi', true],
    ['/penilaian', 'nav.penilaian', true],
    ['/capaian-layanan', 'layanan.nav', supervisor || active?.role === 'EMPLOYEE', true],
    ['/umpan-balik', 'nav.umpanBalik', !supervisor],
    ['/karier', 'nav.karier', !supervisor],
    ['/tim', 'nav.tim', supervisor],
    ['/tim/pohon', 'pohon.nav', supervisor],
    ['/keberatan', 'nav.keberatan', supervisor],
    ['/organisasi', 'organisasi.nav', hr],
    ['/periode', 'periode.nav', hr],
    ['/monitoring-kurva', 'monitoring.navKurva', supervisor || overseer],
    ['/capaian-layanan/unit', 'layanan.navUnit', supervisor || overseer],
    ['/dasbor', 'monitoring.navDasbor', overseer],
    ['/sdm/karier', 'karierSdm.navLink', isCareerHr(active?.role)],
    ['/audit', 'audit.nav', auditor],
  ];
  const links = menu.filter(([, , shown]) => shown).map(([to, key, , end]) => [to, key, end] as const);
  const label = (g: Grant) => `${t(`roles.${g.role}`)}${g.agencyId && g.role !== 'EMPLOYEE' && g.role !== 'SUPERVISOR' ? ` (${g.agencyId})` : ''}`;
  return (
    <>
      <a className="skip-link" href="#konten">
        {t('app.skip')}
      </a>
      <header
        className={menuOpen ? 'top menu-open' : 'top'}
        onKeyDown={(e) => {
          // Escape folds the open menu and returns to its button.
          if (e.key === 'Escape' && menuOpen) {
            setMenuOpen(false);
            menuButton.current?.focus();
          }
        }}
      >
        <div className="brand">
          <strong>{t('app.name')}</strong> <span className="muted">{t('app.tagline')}</span>
        </div>
        <button
          ref={menuButton}
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="menu-panel"
          aria-label={unread ? t('nav.menuUnread', { count: unread }) : t('nav.menu')}
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('nav.menu')}
          {unread ? (
            <span className="unread-count" aria-hidden="true">
              {unread}
            </span>
          ) : null}
        </button>
        <div id="menu-panel" className="menu-panel">
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
              {links.map(([to, key, end]) => (
                <li key={to}>
                  <NavLink to={to} end={end}>
                    {t(key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="konten" tabIndex={-1}>
        {children}
      </main>
      <footer className="muted">{t('app.timeZone', { zone: cityTimeZone() })}</footer>
    </>
  );
}
