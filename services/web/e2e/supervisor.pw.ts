import { expect, test, type Page } from '@playwright/test';
import { accessibleAtBothWidths, baseUrl, endSessionInDatabase, expectAccessible, fixtureDatabase, screenshot, signIn as signInPage, signOut } from './support/console';

// The console's small city (libs/cli/src/console-fixture.ts): the Kepala Bidang is the pejabat
// penilai of the Kepala Seksi, whose SKP (S1, IKI S1-1, 100 persen) is approved from the start.
// These journeys use only that pair, so they do not depend on console.pw.ts.
const KASI = { nip: '198003032005011003', name: 'Siti Rahmawati' };
const KABID = { nip: '197505052000031002', name: 'Agus Prasetyo' };
const YEAR = new Date().getFullYear();
const KASI_SKP = `${KASI.nip}-${YEAR}-01-01`;

test.describe.configure({ mode: 'serial' });

/** Tabs from the top of the page until the named link has focus, then follows it with Enter. */
async function followByKeyboard(page: Page, name: string): Promise<void> {
  await page.locator('body').focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((n) => document.activeElement?.textContent?.trim() === n, name)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no link "${name}" within 40 tab stops`);
}

/** Signs in and waits until the console shows the person signed in (before going anywhere by URL). */
async function signIn(page: Page, person: { nip: string; name: string }, role: 'Pegawai' | 'Pejabat penilai'): Promise<void> {
  await signInPage(page, person, role);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Menu utama' });

test('the pejabat penilai sees the pohon kinerja of the unit and what is due on Beranda', async ({ page }) => {
  await signIn(page, KABID, 'Pejabat penilai');
  // Beranda: the ratings of the open periods, with their batas pengisian (from the evaluation calendar), and their own realisations.
  const due = page.locator('section', { has: page.getByRole('heading', { name: 'Tenggat yang berjalan' }) });
  await expect(due.getByText(/^Nilai anggota tim untuk Semester I \d{4}: 1 belum dinilai$/)).toBeVisible();
  await expect(due.locator('li', { hasText: /Nilai anggota tim untuk Semester I \d{4}/ })).toContainText(`paling lambat 31 Januari ${YEAR + 1}`);
  await expect(due.getByText(/^Isi realisasi Semester I \d{4}: 0 dari 1 IKI telah diisi$/)).toBeVisible();
  await expectAccessible(page);

  await nav(page).getByRole('link', { name: 'Pohon kinerja' }).click();
  await expect(page.getByRole('heading', { name: 'Pohon kinerja unit', level: 1 })).toBeVisible();
  const tree = page.getByRole('list', { name: `Pohon kinerja ${YEAR}` });
  const root = tree.locator(':scope > li', { hasText: 'B1 Terkendalinya penyakit menular' });
  await expect(root).toBeVisible();
  // The Kepala Seksi's RHK intervenes on it: one level down, a nested list inside the root's item.
  const child = root.locator(':scope > ul > li', { hasText: 'S1 Tersedianya data surveilans penyakit yang tepat waktu' });
  await expect(child).toContainText(`${KASI.name} · NIP ${KASI.nip}`);
  await expect(child).toContainText('disetujui');
  await expectAccessible(page);
  await screenshot(page, 'pohon-kinerja');
  // Keyboard: the team member's page is one of the tab stops.
  await followByKeyboard(page, `Realisasi dan umpan balik ${KASI.name}`);
  await expect(page.getByRole('heading', { name: `Anggota tim: ${KASI.name}` })).toBeVisible();
});

test("the pejabat penilai sees a team member's realisation and downloads its evidence, gives feedback on a BerAKHLAK value, and the pegawai sees it", async ({ page }) => {
  await signIn(page, KASI, 'Pegawai');
  await nav(page).getByRole('link', { name: 'Realisasi' }).click();
  const iki = page.locator('section.card', { has: page.getByRole('heading', { name: /^S1-1:/ }) });
  await iki.getByLabel('Bukti dukung (PDF atau gambar)').setInputFiles({
    name: 'rekap-surveilans-kasi.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.4\n% Rekap surveilans seksi semester I ${YEAR}\n`),
  });
  await iki.getByLabel('Nilai realisasi').fill('95');
  await iki.getByLabel('Tanggal realisasi').fill(`${YEAR}-06-28`);
  await iki.getByRole('button', { name: 'Simpan realisasi' }).click();
  await expect(iki.getByText('Realisasi telah disimpan.')).toBeVisible();
  await signOut(page);

  await signIn(page, KABID, 'Pejabat penilai');
  await nav(page).getByRole('link', { name: 'Tim saya' }).click();
  await page.getByRole('link', { name: `Realisasi dan umpan balik ${KASI.name}` }).click();
  await expect(page.getByRole('heading', { name: `Anggota tim: ${KASI.name}` })).toBeVisible();
  const table = page.getByRole('table', { name: `Realisasi Semester I ${YEAR}` });
  const row = table.getByRole('row', { name: /S1-1/ });
  await expect(row).toContainText('100 persen');
  await expect(row).toContainText('95');
  await expect(row).toContainText(`28 Juni ${YEAR}`);
  // The file comes through the web service with the pejabat penilai's session.
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('link', { name: 'rekap-surveilans-kasi.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('rekap-surveilans-kasi.pdf');
  expect(download.url()).toContain(`${baseUrl()}/api/work-planning/skps/${KASI_SKP}/evidence-files/`);
  const { readFile } = await import('node:fs/promises');
  expect((await readFile((await download.path())!)).toString()).toContain('Rekap surveilans seksi semester I');

  // Continuous feedback: an empty text is refused beside the field, in Indonesian.
  const form = page.locator('form', { has: page.getByText('Beri umpan balik atas perilaku kerja (BerAKHLAK)') });
  await form.getByLabel('Nilai BerAKHLAK').selectOption({ label: 'Berorientasi Pelayanan' });
  await form.getByRole('button', { name: 'Kirim umpan balik' }).click();
  const content = form.getByLabel('Isi umpan balik');
  await expect(content).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`[id="${await content.getAttribute('aria-describedby')}"]`)).toContainText('Isi umpan balik');
  await content.fill('Tanggap melayani permintaan data dari puskesmas; pertahankan.');
  await form.getByRole('button', { name: 'Kirim umpan balik' }).click();
  await expect(page.getByText('Umpan balik telah dikirim kepada pegawai.')).toBeVisible();
  await expect(content).toHaveValue('');
  const given = page.locator('li.card', { hasText: 'Tanggap melayani permintaan data dari puskesmas' });
  await expect(given).toContainText('Tentang perilaku Berorientasi Pelayanan');
  await expect(given).toContainText('dari pejabat penilai');
  await expectAccessible(page);
  await screenshot(page, 'anggota-tim');
  await signOut(page);

  await signIn(page, KASI, 'Pegawai');
  await nav(page).getByRole('link', { name: 'Umpan balik' }).click();
  const mine = page.locator('li.card', { hasText: 'Tanggap melayani permintaan data dari puskesmas; pertahankan.' });
  await expect(mine).toContainText('Tentang perilaku Berorientasi Pelayanan');
  await expect(mine).toContainText(/dari pejabat penilai, \d+ \w+ \d{4}/);
  await accessibleAtBothWidths(page);
});

test('a command stored but not yet visible (202) shows as pending, and appears once its read model catches up', async ({ page }) => {
  await signIn(page, KABID, 'Pejabat penilai');
  await page.goto(`${baseUrl()}/tim/anggota/${KASI.nip}`);
  const form = page.locator('form', { has: page.getByText('Beri umpan balik atas perilaku kerja (BerAKHLAK)') });
  await form.getByLabel('Nilai BerAKHLAK').selectOption({ label: 'Adaptif' });
  await form.getByLabel('Isi umpan balik').fill('Cepat menyesuaikan format laporan baru.');
  // Hold feedback-intake's timeline read model: the event is stored, the projection waits for the lock,
  // and the command's answer gives up waiting for it (READ_YOUR_WRITES_TIMEOUT_MS) with 202.
  const db = await fixtureDatabase();
  try {
    const [{ table_schema: schema }] = (await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'feedback_timeline'`)).rows;
    await db.query('BEGIN');
    await db.query(`LOCK TABLE "${schema}".feedback_timeline IN EXCLUSIVE MODE`);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/feedback-intake/continuous-feedback') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Kirim umpan balik' }).click();
    expect((await answered).status()).toBe(202);
    await expect(form.getByRole('status')).toHaveText('Tersimpan, tetapi belum tampil. Muat ulang sebentar lagi.');
    await expect(form.getByRole('alert')).toHaveCount(0);
    await expectAccessible(page);
  } finally {
    await db.query('COMMIT').catch(() => undefined);
    await db.end();
  }
  await expect(async () => {
    await page.reload();
    await expect(page.locator('li.card', { hasText: 'Cepat menyesuaikan format laporan baru.' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
});

test('after the rating, the pegawai sees the keberatan window on Beranda and the rating is no longer due', async ({ page }) => {
  await signIn(page, KABID, 'Pejabat penilai');
  await page.goto(`${baseUrl()}/penilaian/DINKES:${YEAR}:S1/${KASI.nip}`);
  await expect(page.getByRole('heading', { name: `Penilaian kinerja ${KASI.nip}` })).toBeVisible();
  await page.getByLabel('Rating hasil kerja').selectOption({ label: 'Sesuai ekspektasi' });
  await page.getByLabel('Rating perilaku kerja').selectOption({ label: 'Sesuai ekspektasi' });
  await page.getByLabel('Catatan dan alasan pejabat penilai').fill('Rekap surveilans semester I hampir penuh; kerja sama baik.');
  await page.getByRole('button', { name: 'Simpan penilaian' }).click();
  await expect(page.getByText('Penilaian telah disimpan: predikat Baik.')).toBeVisible();
  await nav(page).getByRole('link', { name: 'Beranda' }).click();
  const due = page.locator('section', { has: page.getByRole('heading', { name: 'Tenggat yang berjalan' }) });
  await expect(due.getByText(/^Isi realisasi Semester I \d{4}:/)).toBeVisible();
  await expect(due.getByText(/^Nilai anggota tim untuk Semester I \d{4}:/)).toHaveCount(0);
  await signOut(page);

  await signIn(page, KASI, 'Pegawai');
  const mine = page.locator('section', { has: page.getByRole('heading', { name: 'Tenggat yang berjalan' }) });
  const window = mine.locator('li', { hasText: /Masa keberatan atas penilaian Semester I \d{4}/ });
  await expect(window).toContainText(/Masa keberatan: tinggal \d+ hari \(sampai \d+ \w+ \d{4}\)\./);
  await window.getByRole('link', { name: 'Buka Penilaian' }).click();
  await expect(page.getByRole('heading', { name: 'Penilaian saya' })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Beranda' }).click();
  await expect(mine.getByText(/^Isi realisasi Semester I \d{4}:/)).toHaveCount(0);
  await accessibleAtBothWidths(page);
  await screenshot(page, 'beranda-tenggat');
});

test('the version history shows what changed between approved versions', async ({ page }) => {
  await signIn(page, KASI, 'Pegawai');
  await page.goto(`${baseUrl()}/skp/${KASI_SKP}`);
  await page.getByRole('button', { name: 'Ubah SKP' }).click();
  await expect(page.locator('.facts')).toContainText('Sedang diubah');
  // The amendment itself through the API (the editor's form is another journey): a new RHK, and a lower target.
  const { csrfToken } = await (await page.request.get(`${baseUrl()}/auth/session`)).json();
  const headers = { 'x-csrf-token': csrfToken };
  const indicator = (ikiId: string, text: string, value: number, unit: string) => ({ ikiId, aspect: 'KUANTITAS', indicator: text, target: { kind: 'QUANTITATIVE', value, unit } });
  const link = { kind: 'ATASAN_RHK', skpId: `${KABID.nip}-${YEAR}-01-01`, rhkId: 'B1' };
  const added = await page.request.post(`${baseUrl()}/api/work-planning/skps/${KASI_SKP}/rhk`, {
    headers,
    data: { rhkId: 'S2', jenis: 'TAMBAHAN', text: 'Terbinanya petugas surveilans puskesmas', link, indicators: [indicator('S2-1', 'Jumlah petugas yang dibina', 12, 'orang')] },
  });
  expect(added.status()).toBe(201);
  const revised = await page.request.put(`${baseUrl()}/api/work-planning/skps/${KASI_SKP}/rhk/S1`, {
    headers,
    data: { rhkId: 'S1', jenis: 'UTAMA', text: 'Tersedianya data surveilans penyakit yang tepat waktu', link, indicators: [indicator('S1-1', 'Persentase laporan surveilans tepat waktu', 95, 'persen')] },
  });
  expect(revised.status()).toBe(200);
  await page.reload();
  await page.getByRole('button', { name: 'Ajukan SKP' }).click();
  await expect(page.locator('.facts')).toContainText('Diajukan');
  await signOut(page);

  await signIn(page, KABID, 'Pejabat penilai');
  await page.goto(`${baseUrl()}/tim/skp/${KASI_SKP}`);
  await page.getByRole('button', { name: 'Setujui SKP' }).click();
  await expect(page.getByText('SKP telah disetujui.')).toBeVisible();
  await signOut(page);

  await signIn(page, KASI, 'Pegawai');
  await page.goto(`${baseUrl()}/skp/${KASI_SKP}`);
  const history = page.locator('section', { has: page.getByRole('heading', { name: 'Riwayat versi' }) });
  await expect(history.getByText(new RegExp(`^Versi 2: disetujui \\d+ \\w+ ${YEAR}.* oleh ${KABID.nip}, 2 RHK$`))).toBeVisible();
  const changes = history.getByRole('list', { name: 'Perubahan dari versi 1' });
  await expect(changes.getByRole('listitem')).toHaveText([
    'IKI S1-1: target diubah dari 100 persen menjadi 95 persen',
    'RHK S2 ditambahkan: Terbinanya petugas surveilans puskesmas',
    'IKI S2-1 ditambahkan pada RHK S2: Jumlah petugas yang dibina (target 12 orang)',
  ]);
  await accessibleAtBothWidths(page);
  await screenshot(page, 'riwayat-versi');
});

test('a session that expires in the web service returns to sign-in and then to the same page', async ({ page }) => {
  await signIn(page, KASI, 'Pegawai');
  await nav(page).getByRole('link', { name: 'Realisasi' }).click();
  await expect(page.getByRole('heading', { name: /^S1-1:/ })).toBeVisible();
  // The session row goes, as the idle or absolute lifetime ends it; the page is still open.
  await endSessionInDatabase(page);
  await nav(page).getByRole('link', { name: 'Umpan balik' }).click();
  await expect(page).toHaveURL(/\/masuk\?kembali=%2Fumpan-balik$/);
  await expect(page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.')).toBeVisible();
  await page.getByLabel('Cari pegawai (nama atau NIP)').fill(KASI.nip);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.locator('.people li')).toHaveCount(1);
  await page.getByRole('button', { name: `Pilih ${KASI.name}` }).click();
  await page.getByRole('radio', { name: 'Pegawai' }).check();
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL(/\/umpan-balik$/);
  await expect(page.getByRole('heading', { name: 'Umpan balik', level: 1 })).toBeVisible();
});
