import { createElement, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, matchPath, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { signInUrl } from './api/client';
import { Layout } from './components/Layout';
import { SessionProvider, useSession } from './session';

// Each page is its own chunk: the first load carries only the shell and the page it opens.
type PageModule = () => Promise<{ default: ComponentType }>;
const loaders = new Map<ComponentType, () => Promise<unknown>>();
/**
 * A page loaded on demand (React.lazy), rendered directly once its chunk is here: React 19 holds a
 * Suspense boundary's content back for 300 ms after showing its fallback, so the page being opened is
 * loaded before the first render (main.tsx, `preloadPage`) and never suspends.
 */
function page(load: PageModule): ComponentType {
  let loaded: ComponentType | undefined;
  const keep = () => load().then((module) => ((loaded = module.default), module));
  const Lazy = lazy(keep);
  const Page = () => (loaded ? createElement(loaded) : createElement(Lazy));
  loaders.set(Page, keep);
  return Page;
}
const SignIn = page(() => import('./pages/SignIn'));
const Beranda = page(() => import('./pages/Beranda'));
const SkpList = page(() => import('./pages/SkpList'));
const SkpEditor = page(() => import('./pages/SkpEditor'));
const TeamBoard = page(() => import('./pages/TeamBoard'));
const Realisasi = page(() => import('./pages/Realisasi'));
const Penilaian = page(() => import('./pages/Penilaian'));
const RatingPage = page(() => import('./pages/RatingPage'));
const Keberatan = page(() => import('./pages/Keberatan'));
const UmpanBalik = page(() => import('./pages/UmpanBalik'));
const Karier = page(() => import('./pages/Karier'));
const SkpReview = page(() => import('./pages/SkpReview'));
const PohonKinerja = page(() => import('./pages/PohonKinerja'));
const AnggotaTim = page(() => import('./pages/AnggotaTim'));
const Organisasi = page(() => import('./pages/Organisasi'));
const Periode = page(() => import('./pages/Periode'));
const MonitoringKurva = page(() => import('./pages/MonitoringKurva'));
const Dasbor = page(() => import('./pages/Dasbor'));
const SdmKelayakan = page(() => import('./pages/sdm/Kelayakan'));
const SdmKeputusan = page(() => import('./pages/sdm/Keputusan'));
const SdmPengembangan = page(() => import('./pages/sdm/Pengembangan'));
const SdmPerbaikan = page(() => import('./pages/sdm/Perbaikan'));
const SdmPetaTalenta = page(() => import('./pages/sdm/PetaTalenta'));
const SdmRiwayatPegawai = page(() => import('./pages/sdm/RiwayatPegawai'));
const AuditDigest = page(() => import('./pages/AuditDigest'));
const AuditTimeline = page(() => import('./pages/AuditTimeline'));
const AuditEvent = page(() => import('./pages/AuditEvent'));
const Layanan = page(() => import('./pages/Layanan'));
const LayananUnit = page(() => import('./pages/LayananUnit'));
const Notifikasi = page(() => import('./pages/Notifikasi'));
const NotifikasiPengaturan = page(() => import('./pages/NotifikasiPengaturan'));

/** The signed-in pages by path. */
const PROTECTED: Array<[string, ComponentType]> = [
  ['/', Beranda],
  ['/skp', SkpList],
  ['/skp/:skpId', SkpEditor],
  ['/realisasi', Realisasi],
  // Not /layanan: that is the citizens' pages' address (server-rendered), so a reload would leave the console.
  ['/capaian-layanan', Layanan],
  ['/capaian-layanan/unit', LayananUnit],
  ['/penilaian', Penilaian],
  ['/penilaian/:periodId/:nip', RatingPage],
  ['/umpan-balik', UmpanBalik],
  ['/karier', Karier],
  ['/keberatan', Keberatan],
  ['/tim', TeamBoard],
  ['/tim/skp/:skpId', SkpReview],
  ['/tim/pohon', PohonKinerja],
  ['/tim/anggota/:nip', AnggotaTim],
  ['/organisasi', Organisasi],
  ['/periode', Periode],
  ['/monitoring-kurva', MonitoringKurva],
  ['/dasbor', Dasbor],
  ['/sdm/karier/kelayakan', SdmKelayakan],
  ['/sdm/karier/keputusan', SdmKeputusan],
  ['/sdm/karier/pengembangan', SdmPengembangan],
  ['/sdm/karier/perbaikan', SdmPerbaikan],
  ['/sdm/karier/talenta', SdmPetaTalenta],
  ['/sdm/karier/pegawai/:nip', SdmRiwayatPegawai],
  ['/audit', AuditDigest],
  ['/audit/pegawai/:nip', AuditTimeline],
  ['/audit/peristiwa', AuditEvent],
  ['/notifikasi', Notifikasi],
  ['/notifikasi/pengaturan', NotifikasiPengaturan],
  ['*', NotFound],
];

/**
 * The chunk of the page being opened (main.tsx renders once it is here, or failed: then React.lazy
 * asks again and its error shows as any other).
 */
export async function preloadPage(pathname: string): Promise<void> {
  const found = pathname === '/masuk' ? SignIn : PROTECTED.find(([path]) => path !== '*' && matchPath(path, pathname))?.[1];
  const load = found && loaders.get(found);
  if (load) await load().catch(() => undefined);
}

function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('app.loading')}</p>;
}

/** Signed-in pages; anyone else goes to sign-in and comes back here afterwards. */
function Protected({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Loading />;
  if (!session.signedIn) return <Navigate to={signInUrl(location.pathname + location.search)} replace />;
  return <Layout>{children}</Layout>;
}

/** An address the console has no page for (a mistyped or outdated link): says so, and the way back. */
function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('errors.notFoundTitle')}</h1>
      <p>{t('errors.notFoundPage')}</p>
      <p>
        <Link to="/">{t('errors.toBeranda')}</Link>
      </p>
    </>
  );
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route
              path="/masuk"
              element={
                <main id="konten" className="signin">
                  <SignIn />
                </main>
              }
            />
            {PROTECTED.map(([path, Page]) => (
              <Route key={path} path={path} element={<Protected><Page /></Protected>} />
            ))}
            <Route path="/sdm/karier" element={<Navigate to="/sdm/karier/kelayakan" replace />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </SessionProvider>
  );
}
