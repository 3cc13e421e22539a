import { expect, test, type Page } from '@playwright/test';
import { accessibleAtBothWidths, screenshot, signIn as signInPage, signOut } from './support/console';

// The console's small city, third agency (libs/cli/src/console-fixture-layanan.ts): the DPMPTSP's
// licensing counter. Its system reported the applications the two officers completed this year;
// Rahmat's IKI "% permohonan izin usaha selesai dalam standar waktu" is bound to the standard time
// (3 working days), so its realisation is computed from them: 8 of 10 within the standard in semester I.
const PETUGAS = { nip: '199505052019031015', name: 'Rahmat Hidayat' };
const REKAN = { nip: '199607072020122016', name: 'Citra Nasution' };
const KABID = { nip: '197909262005011010', name: 'Slamet Riyadi' };
const ADMIN = { nip: '198802142012012009', name: 'Lina Marlina' };
const YEAR = new Date().getFullYear();
const S1 = `${YEAR}-S1`;
const SERVICE = 'Penerbitan izin usaha (IZIN-USAHA)';
const UNIT = 'Bidang Pelayanan Perizinan';

test.describe.configure({ mode: 'serial' });
test.setTimeout(600_000);

async function signIn(page: Page, person: { nip: string; name: string }, role: 'Pegawai' | 'Pejabat penilai' | 'Admin OPD'): Promise<void> {
  await signInPage(page, person, role);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Menu utama' });

/** Tabs from the top of the page until the control named `name` has focus, then presses Enter on it. */
async function pressByKeyboard(page: Page, name: string): Promise<void> {
  await page.locator('body').focus();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((n) => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim()) === n, name)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no control "${name}" within 80 tab stops`);
}

test('the officer reads their service figures and the records behind them; the computed realisation takes a note but no value', async ({ page }) => {
  await signIn(page, PETUGAS, 'Pegawai');
  await nav(page).getByRole('link', { name: 'Capaian layanan' }).click();
  await expect(page.getByRole('heading', { name: 'Capaian layanan saya', level: 1 })).toBeVisible();
  // Its address is the console's own: a reload (or a bookmark) opens the same page, not the citizens' pages.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Capaian layanan saya', level: 1 })).toBeVisible();
  // Semester I is the first choice.
  await expect(page.getByLabel('Periode')).toHaveValue(S1);
  const figures = page.getByRole('table', { name: `Capaian layanan Semester I ${YEAR}` });
  const row = figures.getByRole('row', { name: new RegExp(SERVICE.replace(/[()]/g, '\\$&')) });
  await expect(row).toContainText('10');
  await expect(row).toContainText('80 %');
  const records = page.getByRole('table', { name: new RegExp(`^Catatan layanan Semester I ${YEAR}`) });
  await expect(records.getByRole('row')).toHaveCount(11);
  await expect(records.getByText('Melewati standar')).toHaveCount(2);
  await expect(records.getByText('Dalam standar', { exact: true })).toHaveCount(8);
  await expect(records.getByRole('row', { name: new RegExp(`^OSS-${YEAR}-S1-1 `) })).toContainText('3 hari kerja');
  // Completed the day it came in: no working day taken.
  await expect(records.getByRole('row', { name: new RegExp(`^OSS-${YEAR}-S1-1 `) })).toContainText('Di hari yang sama');
  await accessibleAtBothWidths(page);
  await screenshot(page, 'capaian-layanan');
  // Semester II, chosen by keyboard: four more, all within the standard.
  await page.getByLabel('Periode').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Periode')).toHaveValue(`${YEAR}-S2`);
  await expect(page.getByRole('table', { name: `Capaian layanan Semester II ${YEAR}` }).getByRole('row', { name: /IZIN-USAHA/ })).toContainText('100 %');

  await nav(page).getByRole('link', { name: 'Realisasi' }).click();
  await expect(page.getByRole('heading', { name: 'Realisasi', level: 1 })).toBeVisible();
  await page.getByLabel('Periode penilaian').selectOption(S1);
  const card = page.locator('section', { has: page.getByRole('heading', { name: /^P1: Persentase permohonan izin usaha/ }) });
  await expect(card.getByText('Dihitung dari catatan layanan (10 catatan)')).toBeVisible();
  await expect(card.getByText(/^Realisasi terakhir: 80 /)).toBeVisible();
  // The value is the records', not the employee's: no field for it; a note and evidence can be added.
  await expect(card.getByLabel('Nilai realisasi')).toHaveCount(0);
  await card.getByLabel('Catatan').fill('Dua berkas menunggu kelengkapan dokumen lingkungan dari pemohon.');
  await card.getByLabel('Tanggal realisasi').fill(`${YEAR}-06-30`);
  await card.getByRole('button', { name: 'Simpan realisasi' }).click();
  await expect(card.getByText('Realisasi telah disimpan.')).toBeVisible();
  await expect(card.getByText('Dua berkas menunggu kelengkapan dokumen lingkungan dari pemohon.')).toBeVisible();
  await expect(card.getByText(/^Realisasi terakhir: 80 /)).toBeVisible();
  await accessibleAtBothWidths(page);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'realisasi-dihitung');
  // By keyboard to the records behind the value.
  await pressByKeyboard(page, 'Lihat catatan layanan di balik nilai ini');
  await expect(page.getByRole('heading', { name: 'Capaian layanan saya', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Periode')).toHaveValue(S1);
  await expect(page.getByRole('table', { name: new RegExp(`^Catatan layanan Semester I ${YEAR}`) }).getByRole('row')).toHaveCount(11);
});

test('the pejabat penilai reads the officer’s figures and records on the team member’s page', async ({ page }) => {
  await signIn(page, KABID, 'Pejabat penilai');
  await page.goto(`${new URL(page.url()).origin}/tim/anggota/${PETUGAS.nip}`);
  await expect(page.getByRole('heading', { name: `Anggota tim: ${PETUGAS.name}`, level: 1 })).toBeVisible();
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Capaian layanan', level: 2 }) });
  await expect(section.getByLabel('Periode')).toHaveValue(S1);
  await expect(section.getByRole('table', { name: `Capaian layanan Semester I ${YEAR}` }).getByRole('row', { name: /IZIN-USAHA/ })).toContainText('80 %');
  await expect(section.getByRole('table', { name: new RegExp(`^Catatan layanan Semester I ${YEAR}`) }).getByText('Melewati standar')).toHaveCount(2);
  // The realisation in the member's table says it was computed.
  await expect(page.getByRole('table', { name: `Realisasi Semester I ${YEAR}` })).toContainText('Dihitung dari catatan layanan (10 catatan)');
  await accessibleAtBothWidths(page);
});

test('the agency admin and the unit’s head read the unit’s figures, per officer, with the records behind them', async ({ page }) => {
  await signIn(page, ADMIN, 'Admin OPD');
  await nav(page).getByRole('link', { name: 'Layanan unit' }).click();
  await expect(page.getByRole('heading', { name: 'Capaian layanan unit', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Capaian layanan unit', level: 1 })).toBeVisible();
  await page.getByLabel('Unit', { exact: true }).selectOption('PERIZINAN');
  await expect(page.getByLabel('Periode')).toHaveValue(S1);
  // 8 of 10 and 3 of 6: 11 of 16 in the unit.
  const total = page.getByRole('table', { name: `Capaian layanan ${UNIT}, Semester I ${YEAR}` }).getByRole('row', { name: /IZIN-USAHA/ });
  await expect(total).toContainText('16');
  await expect(total).toContainText('68,8 %');
  const officers = page.getByRole('table', { name: `Capaian per petugas, Semester I ${YEAR}` });
  // Each officer by name and NIP (the organisation names them).
  await expect(officers.getByRole('row', { name: new RegExp(`^${PETUGAS.name} \\(${PETUGAS.nip}\\)`) })).toContainText('8/10 (80 %)');
  await expect(officers.getByRole('row', { name: new RegExp(`^${REKAN.name} \\(${REKAN.nip}\\)`) })).toContainText('3/6 (50 %)');
  await expect(page.getByRole('table', { name: new RegExp(`^Catatan layanan Semester I ${YEAR}`) }).getByRole('row')).toHaveCount(17);
  await accessibleAtBothWidths(page);
  await screenshot(page, 'layanan-unit-konsol');
  await signOut(page);

  // The unit's head sees their own unit's figures.
  await signIn(page, KABID, 'Pejabat penilai');
  await nav(page).getByRole('link', { name: 'Layanan unit' }).click();
  await expect(page.getByLabel('Unit', { exact: true })).toHaveValue('PERIZINAN');
  await expect(page.getByRole('table', { name: `Capaian per petugas, Semester I ${YEAR}` }).getByRole('row')).toHaveCount(3);
  await accessibleAtBothWidths(page);
});
