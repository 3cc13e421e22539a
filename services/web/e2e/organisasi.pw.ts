import { expect, test, type Locator, type Page } from '@playwright/test';
import { accessibleAtBothWidths, baseUrl, screenshot, signIn } from './support/console';

// The console's small city (libs/cli/src/console-fixture.ts): the Sekda (Hendra Wijaya) is the
// city's HR administrator (ADMIN_CITY) and reports to the kepala daerah (Wali Kota H. Ahmad Fauzi);
// BKPSDM is registered with two units and nobody in it yet.
const SEKDA = { nip: '196805121990031002', name: 'Hendra Wijaya' };
const KABAN = '197208172000031001';
const KABID = '197912122005021002';
const STAF = '199511202020122003';
const HEADER = 'NIP,NAMA,STATUS_ASN,GOLONGAN,TMT_GOLONGAN,JABATAN,JENIS_JABATAN,KODE_UNOR,NIP_ATASAN,TMT_JABATAN';
const rows = (kabidTmtGolongan: string, stafStatus: string, stafUnit: string) =>
  [
    HEADER,
    `${KABAN},Drs. Bambang Hartono,PNS,IV/c,2022-04-01,Kepala Badan Kepegawaian,JPT_PRATAMA,BKPSDM,${SEKDA.nip},2023-01-02`,
    `${KABID},Yuliana Putri,PNS,IV/a,${kabidTmtGolongan},Kepala Bidang Mutasi dan Promosi,ADMINISTRATOR,MUTASI,${KABAN},2023-01-02`,
    `${STAF},Rizky Ramadhan,${stafStatus},III/a,2021-01-01,Analis Kepegawaian,PELAKSANA,${stafUnit},${KABID},2023-01-02`,
  ].join('\n') + '\n';
const YEAR = new Date().getFullYear();
// The import names each post by its unit and title (csv-import.rules.ts).
const KABAN_POST = 'BKPSDM/kepala-badan-kepegawaian';
const KABID_POST = 'MUTASI/kepala-bidang-mutasi-dan-promosi';
/** A post in the tree, by the id each position's item carries. */
const post = (tree: Locator, positionId: string) => tree.locator(`li.position[data-position="${positionId}"]`);

test.describe.configure({ mode: 'serial' });

const nav = (page: Page) => page.getByRole('navigation', { name: 'Menu utama' });
const csvFile = (text: string) => ({ name: 'organisasi-bkpsdm.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

async function signInAsHr(page: Page): Promise<void> {
  await signIn(page, SEKDA, 'Admin kota (BKPSDM)');
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

test('HR imports an organisation file: every error by row and column, then the diff, then all at once; browses the tree as of a date; grants a role', async ({ page }) => {
  await signInAsHr(page);
  // Only the HR roles see the pages.
  await nav(page).getByRole('link', { name: 'Organisasi' }).click();
  await expect(page.getByRole('heading', { name: 'Organisasi', level: 1 })).toBeVisible();
  await page.getByLabel('Instansi (OPD)').selectOption('BKPSDM');
  await expect(page.getByText('Instansi ini belum memiliki unit kerja pada tanggal tersebut.').or(page.getByRole('list', { name: /^Struktur organisasi BKPSDM/ }))).toBeVisible();

  // A file with three errors on two rows: nothing is stored, every error is listed by row and column.
  const importer = page.getByRole('region', { name: 'Impor organisasi dari berkas CSV' });
  await importer.getByLabel('Berkas CSV').setInputFiles(csvFile(rows('2023-02-30', 'HONORER', 'KEUANGAN')));
  await importer.getByRole('button', { name: 'Periksa dan pratinjau' }).click();
  await expect(importer.getByRole('alert')).toContainText('Berkas ditolak');
  const errors = importer.getByRole('table', { name: 'Kesalahan berkas per baris dan kolom' });
  await expect(errors.getByRole('row', { name: /^3 TMT_GOLONGAN 197912122005021002/ })).toBeVisible();
  await expect(errors.getByRole('row', { name: /^4 STATUS_ASN 199511202020122003/ })).toBeVisible();
  await expect(errors.getByRole('row', { name: /^4 KODE_UNOR 199511202020122003/ })).toContainText('Unit kerja KEUANGAN tidak dikenal');
  await expect(importer.getByRole('button', { name: 'Terapkan impor' })).toHaveCount(0);
  await accessibleAtBothWidths(page);

  // Fixed: the dry run shows what would change, and nothing is stored yet.
  await importer.getByLabel('Berkas CSV').setInputFiles(csvFile(rows('2023-04-01', 'PNS', 'MUTASI')));
  await importer.getByRole('button', { name: 'Periksa dan pratinjau' }).click();
  const preview = importer.getByRole('table', { name: 'Pratinjau perubahan (belum disimpan)' });
  await expect(preview.getByRole('row', { name: new RegExp(`^2 ${KABAN} Pegawai baru`) })).toBeVisible();
  await expect(preview.getByRole('row', { name: new RegExp(`^4 ${STAF} Penugasan baru`) })).toBeVisible();
  await expect(importer.getByText(/^\d+ baris: 3 pegawai baru, 0 pegawai diubah/)).toBeVisible();
  await importer.getByRole('button', { name: 'Terapkan impor' }).click();
  await expect(importer.getByText(/^Impor diterapkan: \d+ perubahan disimpan\.$/)).toBeVisible();

  // The tree today: units, positions, holders; the head reports to the Sekda, who reports to the kepala daerah.
  const tree = page.getByRole('list', { name: /^Struktur organisasi BKPSDM per/ });
  await expect(tree).toContainText('Bidang Mutasi dan Promosi');
  await expect(post(tree, KABID_POST)).toContainText('Kepala Bidang Mutasi dan Promosi · Administrator');
  await expect(post(tree, KABID_POST)).toContainText('Yuliana Putri');
  await expect(post(tree, KABAN_POST)).toContainText('Melapor kepada: jabatan SEKDA pada DINKES');
  // The agency's own unit open, those below it folded with their counts; opened by keyboard.
  await expect(post(tree, KABAN_POST)).toBeVisible();
  await expect(post(tree, KABID_POST)).toBeHidden();
  const bidang = tree.locator('summary', { hasText: 'Bidang Mutasi dan Promosi' });
  await expect(bidang).toContainText(/\d+ jabatan · \d+ pemegang jabatan/);
  await bidang.focus();
  await page.keyboard.press('Enter');
  await expect(post(tree, KABID_POST)).toBeVisible();
  await page.getByRole('button', { name: 'Tutup semua unit' }).click();
  await expect(post(tree, KABAN_POST)).toBeHidden();
  await page.getByRole('button', { name: 'Buka semua unit' }).click();
  await expect(post(tree, KABAN_POST)).toBeVisible();
  await expect(post(tree, KABID_POST)).toBeVisible();
  const chain = page.locator('.note', { has: page.getByRole('heading', { name: 'Garis pelaporan pimpinan' }) });
  await expect(chain).toContainText(`Pejabat penilai${SEKDA.name} · Sekretaris Daerah (DINKES)`);
  await expect(chain).toContainText('Atasan pejabat penilaiWali Kota H. Ahmad Fauzi');

  // A PLH for a week: shown with its period on a date inside it, gone on a date before the posts existed.
  const { csrfToken } = (await (await page.request.get(`${baseUrl()}/auth/session`)).json()) as { csrfToken: string };
  const plh = await page.request.post(`${baseUrl()}/api/work-planning/agencies/BKPSDM/assignments`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { nip: STAF, positionId: KABID_POST, type: 'PLH', from: `${YEAR}-03-02`, to: `${YEAR}-03-06` },
  });
  expect(plh.status()).toBe(201);
  await page.getByLabel('Per tanggal', { exact: true }).fill(`${YEAR}-03-04`);
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  const onDate = page.getByRole('list', { name: `Struktur organisasi BKPSDM per 4 Maret ${YEAR}` });
  await expect(post(onDate, KABID_POST)).toContainText(`PLH Rizky Ramadhan NIP ${STAF} 2 Maret ${YEAR} – 6 Maret ${YEAR}`);
  await expect(post(onDate, KABID_POST)).toBeVisible();
  await screenshot(page, 'organisasi');
  await page.getByLabel('Per tanggal', { exact: true }).fill('2022-12-31');
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  const before = page.getByRole('list', { name: 'Struktur organisasi BKPSDM per 31 Desember 2022' });
  await expect(before).toContainText('Bidang Mutasi dan Promosi');
  await expect(before).not.toContainText('Yuliana Putri');

  // An employee's golongan and TMT, through the search and the edit form.
  const employees = page.getByRole('region', { name: 'Pegawai', exact: true });
  await employees.getByPlaceholder('Cari pegawai (nama atau NIP)').fill('Rizky');
  await employees.getByRole('button', { name: 'Cari' }).click();
  await employees.getByRole('button', { name: 'Ubah data Rizky Ramadhan' }).click();
  await employees.getByLabel('Golongan', { exact: true }).fill('III/b');
  await employees.getByLabel('TMT golongan').fill(`${YEAR}-04-01`);
  await employees.getByRole('button', { name: 'Simpan perubahan' }).click();
  await expect(employees.getByText('Data pegawai telah disimpan.')).toBeVisible();
  await expect(employees.getByRole('row', { name: new RegExp(`${STAF} Rizky Ramadhan III/b`) })).toBeVisible();

  // A role grant, by keyboard: the NIP, the role, the reason, Enter.
  const grants = page.getByRole('region', { name: 'Peran pengelola' });
  await grants.getByLabel('NIP penerima').focus();
  await page.keyboard.type(KABID);
  await page.keyboard.press('Tab');
  await expect(grants.getByLabel('Peran', { exact: true })).toBeFocused();
  await expect(grants.getByLabel('Peran', { exact: true })).toHaveValue('ADMIN_OPD');
  await page.keyboard.press('Tab');
  await page.keyboard.type('SK Kepala BKPSDM 800/45');
  await page.keyboard.press('Enter');
  await expect(grants.getByText('Peran telah diberikan.')).toBeVisible();
  await expect(grants.getByRole('table', { name: 'Peran yang berlaku' }).getByRole('row', { name: new RegExp(`^${KABID} Admin OPD \\(BKPSDM\\) ${SEKDA.nip}`) })).toBeVisible();
  await expect(grants.getByRole('table', { name: `Riwayat peran ${KABID}` }).getByRole('row', { name: /Diberikan Admin OPD \(BKPSDM\) .* SK Kepala BKPSDM 800\/45/ })).toBeVisible();
  await accessibleAtBothWidths(page);
});

test('HR sees the periods of an agency, who has not yet submitted, been approved, realised or been rated, and sends a reminder', async ({ page }) => {
  await signInAsHr(page);
  await nav(page).getByRole('link', { name: 'Periode dan jadwal' }).click();
  await expect(page.getByRole('heading', { name: 'Periode dan jadwal', level: 1 })).toBeVisible();
  await page.getByLabel('Instansi (OPD)').selectOption('DINKES');
  const calendar = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Batas pengisian' }) });
  await expect(calendar.getByRole('row', { name: new RegExp(`^Semester I ${YEAR} 1 Januari ${YEAR} 30 Juni ${YEAR} 31 Januari ${YEAR + 1}`) })).toBeVisible();
  await page.getByLabel('Periode yang dilihat').selectOption({ label: `Semester I ${YEAR}` });
  await expect(page.getByRole('heading', { name: `Kemajuan Semester I ${YEAR}` })).toBeVisible();

  // The Sekda has no SKP in the fixture: listed as not submitted; the Kepala Seksi's S1 waits for a rating by the Kepala Bidang.
  const submit = page.getByRole('region', { name: /^Belum mengajukan SKP/ });
  await expect(submit).toContainText(`${SEKDA.name} NIP ${SEKDA.nip}`);
  const rate = page.getByRole('region', { name: /^Belum dinilai/ });
  await expect(rate.getByText('pejabat penilai: Agus Prasetyo').first()).toBeVisible();
  // Grouped by pejabat penilai with a count, each group folded or opened by keyboard.
  const group = rate.locator('details', { has: page.locator('summary', { hasText: /^pejabat penilai: Agus Prasetyo · \d+ pegawai$/ }) });
  const member = group.getByRole('listitem').first();
  await expect(member).toBeVisible();
  await group.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(member).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(member).toBeVisible();
  await accessibleAtBothWidths(page);

  await submit.getByRole('button', { name: 'Kirim pengingat: Belum mengajukan SKP' }).click();
  await expect(submit.getByText(/^Pengingat dicatat untuk \d+ penerima\.$/)).toBeVisible();
  const reminders = page.getByRole('table', { name: 'Pengingat yang dikirim' });
  await expect(reminders.getByRole('row', { name: new RegExp(`Belum mengajukan SKP .*${SEKDA.name}.* Menunggu dikirim`) })).toBeVisible();
  await screenshot(page, 'periode');
});
