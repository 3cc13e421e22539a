import { expect, test, type Page } from '@playwright/test';
import { accessibleAtBothWidths, baseUrl, screenshot, signIn as signInPage, signOut } from './support/console';

// The console's small city (libs/cli/src/console-fixture.ts): the Kepala Bidang is admin OPD of
// DINKES; the Kepala Seksi mentors the rekan (Dewi), who has no training this year. Issue 19 item 4:
// HR registers the relation, the mentor records a session, both see it, it adds JP to the mentee,
// and the mentor's pejabat penilai (the Kepala Bidang) sees it as BerAKHLAK evidence.
const REKAN = { nip: '199204102018012001', name: 'Dewi Lestari' };
const KASI = { nip: '198003032005011003', name: 'Siti Rahmawati' };
const KABID = { nip: '197505052000031002', name: 'Agus Prasetyo' };
const YEAR = new Date().getFullYear();

test.describe.configure({ mode: 'serial' });

async function signIn(page: Page, person: { nip: string; name: string }, role: 'Pegawai' | 'Pejabat penilai' | 'Admin OPD'): Promise<void> {
  await signInPage(page, person, role);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

test('HR registers a mentoring relation; the mentor records a session; both see it and it adds JP to the mentee', async ({ page }) => {
  await signIn(page, KABID, 'Admin OPD');
  await page.goto(`${baseUrl()}/sdm/karier/pengembangan`);
  const perPerson = page.getByRole('table', { name: `JP per pegawai tahun ${YEAR}` });
  await perPerson.getByRole('link', { name: new RegExp(REKAN.name) }).click();
  await expect(page.getByRole('heading', { name: `Mentoring ${YEAR}` })).toBeVisible();
  await expect(page.getByText('Belum ada relasi mentoring tahun ini.')).toBeVisible();

  const register = page.getByRole('form', { name: 'Daftarkan relasi mentoring' });
  // The mentee cannot mentor themself: the service names the field.
  await register.getByLabel('NIP mentor').fill(REKAN.nip);
  await register.getByLabel('Tujuan mentoring (satu per baris)').fill('Menguasai analisis data surveilans\nMenyusun laporan mingguan');
  await register.getByRole('button', { name: 'Daftarkan relasi mentoring' }).click();
  await expect(register.getByText('Mentor dan mentee harus orang yang berbeda')).toBeVisible();
  await register.getByLabel('NIP mentor').fill(KASI.nip);
  await register.getByRole('button', { name: 'Daftarkan relasi mentoring' }).click();
  await expect(register.getByText('Relasi mentoring telah didaftarkan.')).toBeVisible();
  const relation = page.getByRole('article', { name: `Sebagai mentee — Mentor: ${KASI.name}` });
  await expect(relation).toContainText('Menguasai analisis data surveilans');
  await expect(relation).toContainText('Belum ada sesi yang dicatat.');
  // HR is not a party: it records no session.
  await expect(relation.getByRole('button', { name: 'Catat sesi' })).toHaveCount(0);
  await accessibleAtBothWidths(page);
  await signOut(page);

  // The mentor records a session from their own career page.
  await signIn(page, KASI, 'Pejabat penilai');
  await page.goto(`${baseUrl()}/karier`);
  const asMentor = page.getByRole('article', { name: `Sebagai mentor — Mentee: ${REKAN.name}` });
  await expect(asMentor).toBeVisible();
  const form = asMentor.getByRole('form', { name: `Catat sesi mentoring dengan ${REKAN.name}` });
  await form.getByLabel('Tanggal sesi').fill(`${YEAR}-01-10`);
  await form.getByLabel('Durasi (menit)').fill('90');
  await form.getByLabel('Topik').fill('Membaca tren kasus mingguan');
  await form.getByRole('checkbox', { name: 'Kolaboratif' }).check();
  await form.getByRole('checkbox', { name: 'Kompeten' }).check();
  await form.getByRole('button', { name: 'Catat sesi' }).click();
  await expect(form.getByText('Sesi telah dicatat: diakui 2 JP untuk mentee.')).toBeVisible();
  const sessions = asMentor.getByRole('list', { name: 'Sesi mentoring' });
  await expect(sessions).toContainText('Membaca tren kasus mingguan (90 menit, diakui 0 JP)');
  await expect(sessions).toContainText('Nilai BerAKHLAK: Kolaboratif, Kompeten');
  await accessibleAtBothWidths(page);
  await signOut(page);

  // The mentor's pejabat penilai sees the session as evidence for the mentor's BerAKHLAK (published
  // by career-decisions, copied by evaluation: it arrives shortly after).
  await signIn(page, KABID, 'Pejabat penilai');
  await page.goto(`${baseUrl()}/penilaian/DINKES:${YEAR}:S1/${KASI.nip}`);
  await expect(page.getByRole('heading', { name: `Penilaian kinerja ${KASI.nip}` })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Bukti BerAKHLAK: mentoring yang diberikan' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByText('1 sesi (90 menit) untuk 1 mentee; nilai yang dipraktikkan: Kolaboratif 1, Kompeten 1')).toBeVisible();
  await signOut(page);

  // The mentee sees the relation and the session, and the JP counted toward 20 JP.
  await signIn(page, REKAN, 'Pegawai');
  await page.goto(`${baseUrl()}/karier`);
  await expect(page.getByRole('heading', { name: `Pengembangan kompetensi ${YEAR}` })).toBeVisible();
  await expect(page.getByText('2 dari 20 JP')).toBeVisible();
  await expect(page.getByText('Termasuk mentoring: 2 JP dari 1 sesi.')).toBeVisible();
  const asMentee = page.getByRole('article', { name: `Sebagai mentee — Mentor: ${KASI.name}` });
  await expect(asMentee.getByRole('list', { name: 'Sesi mentoring' })).toContainText('Membaca tren kasus mingguan (90 menit, diakui 2 JP)');
  await expect(page.getByText('Mentoring yang diakui: 1 sesi, 2 JP')).toBeVisible();
  await accessibleAtBothWidths(page);
  await screenshot(page, 'karier-mentoring');
});
