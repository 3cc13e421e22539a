import { expect, test } from '@playwright/test';
import { accessibleAtBothWidths, baseUrl, expectAccessible, PHONE, screenshot, signIn, signOut } from './support/console';

// The console's small city (libs/cli/src/console-fixture.ts).
const PEGAWAI = { nip: '199003152015031002', name: 'Budi Santoso' };
const REKAN = { nip: '199204102018012001', name: 'Dewi Lestari' };
const KASI = { nip: '198003032005011003', name: 'Siti Rahmawati' };
const KABID = { nip: '197505052000031002', name: 'Agus Prasetyo' };
const YEAR = new Date().getFullYear();

test.describe.configure({ mode: 'serial' });

test('sign-in (development page), Beranda of a pegawai, role switch and sign-out', async ({ page }) => {
  await page.goto(`${baseUrl()}/`);
  // A first visit to the start page: sign-in, with no word of a session that ended.
  await expect(page).toHaveURL(/\/masuk$/);
  await expect(page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.')).toHaveCount(0);
  await expect(page.getByRole('note')).toContainText('Mode pengembangan');
  await expectAccessible(page);
  await screenshot(page, 'masuk');

  await signIn(page, PEGAWAI, 'Pegawai');
  await expect(page.getByRole('heading', { name: `Selamat datang, ${PEGAWAI.name}` })).toBeVisible();
  await expect(page.getByText(`Anda belum menyusun SKP untuk tahun ${YEAR}.`)).toBeVisible();
  await expect(page.getByText('Zona waktu: Asia/Jakarta')).toBeVisible();
  // Nobody reports to the pegawai: no pejabat penilai role to switch to.
  await expect(page.getByLabel('Peran aktif').locator('option')).toHaveText(['Pegawai']);
  await accessibleAtBothWidths(page);
  await screenshot(page, 'beranda-pegawai');
  await signOut(page);

  await signIn(page, KASI, 'Pejabat penilai');
  await expect(page.getByRole('heading', { name: 'Tim saya' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Tim saya' })).toBeVisible();
  await page.getByLabel('Peran aktif').selectOption({ label: 'Pegawai' });
  await expect(page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Tim saya' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Tim saya' })).toHaveCount(0);
  await signOut(page);
  // Signed out means signed out: the API answers 401 and the console goes to sign-in.
  expect((await page.request.get(`${baseUrl()}/api/work-planning/employees/${KASI.nip}/skps`)).status()).toBe(401);
});

test('on a phone the menu and the account fold behind one button, opened and followed by keyboard', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, KASI, 'Pejabat penilai');
  await expect(page.getByRole('heading', { name: 'Tim saya' })).toBeVisible();
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  const nav = page.getByRole('navigation', { name: 'Menu utama' });
  // Folded: the page starts right under one row of header, and nothing scrolls sideways.
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeHidden();
  const header = await page.locator('header.top').boundingBox();
  expect(header!.height).toBeLessThan(120);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page);

  // By keyboard: to the button, open it, on to a page of the menu.
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Keberatan' })).toBeVisible();
  await expect(page.getByLabel('Peran aktif')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'menu-ponsel');
  // Escape folds it and returns to the button.
  await nav.getByRole('link', { name: 'Keberatan' }).focus();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await page.keyboard.press('Enter');
  await nav.getByRole('link', { name: 'Keberatan' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/keberatan$/);
  // The page opened from the menu folds it again.
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();

  // A mistyped address: the console says so and leads back.
  await page.goto(`${baseUrl()}/sdm/karier/peta-talenta`);
  await expect(page.getByRole('heading', { name: 'Halaman tidak ditemukan', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Kembali ke Beranda' }).click();
  await expect(page.getByRole('heading', { name: `Selamat datang, ${KASI.name}` })).toBeVisible();

  // A wide screen shows the menu and the account in the header, without the button.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(menu).toBeHidden();
  await expect(nav.getByRole('link', { name: 'Tim saya' })).toBeVisible();
  await signOut(page);
});

test('the pegawai drafts an SKP intervening the atasan\'s RHK, sees errors beside the field, and submits it', async ({ page }) => {
  await signIn(page, PEGAWAI, 'Pegawai');
  await page.getByRole('button', { name: `Susun SKP ${YEAR}` }).click();
  await expect(page.getByRole('heading', { name: `SKP 1 Januari ${YEAR} – 31 Desember ${YEAR}` })).toBeVisible();
  await expect(page.getByText('Siti Rahmawati · NIP 198003032005011003')).toBeVisible();

  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Tambah RHK' }) });
  await form.getByLabel('Kode RHK').fill('T1');
  await form.getByLabel('Rencana hasil kerja', { exact: true }).fill('Tersusunnya laporan surveilans mingguan');
  await form.getByLabel('RHK atasan yang diintervensi').selectOption({ label: 'S1: Tersedianya data surveilans penyakit yang tepat waktu (disetujui)' });
  await form.getByLabel('Kode IKI').fill('T1-1');
  await form.getByLabel('Indikator kinerja individu').fill('Jumlah laporan surveilans yang disampaikan tepat waktu');
  await form.getByLabel('Satuan').fill('laporan');
  await form.getByRole('button', { name: 'Simpan RHK' }).click();
  // The target is missing: the service's message, in Indonesian, beside the target field.
  const target = form.getByLabel('Target (angka)');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  const errorId = await target.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${errorId}"]`)).toBeVisible();
  await expect(page.getByRole('cell', { name: /Tersusunnya laporan surveilans mingguan/ })).toHaveCount(0);
  await accessibleAtBothWidths(page);

  await target.fill('52');
  // A count: higher is better by default; a target for each semester of the agency's calendar.
  await expect(form.getByLabel('Arah capaian')).toHaveValue('HIGHER_IS_BETTER');
  await form.getByLabel(`Target Semester I ${YEAR}`).fill('30');
  await form.getByLabel(`Target Semester II ${YEAR}`).fill('22');
  await form.getByRole('button', { name: 'Simpan RHK' }).click();
  const row = page.getByRole('row', { name: /Tersusunnya laporan surveilans mingguan/ });
  await expect(row).toContainText('Tersedianya data surveilans penyakit yang tepat waktu');
  await expect(row).toContainText('52 laporan');
  await expect(row).toContainText(`Semester I ${YEAR}: 30 laporan`);
  await expect(target).toHaveValue('');
  await screenshot(page, 'skp-pegawai');

  await page.getByRole('button', { name: 'Ajukan SKP' }).click();
  await expect(page.getByText('SKP telah diajukan kepada pejabat penilai.')).toBeVisible();
  await expect(page.locator('.facts')).toContainText('Diajukan');
  // Until the pejabat penilai decides, the pegawai may take it back, and submit it again.
  await page.getByRole('button', { name: 'Tarik kembali SKP' }).click();
  await expect(page.getByText('SKP telah ditarik kembali dan dapat diubah lagi.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tarik kembali SKP' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Ajukan SKP' }).click();
  await expect(page.locator('.facts')).toContainText('Diajukan');
  await accessibleAtBothWidths(page);
});

test('the pejabat penilai returns the SKP with notes, the pegawai revises it, and it is approved', async ({ page }) => {
  await signIn(page, KASI, 'Pejabat penilai');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Tim saya' }).click();
  await expect(page.getByRole('heading', { name: 'Papan SKP tim' })).toBeVisible();
  const column = (name: string) => page.locator('section.column', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
  await expect(column('Diajukan')).toContainText(PEGAWAI.name);
  await expect(column('Belum mulai')).toContainText(REKAN.name);
  await expect(column('Disetujui')).toContainText('Tidak ada.');
  await expectAccessible(page);
  await screenshot(page, 'papan-tim');

  await page.getByRole('link', { name: `Tinjau SKP ${PEGAWAI.name}` }).click();
  await page.getByLabel('Catatan untuk pegawai').fill('Tambahkan RHK tambahan untuk pelatihan kader.');
  await page.getByRole('button', { name: 'Kembalikan SKP' }).click();
  await expect(page.getByText('SKP telah dikembalikan kepada pegawai.')).toBeVisible();
  await expect(page.locator('.facts')).toContainText('Dikembalikan');
  await signOut(page);

  await signIn(page, PEGAWAI, 'Pegawai');
  await expect(page.getByText('SKP dikembalikan oleh pejabat penilai')).toBeVisible();
  await expect(page.getByLabel('Catatan pengembalian')).toHaveText('Tambahkan RHK tambahan untuk pelatihan kader.');
  await page.getByRole('link', { name: 'Buka SKP' }).click();
  await expect(page.getByRole('heading', { name: 'Catatan pengembalian dari pejabat penilai' })).toBeVisible();
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Tambah RHK' }) });
  await form.getByLabel('Kode RHK').fill('T2');
  await form.getByLabel('Jenis RHK').selectOption({ label: 'Tambahan' });
  await form.getByLabel('Rencana hasil kerja', { exact: true }).fill('Terlatihnya kader surveilans kelurahan');
  await form.getByLabel('RHK atasan yang diintervensi').selectOption({ label: 'S1: Tersedianya data surveilans penyakit yang tepat waktu (disetujui)' });
  await form.getByLabel('Kode IKI').fill('T2-1');
  await form.getByLabel('Indikator kinerja individu').fill('Jumlah kader yang dilatih');
  await form.getByLabel('Target (angka)').fill('20');
  await form.getByLabel('Satuan').fill('orang');
  await form.getByRole('button', { name: 'Simpan RHK' }).click();
  await expect(page.getByRole('row', { name: /Terlatihnya kader surveilans kelurahan/ })).toBeVisible();
  await expect(page.locator('.facts')).toContainText('Diperbaiki');
  await page.getByRole('button', { name: 'Ajukan SKP' }).click();
  await expect(page.locator('.facts')).toContainText('Diajukan');
  await signOut(page);

  await signIn(page, KASI, 'Pejabat penilai');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Tim saya' }).click();
  await page.getByRole('link', { name: `Tinjau SKP ${PEGAWAI.name}` }).click();
  await page.getByLabel('Nilai BerAKHLAK').selectOption({ label: 'Kolaboratif' });
  await page.getByLabel('Ekspektasi khusus pimpinan', { exact: true }).fill('Berbagi data surveilans dengan puskesmas setiap pekan.');
  await page.getByRole('button', { name: 'Simpan ekspektasi' }).click();
  await expect(page.getByText('Ekspektasi khusus telah disimpan.')).toBeVisible();
  await expect(page.locator('ul.perilaku > li', { hasText: 'Kolaboratif' })).toContainText('Berbagi data surveilans dengan puskesmas setiap pekan.');
  await page.getByRole('button', { name: 'Setujui SKP' }).click();
  await expect(page.getByText('SKP telah disetujui.')).toBeVisible();
  await expect(page.locator('.facts')).toContainText('Disetujui');
  await expectAccessible(page);
  await screenshot(page, 'tinjau-skp');
  await page.getByRole('link', { name: 'Kembali ke papan tim' }).click();
  await expect(column('Disetujui')).toContainText(PEGAWAI.name);
  // The board on another date: in January of the next year the SKPs of this one no longer apply.
  await expect(page.getByText(/^Anggota tim dan SKP periode yang berlaku pada \d+ \w+ \d{4}\.$/)).toBeVisible();
  await page.getByLabel('Per tanggal').fill(`${YEAR + 1}-01-15`);
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page.getByText(`Anggota tim dan SKP periode yang berlaku pada 15 Januari ${YEAR + 1}.`)).toBeVisible();
  await expect(column('Belum mulai')).toContainText(PEGAWAI.name);
  await expect(column('Disetujui')).toContainText('Tidak ada.');
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, PEGAWAI, 'Pegawai');
  await page.getByRole('link', { name: 'Buka SKP' }).click();
  await expect(page.getByRole('heading', { name: 'Riwayat versi' })).toBeVisible();
  await expect(page.getByText(new RegExp(`^Versi 1: disetujui \\d+ \\w+ ${YEAR}.* oleh ${KASI.nip}, 2 RHK$`))).toBeVisible();
});

test('an ended session returns to sign-in and then to the same page; unsafe requests need the CSRF token', async ({ page, context }) => {
  await signIn(page, PEGAWAI, 'Pegawai');
  await expect(page.getByRole('heading', { name: `Selamat datang, ${PEGAWAI.name}` })).toBeVisible();
  const refused = await page.request.post(`${baseUrl()}/api/work-planning/skps`, { data: { year: YEAR } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).code).toBe('CSRF_TOKEN_INVALID');

  await page.getByRole('link', { name: 'SKP saya' }).click();
  await expect(page.getByRole('heading', { name: 'SKP saya' })).toBeVisible();
  // Its data loaded: no request of the page is in flight when the session goes.
  await expect(page.getByRole('link', { name: new RegExp(`^SKP 1 Januari ${YEAR}`) })).toBeVisible();
  await context.clearCookies();
  await page.goto(`${baseUrl()}/skp`);
  await expect(page).toHaveURL(/\/masuk\?kembali=%2Fskp$/);
  await expect(page.getByText('Sesi Anda telah berakhir. Silakan masuk kembali.')).toBeVisible();
  await page.getByLabel('Cari pegawai (nama atau NIP)').fill(PEGAWAI.nip);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.locator('.people li')).toHaveCount(1);
  await page.getByRole('button', { name: `Pilih ${PEGAWAI.name}` }).click();
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page).toHaveURL(/\/skp$/);
  await expect(page.getByRole('heading', { name: 'SKP saya' })).toBeVisible();
});

test('the pegawai records a realisation for a semester with an evidence file (PDF only, size-limited)', async ({ page }) => {
  await signIn(page, PEGAWAI, 'Pegawai');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Realisasi' }).click();
  await expect(page.getByRole('heading', { name: 'Realisasi', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Periode penilaian')).toHaveValue(`${YEAR}-S1`);
  const iki = page.locator('section.card', { has: page.getByRole('heading', { name: /^T1-1:/ }) });
  await expect(iki.getByText('Belum ada realisasi untuk periode ini.')).toBeVisible();

  await iki.getByLabel('Bukti dukung (PDF atau gambar)').setInputFiles({ name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan pdf') });
  await expect(iki.getByText('Bukti dukung harus berupa PDF, JPEG atau PNG.')).toBeVisible();
  await iki.getByLabel('Bukti dukung (PDF atau gambar)').setInputFiles({
    name: 'laporan-surveilans-s1.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.4\n% Laporan surveilans semester I ${YEAR}\n`),
  });
  await expect(iki.getByText('Bukti dukung harus berupa PDF, JPEG atau PNG.')).toHaveCount(0);
  await iki.getByLabel('Nilai realisasi').fill('26');
  await iki.getByRole('button', { name: 'Simpan realisasi' }).click();
  // No date: the service names the field, and the console shows it beside the date.
  const date = iki.getByLabel('Tanggal realisasi');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await date.fill(`${YEAR}-06-30`);
  await iki.getByRole('button', { name: 'Simpan realisasi' }).click();
  await expect(iki.getByText('Realisasi telah disimpan.')).toBeVisible();
  await expect(iki.getByText(/^Realisasi terakhir: 26 \(dicatat/)).toBeVisible();
  await expect(iki.getByRole('link', { name: 'laporan-surveilans-s1.pdf' })).toBeVisible();
  const download = await page.request.get(await iki.getByRole('link', { name: 'laporan-surveilans-s1.pdf' }).evaluate((a) => (a as HTMLAnchorElement).href));
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect((await download.body()).toString()).toContain('Laporan surveilans semester I');
  await accessibleAtBothWidths(page);
  await screenshot(page, 'realisasi');
});

test('the pejabat penilai rates from the suggestion, the pegawai files a keberatan in the window, and the atasan decides it', async ({ page }) => {
  await signIn(page, KASI, 'Pejabat penilai');
  const nav = page.getByRole('navigation', { name: 'Menu utama' });
  await nav.getByRole('link', { name: 'Penilaian' }).click();
  await expect(page.getByRole('heading', { name: 'Penilaian tim' })).toBeVisible();
  await expect(page.getByLabel('Periode')).toHaveValue(`DINKES:${YEAR}:S1`);
  await page.getByRole('link', { name: `Nilai ${PEGAWAI.name}` }).click();
  await expect(page.getByRole('heading', { name: `Penilaian kinerja ${PEGAWAI.nip}` })).toBeVisible();
  // The realisation reaches evaluation through work-planning's events: the facts appear once it has.
  await expect(async () => {
    await page.reload();
    // the semester's realisation against the semester's target (30), not the year's 52
    await expect(page.getByText(/T1-1: .* 26 \/ 30 laporan \(capaian 87%, target periode\)/)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByText(/1 IKI, rata-rata capaian 87%/)).toBeVisible();
  await page.getByRole('button', { name: 'Isi dengan saran' }).click();
  await expect(page.getByLabel('Rating hasil kerja')).toHaveValue('DI_BAWAH');
  await page.getByLabel('Rating perilaku kerja').selectOption({ label: 'Sesuai ekspektasi' });
  await page.getByRole('button', { name: 'Simpan penilaian' }).click();
  const justification = page.getByLabel('Catatan dan alasan pejabat penilai');
  await expect(justification).toHaveAttribute('aria-invalid', 'true');
  await justification.fill('Capaian laporan semester I baru separuh target; perilaku kerja baik.');
  await page.getByRole('button', { name: 'Simpan penilaian' }).click();
  await expect(page.getByText('Penilaian telah disimpan: predikat Butuh Perbaikan.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'penilaian');
  await signOut(page);

  await signIn(page, PEGAWAI, 'Pegawai');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Penilaian' }).click();
  const evaluation = page.locator('section.card', { has: page.getByRole('heading', { name: `Periode Semester I ${YEAR}`, exact: false }) });
  await expect(evaluation.getByText('Butuh Perbaikan')).toBeVisible();
  await expect(evaluation.getByText(/^Masa keberatan: tinggal \d+ hari \(sampai \d+ \w+ \d{4}\)\.$/)).toBeVisible();
  await evaluation.getByRole('button', { name: 'Ajukan keberatan' }).click();
  await expect(evaluation.getByLabel('Alasan keberatan')).toHaveAttribute('aria-invalid', 'true');
  await evaluation.getByLabel('Alasan keberatan').fill('Laporan semester I sudah 26 dari 26 yang dijadwalkan; target tahunan dibagi dua.');
  await evaluation.getByRole('button', { name: 'Ajukan keberatan' }).click();
  await expect(evaluation.getByText('Keberatan Anda sedang diproses oleh atasan pejabat penilai.')).toBeVisible();
  await accessibleAtBothWidths(page);
  await signOut(page);

  await signIn(page, KABID, 'Pejabat penilai');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Keberatan' }).click();
  const objection = page.locator('section.card', { has: page.getByRole('heading', { name: `Keberatan ${PEGAWAI.nip} atas periode Semester I ${YEAR}` }) });
  await expect(objection.getByText('target tahunan dibagi dua')).toBeVisible();
  await objection.getByLabel('Pertanyaan').fill('Mohon penjelasan atas capaian semester I.');
  await objection.getByRole('button', { name: 'Minta penjelasan pejabat penilai' }).click();
  await expect(objection.getByText(/^Pejabat penilai: Mohon penjelasan/)).toBeVisible();
  await objection.getByRole('button', { name: 'Minta penjelasan pegawai' }).click();
  await expect(objection.getByText(/^Pegawai: Mohon penjelasan/)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'keberatan-atasan');
  await objection.getByRole('radio', { name: 'Ubah penilaian' }).check();
  await objection.getByLabel('Rating hasil kerja').selectOption({ label: 'Sesuai ekspektasi' });
  await objection.getByLabel('Rating perilaku kerja').selectOption({ label: 'Sesuai ekspektasi' });
  await objection.getByLabel('Alasan keputusan').fill('Target semester adalah separuh target tahunan; capaian sesuai.');
  await objection.getByRole('button', { name: 'Putuskan keberatan' }).click();
  await expect(page.getByText('Tidak ada keberatan yang menunggu keputusan Anda.')).toBeVisible();
  await signOut(page);

  await signIn(page, PEGAWAI, 'Pegawai');
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: 'Penilaian' }).click();
  await expect(evaluation.getByText('Final', { exact: true })).toBeVisible();
  await expect(evaluation.getByText(/^Keputusan atas keberatan \(predikat diubah\), bersifat final:/)).toBeVisible();
  await expect(evaluation.getByText('Baik', { exact: true })).toBeVisible();
});

test("the pegawai's Umpan balik and Karier pages", async ({ page }) => {
  await signIn(page, PEGAWAI, 'Pegawai');
  const nav = page.getByRole('navigation', { name: 'Menu utama' });
  await nav.getByRole('link', { name: 'Umpan balik' }).click();
  await expect(page.getByRole('heading', { name: 'Umpan balik', level: 1 })).toBeVisible();
  await expect(page.getByText('Tentang perilaku Kolaboratif')).toBeVisible();
  await expect(page.getByText('Aktif berbagi data surveilans dengan puskesmas; pertahankan.')).toBeVisible();
  await expect(page.getByText(/dari pejabat penilai, \d+ \w+ \d{4}/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Dari masyarakat yang Anda layani', level: 2 })).toBeVisible();
  await expect(page.getByText('1 penilaian, rata-rata 4 dari 4')).toBeVisible();
  await expect(page.getByText('Penjelasan tentang jadwal imunisasi sangat jelas.')).toBeVisible();
  await expect(page.getByText(/melalui formulir web, \d+ \w+ \d{4}/)).toBeVisible();
  await accessibleAtBothWidths(page);

  await nav.getByRole('link', { name: 'Karier' }).click();
  await expect(page.getByRole('heading', { name: `Pengembangan kompetensi ${YEAR}` })).toBeVisible();
  await expect(page.getByText('8 dari 20 JP')).toBeVisible();
  await expect(page.getByText('Kurang 12 JP dari kewajiban.')).toBeVisible();
  await expect(page.getByText(/10 Maret \d{4}: Pelatihan analisis data surveilans \(8 JP\)/)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'karier');
});

test('a conflict (409) is shown with its reason and an offer to reload', async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, REKAN, 'Pegawai');
  await expect(first.getByRole('button', { name: `Susun SKP ${YEAR}` })).toBeVisible();
  const second = await context.newPage();
  await second.goto(`${baseUrl()}/`);
  await expect(second.getByRole('button', { name: `Susun SKP ${YEAR}` })).toBeVisible();
  await first.getByRole('button', { name: `Susun SKP ${YEAR}` }).click();
  await expect(first.getByRole('heading', { name: `SKP 1 Januari ${YEAR} – 31 Desember ${YEAR}` })).toBeVisible();
  await second.getByRole('button', { name: `Susun SKP ${YEAR}` }).click();
  const alert = second.getByRole('alert');
  await expect(alert).toContainText('Data telah berubah sejak Anda membukanya.');
  await alert.getByRole('button', { name: 'Muat ulang' }).click();
  await expect(second.getByRole('link', { name: 'Buka SKP' })).toBeVisible();
  await context.close();
});
