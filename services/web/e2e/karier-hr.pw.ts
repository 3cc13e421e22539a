import { expect, test, type Page } from '@playwright/test';
import { accessibleAtBothWidths, baseUrl, expectAccessible, PHONE, screenshot, signIn as signInPage, signOut } from './support/console';

// The console's small city with its career data (libs/cli/src/console-fixture-career.ts): the
// Kepala Bidang is admin OPD and PPK delegate, the Kepala Dinas the PPK, the Sekda an admin OPD;
// the rekan (Dewi) has Baik in the last two years, three years in her rank, and this year's annual
// predicate set (Baik) but not final. These journeys touch only her annual evaluation.
const REKAN = { nip: '199204102018012001', name: 'Dewi Lestari' };
const PEGAWAI = { nip: '199003152015031002', name: 'Budi Santoso' };
const KABID = { nip: '197505052000031002', name: 'Agus Prasetyo' };
const KADIS = { nip: '197001011995031001', name: 'Ratna Sari' };
const SEKDA = { nip: '196805121990031002', name: 'Hendra Wijaya' };
const YEAR = new Date().getFullYear();
const KP_PERIOD = `${YEAR + 1}-04-01`;
const DECISION = `KP-${YEAR + 1}-04-${REKAN.nip.slice(-6)}`;

test.describe.configure({ mode: 'serial' });

async function signIn(page: Page, person: { nip: string; name: string }, role: 'Pegawai' | 'Pejabat penilai' | 'Admin OPD' | 'PPK'): Promise<void> {
  await signInPage(page, person, role);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Menu utama' });
const sections = (page: Page) => page.getByRole('navigation', { name: 'Bagian karier pegawai' });
const decisionCard = (page: Page) => page.locator('article.card', { has: page.getByRole('heading', { name: new RegExp(`^${DECISION}: Kenaikan pangkat`) }) });

test('HR proposes a kenaikan pangkat for an eligible person; the proposer may not approve it; the PPK approves; a third person issues it', async ({ page }) => {
  await signIn(page, KABID, 'Admin OPD');
  await nav(page).getByRole('link', { name: 'Karier pegawai' }).click();
  await expect(page.getByRole('heading', { name: 'Kelayakan karier', level: 1 })).toBeVisible();
  // The next KP period after today, with the reason for each person in or out.
  const period = page.getByLabel('Periode kenaikan pangkat (1 April atau 1 Oktober)');
  await expect(period).toHaveValue(KP_PERIOD);
  // A field of one line, on a phone too (a flex rule once stretched it to 12rem tall there).
  expect((await period.boundingBox())!.height).toBeLessThan(64);
  await page.setViewportSize(PHONE);
  expect((await period.boundingBox())!.height).toBeLessThan(64);
  await page.setViewportSize({ width: 1280, height: 720 });
  const inList = page.getByRole('table', { name: 'Memenuhi syarat' });
  const rekan = inList.getByRole('row', { name: new RegExp(REKAN.name) });
  await expect(rekan).toContainText(`Terpenuhi: Predikat tahun ${YEAR - 1} Baik`);
  await expect(rekan).toContainText(`Terpenuhi: Predikat tahun ${YEAR} Baik (belum final)`);
  await expect(rekan).toContainText('Terpenuhi: Masa kerja dalam pangkat 2 tahun');
  await expect(rekan).toContainText(`Predikat tahun ${YEAR} belum final`);
  const outList = page.getByRole('table', { name: 'Belum memenuhi syarat' });
  const pegawai = outList.getByRole('row', { name: new RegExp(PEGAWAI.name) });
  await expect(pegawai).toContainText(`Tidak terpenuhi: Predikat tahun ${YEAR - 1} Kurang/Misconduct, disyaratkan paling rendah Baik`);
  await expect(pegawai).toContainText('Tidak terpenuhi: Masa kerja dalam pangkat belum 2 tahun');
  // A large agency lists hundreds: the filter narrows both lists by name (any case) or NIP.
  const inOnly = page.getByRole('table', { name: 'Memenuhi syarat', exact: true });
  const [inRows, outRows] = [await inOnly.getByRole('row').count(), await outList.getByRole('row').count()];
  const everyone = inRows + outRows - 2;
  expect(everyone).toBeGreaterThan(2);
  const filter = page.getByLabel('Saring menurut nama atau NIP');
  await filter.fill(' dewi ');
  await expect(inOnly.getByRole('row')).toHaveCount(2);
  await expect(rekan).toBeVisible();
  await expect(outList).toHaveCount(0);
  await expect(page.getByText(`Menampilkan 1 dari ${everyone} pegawai.`)).toBeVisible();
  await filter.fill(PEGAWAI.nip);
  await expect(inOnly).toHaveCount(0);
  await expect(page.getByText('Tidak ada pegawai yang memenuhi syarat dengan nama atau NIP tersebut.')).toBeVisible();
  await expect(outList.getByRole('row')).toHaveCount(2);
  await expect(pegawai).toBeVisible();
  await accessibleAtBothWidths(page);
  await filter.fill('');
  await expect(inOnly.getByRole('row')).toHaveCount(inRows);
  await expect(outList.getByRole('row')).toHaveCount(outRows);
  await expect(page.getByText(/^Menampilkan \d+ dari/)).toHaveCount(0);
  await accessibleAtBothWidths(page);
  // On a phone, one card per person: the reasons at the card's width and the proposal button on screen.
  await page.setViewportSize(PHONE);
  const inCards = page.getByRole('region', { name: 'Memenuhi syarat', exact: true });
  const rekanCard = inCards.locator('li.person-card', { hasText: REKAN.name });
  await expect(rekanCard).toContainText('Terpenuhi: Masa kerja dalam pangkat 2 tahun');
  await expect(page.getByRole('region', { name: 'Belum memenuhi syarat' }).locator('li.person-card', { hasText: PEGAWAI.name })).toContainText(
    'Tidak terpenuhi: Masa kerja dalam pangkat belum 2 tahun',
  );
  const button = rekanCard.getByRole('button', { name: `Usulkan Kenaikan pangkat untuk ${REKAN.name}` });
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  // In the table it was ~930 px tall, a word a line.
  expect((await rekanCard.boundingBox())!.height).toBeLessThan(500);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(inOnly).toBeVisible();

  await rekan.getByRole('button', { name: `Usulkan Kenaikan pangkat untuk ${REKAN.name}` }).click();
  // The form opens above the lists: focus moves to it, so a person far down the list sees it.
  await expect(page.getByRole('heading', { name: `Usulan Kenaikan pangkat: ${REKAN.name}` })).toBeFocused();
  await expect(page.getByLabel('Nomor keputusan')).toHaveValue(DECISION);
  await page.getByRole('button', { name: 'Catat usulan' }).click();
  await expect(page.getByText(`Usulan ${DECISION} telah dicatat dan menunggu persetujuan PPK.`)).toBeVisible();
  await page.getByRole('link', { name: 'Lihat di register keputusan' }).click();
  await expect(page.getByRole('heading', { name: 'Register keputusan karier', level: 1 })).toBeVisible();
  await expect(decisionCard(page)).toContainText('Diusulkan');
  await expect(decisionCard(page)).toContainText(`${KABID.nip} (Anda)`);

  // The same person in the PPK role: the page says who may approve, the API refuses, the page explains.
  await page.getByLabel('Peran aktif').selectOption({ label: 'PPK (DINKES)' });
  await expect(decisionCard(page).getByText('Anda mengusulkan keputusan ini: persetujuannya harus diberikan PPK lain atau delegasinya.')).toBeVisible();
  await decisionCard(page).getByRole('button', { name: 'Setujui' }).click();
  await expect(decisionCard(page).getByRole('alert')).toContainText('Pengusul tidak dapat juga menyetujui, menolak, atau menerbitkan keputusan yang sama');
  await expect(decisionCard(page).getByRole('alert')).toContainText('Pemisahan tugas: pengusul, pemberi persetujuan, dan penerbit keputusan harus tiga orang yang berbeda');
  await expect(decisionCard(page).locator('.badge')).toHaveText('Diusulkan');
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, KADIS, 'PPK');
  await nav(page).getByRole('link', { name: 'Karier pegawai' }).click();
  await sections(page).getByRole('link', { name: 'Register keputusan' }).click();
  await expect(decisionCard(page)).toContainText(`Menunggu persetujuan PPK atau delegasinya. Pengusul (${KABID.nip}) tidak dapat menyetujui keputusan ini.`);
  await decisionCard(page).getByRole('button', { name: 'Setujui' }).click();
  await expect(decisionCard(page).locator('.badge')).toHaveText('Disetujui PPK');
  // The approver may not issue either: a third person does.
  await expect(decisionCard(page)).toContainText('Anda sudah mengusulkan atau menyetujui keputusan ini: penerbitannya harus oleh orang lain.');
  await signOut(page);

  await signIn(page, SEKDA, 'Admin OPD');
  await page.goto(`${baseUrl()}/sdm/karier/keputusan`);
  await expect(decisionCard(page)).toContainText(`Dapat diterbitkan oleh PPK, delegasinya, atau admin kepegawaian selain pengusul (${KABID.nip}) dan yang menyetujui (${KADIS.nip}).`);
  await decisionCard(page).getByRole('button', { name: 'Terbitkan' }).click();
  await expect(decisionCard(page).locator('.badge')).toHaveText('Diterbitkan');
  await expect(decisionCard(page)).toContainText(`${SEKDA.nip} (Anda) (penerbitan ke-1)`);
  await signOut(page);
});

test('after a keberatan changes the predicate, the register shows the revocation and links to the change', async ({ page }) => {
  await signIn(page, REKAN, 'Pegawai');
  await nav(page).getByRole('link', { name: 'Penilaian' }).click();
  const evaluation = page.locator('section.card', { has: page.getByRole('heading', { name: new RegExp(`^Periode Tahun ${YEAR} `) }) });
  await evaluation.getByLabel('Alasan keberatan').fill('Saya mohon peninjauan: seluruh laporan analisis data telah diunggah.');
  await evaluation.getByRole('button', { name: 'Ajukan keberatan' }).click();
  await expect(evaluation.getByText('Keberatan Anda sedang diproses oleh atasan pejabat penilai.')).toBeVisible();
  await signOut(page);

  // The atasan of the pejabat penilai finds the reports were copies and lowers the rating.
  await signIn(page, KABID, 'Pejabat penilai');
  await nav(page).getByRole('link', { name: 'Keberatan' }).click();
  const objection = page.locator('section.card', { has: page.getByRole('heading', { name: `Keberatan ${REKAN.nip} atas periode Tahun ${YEAR}` }) });
  await objection.getByLabel('Pertanyaan').fill('Mohon penjelasan atas laporan analisis data.');
  await objection.getByRole('button', { name: 'Minta penjelasan pejabat penilai' }).click();
  await expect(objection.getByText(/^Pejabat penilai: Mohon penjelasan/)).toBeVisible();
  await objection.getByRole('button', { name: 'Minta penjelasan pegawai' }).click();
  await expect(objection.getByText(/^Pegawai: Mohon penjelasan/)).toBeVisible();
  await objection.getByRole('radio', { name: 'Ubah penilaian' }).check();
  await objection.getByLabel('Rating hasil kerja').selectOption({ label: 'Di bawah ekspektasi' });
  await objection.getByLabel('Rating perilaku kerja').selectOption({ label: 'Sesuai ekspektasi' });
  await objection.getByLabel('Alasan keputusan').fill('Sebagian laporan adalah salinan laporan sebelumnya; capaian di bawah ekspektasi.');
  await objection.getByRole('button', { name: 'Putuskan keberatan' }).click();
  await expect(page.getByText('Tidak ada keberatan yang menunggu keputusan Anda.')).toBeVisible();
  await signOut(page);

  // The changed predicate reaches career-decisions by events; the saga revokes the kenaikan pangkat.
  await signIn(page, SEKDA, 'Admin OPD');
  await nav(page).getByRole('link', { name: 'Karier pegawai' }).click();
  await sections(page).getByRole('link', { name: 'Register keputusan' }).click();
  await expect(async () => {
    await page.reload();
    await expect(decisionCard(page).locator('.badge')).toHaveText('Dicabut', { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  const card = decisionCard(page);
  await expect(card).toContainText(`Dicabut karena predikat tahun ${YEAR} berubah dari Baik menjadi Butuh Perbaikan (keputusan atas keberatan`);
  await expect(card).toContainText(`Predikat tahun ${YEAR} Butuh Perbaikan, disyaratkan paling rendah Baik`);
  await accessibleAtBothWidths(page);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'register-keputusan');
  await card.getByRole('link', { name: `Lihat perubahan predikat ${YEAR} pada riwayat ${REKAN.name}` }).click();
  const row = page.getByRole('row', { name: new RegExp(`^${YEAR}`) });
  await expect(row).toBeFocused();
  await expect(row).toContainText('Butuh Perbaikan (final)');
  await expectAccessible(page);
});

test('the talent map opens a box by keyboard and lists who is in it and why; the pool screens out a penalty with the reason', async ({ page }) => {
  await signIn(page, SEKDA, 'Admin OPD');
  await nav(page).getByRole('link', { name: 'Karier pegawai' }).click();
  await sections(page).getByRole('link', { name: 'Peta talenta' }).click();
  const grid = page.getByRole('grid', { name: 'Peta talenta: potensial (baris) terhadap kinerja (kolom)' });
  await expect(grid.getByRole('button', { name: /^Kotak 9, .*: 1 orang$/ })).toBeVisible();
  // Keyboard: the grid is one tab stop (box 6, top left, first); arrows move, Enter opens.
  await grid.getByRole('button', { name: /^Kotak 6,/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(grid.getByRole('button', { name: /^Kotak 8,/ })).toBeFocused();
  await page.keyboard.press('Enter');
  const opened = page.getByRole('region', { name: /^Kotak 8: Kinerja sesuai ekspektasi dan potensial tinggi \(1 orang\)$/ });
  await expect(opened).toContainText(REKAN.name);
  await expect(opened).toContainText(`Kinerja sesuai ekspektasi: predikat ${YEAR - 2} Baik, ${YEAR - 1} Baik, rata-rata skor 80`);
  await expect(opened).toContainText('Potensial tinggi: skor asesmen 92 (paling rendah 90)');
  await expect(opened).toContainText('Masuk kelompok rencana suksesi.');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(grid.getByRole('button', { name: /^Kotak 7,/ })).toBeFocused();
  await page.keyboard.press('Space');
  const seven = page.getByRole('region', { name: /^Kotak 7:/ });
  await expect(seven).toContainText(KABID.name);
  await expect(seven).toContainText('Tidak masuk kelompok rencana suksesi: Menjalani hukuman disiplin tingkat sedang dalam 2 tahun terakhir.');
  const pool = page.getByRole('region', { name: /^Kelompok rencana suksesi \(kotak 7–9\)/ });
  await expect(pool).toContainText(`${REKAN.name} (NIP ${REKAN.nip}), kotak 8`);
  await expect(pool).toContainText(`${KABID.name} (NIP ${KABID.nip}), kotak 7: Menjalani hukuman disiplin tingkat sedang`);
  await accessibleAtBothWidths(page);
  await screenshot(page, 'talent-map');
});

test('20 JP per person and for the agency, and the under-performance case on its six-month timeline', async ({ page }) => {
  await signIn(page, KADIS, 'PPK');
  await nav(page).getByRole('link', { name: 'Karier pegawai' }).click();
  await sections(page).getByRole('link', { name: 'Pengembangan 20 JP' }).click();
  const unit = page.getByRole('region', { name: `Instansi DINKES, tahun ${YEAR}` });
  await expect(unit).toContainText('0 dari 6 pegawai');
  const perPerson = page.getByRole('table', { name: `JP per pegawai tahun ${YEAR}` });
  await expect(perPerson.getByRole('row', { name: new RegExp(PEGAWAI.name) })).toContainText('8 dari 20 JP');
  await expect(perPerson.getByRole('row', { name: new RegExp(PEGAWAI.name) })).toContainText('Kurang 12 JP dari kewajiban.');
  await accessibleAtBothWidths(page);

  await sections(page).getByRole('link', { name: 'Perbaikan kinerja' }).click();
  const kasus = page.getByRole('article', { name: `${PEGAWAI.name}: predikat ${YEAR - 1} Kurang/Misconduct` });
  await expect(kasus).toContainText('Masa perbaikan berjalan');
  const timeline = kasus.getByRole('list', { name: 'Linimasa perbaikan kinerja' });
  await expect(timeline).toContainText(`1 Februari ${YEAR}: masa perbaikan dimulai`);
  await expect(timeline).toContainText('Laporan surveilans mingguan tepat waktu (tercapai)');
  await expect(timeline).toContainText('Pelatihan analisis data selesai (tercapai)');
  await expect(timeline).toContainText(`1 Agustus ${YEAR}: masa perbaikan enam bulan berakhir`);
  await accessibleAtBothWidths(page);
});
