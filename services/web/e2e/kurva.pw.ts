import { expect, test, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { accessibleAtBothWidths, baseUrl, expectAccessible, screenshot, signIn as signInPage, signOut } from './support/console';

// The console's small city, second agency (libs/cli/src/console-fixture-kurva.ts): Disdukcapil's
// Bidang Pelayanan Pendaftaran Penduduk, rated for the year (one Sangat Baik, four Baik) under the
// organisation predicate Istimewa, which that distribution does not fit.
const HR = { nip: '198507222010012005', name: 'Rina Kartika' };
const BKPSDM = { nip: '198109092006041006', name: 'Yusuf Hidayat' };
const KADIS = { nip: '197203142000031004', name: 'Bambang Sutrisno' };
const YEAR = new Date().getFullYear();
const UNIT = 'Bidang Pelayanan Pendaftaran Penduduk';

test.describe.configure({ mode: 'serial' });
// Two people's journeys in one test each: longer than the default on a busy machine.
test.setTimeout(900_000);

type RoleLabel = 'Pegawai' | 'Pejabat penilai' | 'Admin OPD' | 'Admin kota (BKPSDM)';

async function signIn(page: Page, person: { nip: string; name: string }, role: RoleLabel): Promise<void> {
  await signInPage(page, person, role as 'Pegawai');
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Menu utama' });
const unitCard = (page: Page) => page.locator('section', { has: page.getByRole('heading', { name: `Kurva ${UNIT}`, level: 2 }) });
const conditions = (page: Page) => page.getByRole('list', { name: `Syarat kurva ${UNIT}` });

/** Tabs from the top of the page until the control named `name` has focus, then presses Enter on it. */
async function pressByKeyboard(page: Page, name: string): Promise<void> {
  await page.locator('body').focus();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((n) => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim()) === n, name)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no control "${name}" within 60 tab stops`);
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; body: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, body: await readFile((await download.path())!) };
}

test('HR checks the curve of a unit; the leader one level up sets the organisation predicate and does the penetapan, refused without a justification', async ({ page }) => {
  await signIn(page, HR, 'Admin OPD');
  await nav(page).getByRole('link', { name: 'Monitoring Kurva' }).click();
  await expect(page.getByRole('heading', { name: 'Monitoring Kurva', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Periode')).toHaveValue(`DISDUKCAPIL:${YEAR}:ANNUAL`);
  const units = page.getByRole('table', { name: 'Kurva per unit' });
  const row = units.getByRole('row', { name: new RegExp(UNIT) });
  await expect(row).toContainText('Istimewa');
  await expect(row).toContainText('Di luar kurva');
  await expect(row).toContainText('Belum ditetapkan');
  // Keyboard: the unit's detail is one of the tab stops.
  await pressByKeyboard(page, `Lihat kurva ${UNIT}`);
  await expect(unitCard(page)).toBeVisible();
  await expect(unitCard(page).getByRole('img', { name: `Distribusi predikat pegawai ${UNIT} dan batas kurva` })).toBeVisible();
  await expect(conditions(page).getByRole('listitem')).toHaveCount(2);
  await expect(conditions(page).getByRole('listitem').filter({ hasText: 'Sangat Baik paling banyak 70%' })).toContainText('Terpenuhi');
  await expect(conditions(page).getByRole('listitem').filter({ hasText: 'Sebagian besar pegawai Sangat Baik' })).toContainText('Tidak terpenuhi: Sebagian besar pegawai Sangat Baik. 1 orang; kelompok predikat lain terbesar 4 orang.');
  // Each person by name and NIP; the leader one level up too.
  await expect(page.getByRole('table', { name: `Pegawai ${UNIT}` }).getByRole('row', { name: /Andi Saputra 199101012015031011/ })).toBeVisible();
  await expect(unitCard(page)).toContainText(`${KADIS.name} (NIP ${KADIS.nip})`);
  // HR reads; the predicate and the penetapan are the leader's.
  await expect(page.getByRole('button', { name: 'Tetapkan predikat organisasi' })).toHaveCount(0);
  await accessibleAtBothWidths(page);
  await screenshot(page, 'monitoring-kurva');
  await signOut(page);

  await signIn(page, KADIS, 'Pejabat penilai');
  await nav(page).getByRole('link', { name: 'Monitoring Kurva' }).click();
  await page.getByRole('button', { name: `Lihat kurva ${UNIT}` }).click();
  await page.getByLabel('Predikat kinerja organisasi').selectOption({ label: 'Baik' });
  await page.getByLabel('Dasar penetapan (rekomendasi unit perencanaan, SDM atau pengawasan)').fill('Rekomendasi Inspektorat: capaian sesuai target.');
  await page.getByRole('button', { name: 'Tetapkan predikat organisasi' }).click();
  await expect(page.getByText('Predikat kinerja organisasi telah ditetapkan.')).toBeVisible();
  // People are named, with their NIP (the organisation of the agency holds the names).
  await expect(unitCard(page)).toContainText(`Baik (ditetapkan oleh ${KADIS.name} (NIP ${KADIS.nip}))`);
  const unmet = conditions(page).getByRole('listitem').filter({ hasText: 'Tidak terpenuhi' });
  await expect(unmet).toHaveCount(1);
  await expect(unmet).toContainText('Harus ada pegawai Butuh Perbaikan dan/atau Kurang/Misconduct');
  await expect(conditions(page).getByRole('listitem').filter({ hasText: 'Baik paling banyak 70%' })).toContainText('Terpenuhi');

  // Penetapan without a justification: refused beside the field, in Indonesian.
  await page.getByRole('button', { name: 'Lakukan penetapan' }).click();
  const justification = page.getByLabel('Alasan penetapan di luar kurva');
  await expect(justification).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`[id="${await justification.getAttribute('aria-describedby')}"]`)).toContainText('alasan wajib diisi');
  await expectAccessible(page);
  await justification.fill('Unit kecil (enam pegawai); tidak ada pegawai yang kinerjanya di bawah ekspektasi.');
  await page.getByRole('button', { name: 'Lakukan penetapan' }).click();
  await expect(unitCard(page)).toContainText(`Ditetapkan oleh ${KADIS.name} (NIP ${KADIS.nip}) pada`);
  await expect(unitCard(page)).toContainText('Unit kecil (enam pegawai); tidak ada pegawai yang kinerjanya di bawah ekspektasi.');
  await expect(page.getByRole('button', { name: 'Lakukan penetapan' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Kurva per unit' }).getByRole('row', { name: new RegExp(UNIT) })).toContainText('Sudah ditetapkan');
  await accessibleAtBothWidths(page);
});

test('the city dashboard shows its charts and exports its lists as CSV and XLSX', async ({ page }) => {
  await signIn(page, BKPSDM, 'Admin kota (BKPSDM)');
  await nav(page).getByRole('link', { name: 'Dasbor' }).click();
  await expect(page.getByRole('heading', { name: 'Dasbor', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Instansi', { exact: true })).toHaveValue('');
  // SKP completion per agency: Dinkes's approved plans, and Disdukcapil's one draft among eight people.
  const skp = page.locator('section', { has: page.getByRole('heading', { name: `Penyelesaian SKP ${YEAR}` }) });
  await expect(skp.getByText('Persentase pegawai dengan SKP disetujui, per instansi')).toBeVisible();
  await expect(skp.getByRole('listitem').filter({ hasText: 'Dinas Kependudukan dan Pencatatan Sipil' })).toContainText('0% (dari 8 pegawai)');
  // Predicate distribution: the curve chart of the city and one stacked bar per agency.
  const predicates = page.locator('section', { has: page.getByRole('heading', { name: `Distribusi predikat kinerja tahunan ${YEAR}` }) });
  await expect(predicates.getByRole('img', { name: `Distribusi predikat pegawai, Seluruh kota ${YEAR}` })).toBeVisible();
  await expect(predicates.getByRole('listitem').filter({ hasText: 'Dinas Kependudukan dan Pencatatan Sipil' })).toContainText('SB 1, B 4');
  // IKM of the Bidang's second semester, and the complaint against the SLA.
  const ikm = page.locator('section', { has: page.getByRole('heading', { name: `IKM unit layanan ${YEAR}` }) });
  // By the unit's name, as the directory has it.
  await expect(ikm.getByRole('row', { name: new RegExp(`^Bidang Pelayanan Pendaftaran Penduduk \\(PDP\\) .*Semester II ${YEAR}`) })).toBeVisible();
  await expect(ikm.getByRole('listitem').filter({ hasText: `Bidang Pelayanan Pendaftaran Penduduk, Semester II ${YEAR}:` })).toHaveCount(1);
  const sla = page.locator('section', { has: page.getByRole('heading', { name: 'SLA pengaduan' }) });
  await expect(sla.getByRole('listitem').filter({ hasText: 'Dinas Kependudukan dan Pencatatan Sipil' })).toContainText('100% (dari 1 pengaduan)');
  // The city's trend counts every agency's people (other journeys rate Dinkes's): five years listed.
  const trend = page.locator('section', { has: page.getByRole('heading', { name: `Tren predikat ${YEAR - 4}–${YEAR}` }) });
  await expect(trend.getByRole('listitem')).toHaveCount(5);
  await expectAccessible(page);

  // The predicate list as CSV and XLSX, checked by content.
  const csv = await downloaded(page, () => predicates.getByRole('button', { name: `Unduh CSV: Distribusi predikat ${YEAR} per instansi` }).click());
  expect(csv.download.suggestedFilename()).toBe(`distribusi-predikat-${YEAR}.csv`);
  const lines = csv.body.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('Instansi,Sangat Baik,Baik,Butuh Perbaikan,Kurang/Misconduct,Sangat Kurang,Jumlah');
  expect(lines).toContain('Dinas Kependudukan dan Pencatatan Sipil,1,4,0,0,0,5');
  const xlsx = await downloaded(page, () => skp.getByRole('button', { name: `Unduh XLSX: Penyelesaian SKP ${YEAR} per instansi` }).click());
  expect(xlsx.download.suggestedFilename()).toBe(`penyelesaian-skp-${YEAR}.xlsx`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).values).toEqual([undefined, 'Instansi', 'Pegawai', 'SKP disetujui', 'Disetujui (%)', 'Sudah mulai (%)']);
  const rows = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
  expect(rows).toContainEqual(['Dinas Kependudukan dan Pencatatan Sipil', 8, 0, 0, 12.5]);

  // One agency: the same page, its own figures.
  await page.getByLabel('Instansi', { exact: true }).selectOption({ label: 'Dinas Kependudukan dan Pencatatan Sipil (DISDUKCAPIL)' });
  await expect(page.getByText(`Dinas Kependudukan dan Pencatatan Sipil, tahun ${YEAR}`)).toBeVisible();
  await expect(page.locator('section', { has: page.getByRole('heading', { name: 'SLA pengaduan' }) }).getByRole('listitem').filter({ hasText: 'PELAYANAN' })).toBeVisible();
  await expect(trend.getByRole('listitem').filter({ hasText: String(YEAR) })).toContainText('SB 1, B 4');
  await accessibleAtBothWidths(page);
  // Back to the city, its SKP completion held back on the way: while it loads, the section says so
  // and shows nothing of the one agency's answer as the city's.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/skp-completion?*', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel('Instansi', { exact: true }).selectOption({ label: 'Seluruh kota' });
  await expect(skp.getByRole('status')).toHaveText('Memuat…');
  await expect(skp.getByRole('listitem')).toHaveCount(0);
  release();
  await expect(skp.getByRole('listitem').filter({ hasText: 'Dinas Kependudukan dan Pencatatan Sipil' })).toBeVisible();
  await expect(skp.getByRole('listitem').filter({ hasText: 'Dinas Kesehatan' })).toContainText('(dari 6 pegawai)');
  await page.unroute('**/skp-completion?*');
  await screenshot(page, 'dashboard-kota');
  expect(baseUrl()).toMatch(/^http/);
});

test('the city-wide pages of BKPSDM ask nothing before they know the agency', async ({ page }) => {
  // Opened by address: the agency is the first of the list once the list is there.
  const asked: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/')) asked.push(new URL(request.url()).pathname);
  });
  await signIn(page, BKPSDM, 'Admin kota (BKPSDM)');
  await page.goto(`${baseUrl()}/monitoring-kurva`);
  await expect(page.getByRole('heading', { name: 'Monitoring Kurva', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Instansi', { exact: true })).not.toHaveValue('');
  await expect.poll(() => asked.some((path) => /\/agencies\/[^/]+\/periods$/.test(path))).toBe(true);
  await page.goto(`${baseUrl()}/capaian-layanan/unit`);
  await expect(page.getByRole('heading', { name: 'Capaian layanan unit', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Unit', { exact: true })).toBeVisible();
  await expect.poll(() => asked.some((path) => /\/agencies\/[^/]+\/organisation$/.test(path))).toBe(true);
  expect(asked.filter((path) => path.includes('//'))).toEqual([]);
  await expectAccessible(page);
});
