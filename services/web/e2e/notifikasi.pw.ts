import { expect, test, type Locator, type Page } from '@playwright/test';
import { accessibleAtBothWidths, expectAccessible, screenshot, signIn as signInPage, signOut } from './support/console';

// The console's small city (libs/cli/src/console-fixture.ts): the Kepala Seksi is the pejabat
// penilai of the analyst, whose SKP is at most a draft when this file runs (console.pw.ts counts
// her as "Belum mulai", then its conflict journey may start the draft).
const REKAN = { nip: '199204102018012001', name: 'Dewi Lestari' };
const KASI = { nip: '198003032005011003', name: 'Siti Rahmawati' };
const YEAR = new Date().getFullYear();

test.describe.configure({ mode: 'serial' });

async function signIn(page: Page, person: { nip: string; name: string }, role: 'Pegawai' | 'Pejabat penilai'): Promise<void> {
  await signInPage(page, person, role);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

async function shownAfterReloads(page: Page, locator: Locator): Promise<void> {
  await expect(async () => {
    if (!(await locator.isVisible())) await page.reload();
    await expect(locator).toBeVisible({ timeout: 5_000 });
  }).toPass();
}

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notifikasi/ });

test('an employee submits an SKP to the pejabat penilai, who has nothing unread before', async ({ page }) => {
  // Start from nothing unread (console.pw.ts may have left notifications for the Kepala Seksi).
  await signIn(page, KASI, 'Pejabat penilai');
  await bell(page).click();
  await expect(page.getByRole('heading', { name: 'Notifikasi', level: 1 })).toBeVisible();
  // The count shows once the list has loaded; notifications of earlier journeys may still be
  // arriving, so the list is marked read until nothing unread is left.
  const markAll = page.getByRole('button', { name: 'Tandai semua sudah dibaca' });
  const unread = page.getByTestId('notifications-unread');
  await expect(async () => {
    await expect(unread).toBeVisible();
    if (await markAll.isVisible()) await markAll.click();
    await expect(unread).toHaveText('0 belum dibaca', { timeout: 5_000 });
  }).toPass();
  await expect(bell(page)).toHaveAccessibleName('Notifikasi');
  await signOut(page);

  // The analyst drafts an SKP intervening the Kepala Seksi's RHK and submits it.
  await signIn(page, REKAN, 'Pegawai');
  // console.pw.ts's conflict journey may have started her draft already: it is opened then.
  const start = page.getByRole('button', { name: `Susun SKP ${YEAR}` });
  const open = page.getByRole('link', { name: 'Buka SKP' });
  await expect(start.or(open)).toBeVisible();
  await ((await start.isVisible()) ? start : open).click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Tambah RHK' }) });
  await form.getByLabel('Kode RHK').fill('A1');
  await form.getByLabel('Rencana hasil kerja', { exact: true }).fill('Tersedianya analisis data kasus mingguan');
  await form.getByLabel('RHK atasan yang diintervensi').selectOption({ label: 'S1: Tersedianya data surveilans penyakit yang tepat waktu (disetujui)' });
  await form.getByLabel('Kode IKI').fill('A1-1');
  await form.getByLabel('Indikator kinerja individu').fill('Jumlah analisis yang disampaikan');
  await form.getByLabel('Target (angka)').fill('48');
  await form.getByLabel('Satuan').fill('analisis');
  await form.getByRole('button', { name: 'Simpan RHK' }).click();
  // On a busy machine the answer may be "stored, not yet visible" (202): the page is loaded again until it shows.
  await shownAfterReloads(page, page.getByRole('row', { name: /Tersedianya analisis data kasus mingguan/ }));
  await page.getByRole('button', { name: 'Ajukan SKP' }).click();
  await shownAfterReloads(page, page.locator('.facts', { hasText: 'Diajukan' }));
  await signOut(page);
});

test('the pejabat penilai sees the unread count and the notification, and marks it read', async ({ page }) => {
  // The header counts it (the event travels relay → log → evaluation's consumer).
  await signIn(page, KASI, 'Pejabat penilai');
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('unread-count')).toHaveText('1', { timeout: 5_000 });
  }).toPass();
  await expect(bell(page)).toHaveAccessibleName('Notifikasi, 1 belum dibaca');
  await expectAccessible(page);
  await bell(page).click();
  const item = page.getByTestId('notification').filter({ hasText: REKAN.name }).first();
  await expect(item).toContainText(`SKP ${REKAN.name} (versi 1) diajukan dan menunggu persetujuan Anda.`);
  await expect(item).toContainText('Baru');
  await expect(page.getByTestId('notifications-unread')).toHaveText('1 belum dibaca');
  await accessibleAtBothWidths(page);
  await screenshot(page, 'notifikasi');

  await item.getByRole('button', { name: 'Tandai sudah dibaca' }).click();
  await expect(item).toContainText('Sudah dibaca');
  await expect(page.getByTestId('notifications-unread')).toHaveText('0 belum dibaca');
  await expect(page.getByTestId('unread-count')).toHaveCount(0);
  await expect(bell(page)).toHaveAccessibleName('Notifikasi');

  // Where it is acted on: the review of that SKP.
  await item.getByRole('link', { name: 'Buka' }).click();
  await expect(page).toHaveURL(new RegExp(`/tim/skp/${REKAN.nip}-${YEAR}-01-01$`));
});

test('each person chooses per kind: e-mail each time, a daily digest, or the console only', async ({ page }) => {
  await signIn(page, KASI, 'Pejabat penilai');
  await bell(page).click();
  await page.getByRole('link', { name: 'Pengaturan notifikasi' }).click();
  await expect(page.getByRole('heading', { name: 'Pengaturan notifikasi', level: 1 })).toBeVisible();
  // The fixture records no e-mail address for her: the page says so.
  await expect(page.getByText('Alamat e-mail Anda belum tercatat')).toBeVisible();
  const kind = page.getByRole('group', { name: 'SKP menunggu persetujuan' });
  await expect(kind.getByRole('radio', { name: 'E-mail setiap kali' })).toBeChecked();
  await kind.getByRole('radio', { name: 'Ringkasan harian' }).check();
  await page.getByRole('group', { name: 'Kurva distribusi belum terpenuhi' }).getByRole('radio', { name: 'Hanya di konsol' }).check();
  await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await expect(page.getByText('Pengaturan tersimpan.')).toBeVisible();
  await accessibleAtBothWidths(page);
  await page.reload();
  await expect(page.getByRole('group', { name: 'SKP menunggu persetujuan' }).getByRole('radio', { name: 'Ringkasan harian' })).toBeChecked();
  await expect(page.getByRole('group', { name: 'Kurva distribusi belum terpenuhi' }).getByRole('radio', { name: 'Hanya di konsol' })).toBeChecked();
});
