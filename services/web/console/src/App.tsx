import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { signInUrl } from './api/client';
import { Layout } from './components/Layout';
import { SessionProvider, useSession } from './session';

// Each page is its own chunk: the first load carries only the shell and the page it opens.
const SignIn = lazy(() => import('./pages/SignIn'));
const Beranda = lazy(() => import('./pages/Beranda'));
const SkpList = lazy(() => import('./pages/SkpList'));
const SkpEditor = lazy(() => import('./pages/SkpEditor'));
const TeamBoard = lazy(() => import('./pages/TeamBoard'));
const Realisasi = lazy(() => import('./pages/Realisasi'));
const Penilaian = lazy(() => import('./pages/Penilaian'));
const RatingPage = lazy(() => import('./pages/RatingPage'));
const Keberatan = lazy(() => import('./pages/Keberatan'));
const UmpanBalik = lazy(() => import('./pages/UmpanBalik'));
const Karier = lazy(() => import('./pages/Karier'));
const SkpReview = lazy(() => import('./pages/SkpReview'));
const PohonKinerja = lazy(() => import('./pages/PohonKinerja'));
const AnggotaTim = lazy(() => import('./pages/AnggotaTim'));
const Organisasi = lazy(() => import('./pages/Organisasi'));
const Periode = lazy(() => import('./pages/Periode'));
const MonitoringKurva = lazy(() => import('./pages/MonitoringKurva'));
const Dasbor = lazy(() => import('./pages/Dasbor'));
const SdmKelayakan = lazy(() => import('./pages/sdm/Kelayakan'));
const SdmKeputusan = lazy(() => import('./pages/sdm/Keputusan'));
const SdmPengembangan = lazy(() => import('./pages/sdm/Pengembangan'));
const SdmPerbaikan = lazy(() => import('./pages/sdm/Perbaikan'));
const SdmPetaTalenta = lazy(() => import('./pages/sdm/PetaTalenta'));
const SdmRiwayatPegawai = lazy(() => import('./pages/sdm/RiwayatPegawai'));
const AuditDigest = lazy(() => import('./pages/AuditDigest'));
const AuditTimeline = lazy(() => import('./pages/AuditTimeline'));
const AuditEvent = lazy(() => import('./pages/AuditEvent'));
const Layanan = lazy(() => import('./pages/Layanan'));
const LayananUnit = lazy(() => import('./pages/LayananUnit'));
const Notifikasi = lazy(() => import('./pages/Notifikasi'));
const NotifikasiPengaturan = lazy(() => import('./pages/NotifikasiPengaturan'));

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

function NotFound() {
  const { t } = useTranslation();
  return <p>{t('errors.notFound')}</p>;
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
            <Route path="/" element={<Protected><Beranda /></Protected>} />
            <Route path="/skp" element={<Protected><SkpList /></Protected>} />
            <Route path="/skp/:skpId" element={<Protected><SkpEditor /></Protected>} />
            <Route path="/realisasi" element={<Protected><Realisasi /></Protected>} />
            <Route path="/layanan" element={<Protected><Layanan /></Protected>} />
            <Route path="/layanan/unit" element={<Protected><LayananUnit /></Protected>} />
            <Route path="/penilaian" element={<Protected><Penilaian /></Protected>} />
            <Route path="/penilaian/:periodId/:nip" element={<Protected><RatingPage /></Protected>} />
            <Route path="/umpan-balik" element={<Protected><UmpanBalik /></Protected>} />
            <Route path="/karier" element={<Protected><Karier /></Protected>} />
            <Route path="/keberatan" element={<Protected><Keberatan /></Protected>} />
            <Route path="/tim" element={<Protected><TeamBoard /></Protected>} />
            <Route path="/tim/skp/:skpId" element={<Protected><SkpReview /></Protected>} />
            <Route path="/tim/pohon" element={<Protected><PohonKinerja /></Protected>} />
            <Route path="/tim/anggota/:nip" element={<Protected><AnggotaTim /></Protected>} />
            <Route path="/organisasi" element={<Protected><Organisasi /></Protected>} />
            <Route path="/periode" element={<Protected><Periode /></Protected>} />
            <Route path="/monitoring-kurva" element={<Protected><MonitoringKurva /></Protected>} />
            <Route path="/dasbor" element={<Protected><Dasbor /></Protected>} />
            <Route path="/sdm/karier" element={<Navigate to="/sdm/karier/kelayakan" replace />} />
            <Route path="/sdm/karier/kelayakan" element={<Protected><SdmKelayakan /></Protected>} />
            <Route path="/sdm/karier/keputusan" element={<Protected><SdmKeputusan /></Protected>} />
            <Route path="/sdm/karier/pengembangan" element={<Protected><SdmPengembangan /></Protected>} />
            <Route path="/sdm/karier/perbaikan" element={<Protected><SdmPerbaikan /></Protected>} />
            <Route path="/sdm/karier/talenta" element={<Protected><SdmPetaTalenta /></Protected>} />
            <Route path="/sdm/karier/pegawai/:nip" element={<Protected><SdmRiwayatPegawai /></Protected>} />
            <Route path="/audit" element={<Protected><AuditDigest /></Protected>} />
            <Route path="/audit/pegawai/:nip" element={<Protected><AuditTimeline /></Protected>} />
            <Route path="/audit/peristiwa" element={<Protected><AuditEvent /></Protected>} />
            <Route path="/notifikasi" element={<Protected><Notifikasi /></Protected>} />
            <Route path="/notifikasi/pengaturan" element={<Protected><NotifikasiPengaturan /></Protected>} />
            <Route path="*" element={<Protected><NotFound /></Protected>} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </SessionProvider>
  );
}
