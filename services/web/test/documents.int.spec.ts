import { PdfRenderer, qrDataUrl } from '../src/pdf/render';
import { contentHash } from '../src/documents/compose';
import { EvaluationModel, SkpModel } from '../src/documents/document-models';
import { normaliseShortCode, newShortCode } from '../src/documents/printed-documents';
import { documentHtml, isLandscape, PrintMeta } from '../src/documents/templates';
import { pdfPageSizes, pdfQr, pdfText } from './pdf-reading';

const pegawai = { nip: '199001012015011001', nama: 'Siti Rahayu', pangkatGolongan: 'Penata Muda, III/a', jabatan: 'Analis Kebijakan', unitKerja: 'Bidang Pelayanan' };
const pejabat = { nip: '198001012005011002', nama: 'Budi Santoso', pangkatGolongan: 'Pembina, IV/a', jabatan: 'Kepala Bidang Pelayanan', unitKerja: 'Dinas Kesehatan' };

const skp: SkpModel = {
  kind: 'SKP',
  skpId: 'skp-1',
  version: 2,
  status: 'APPROVED',
  latestApprovedVersion: 2,
  approvedAt: '2026-02-03T03:00:00Z',
  periode: { start: '2026-01-01', end: '2026-12-31' },
  approach: 'KUANTITATIF',
  pegawai,
  pejabatPenilai: pejabat,
  hasilKerja: [
    {
      jenis: 'UTAMA',
      judul: 'Utama',
      rows: [
        {
          no: 1,
          rencanaHasilKerjaAtasan: 'Meningkatnya mutu layanan puskesmas',
          rencanaHasilKerja: 'Tersusunnya kajian antrean layanan',
          aspek: 'KUANTITAS',
          indikatorKinerjaIndividu: 'Jumlah kajian yang selesai',
          target: '4 dokumen',
          periodTargets: [{ periodId: '2026-S1', target: '2 dokumen' }],
          rhkId: 'RHK-1',
          ikiId: 'IKI-1',
        },
      ],
    },
    { jenis: 'TAMBAHAN', judul: 'Tambahan', rows: [] },
  ],
  perilakuKerja: [{ coreValue: 'BERORIENTASI_PELAYANAN', label: 'Berorientasi Pelayanan', panduanPerilaku: ['Memahami dan memenuhi kebutuhan masyarakat'], ekspektasiKhusus: 'Menjawab aduan dalam dua hari kerja' }],
  lampiran: { dukunganSumberDaya: ['Akses data antrean SIMPUS'], skemaPertanggungjawaban: ['Laporan triwulanan kepada Kepala Bidang'], konsekuensi: ['Rekomendasi pelatihan bila target tidak tercapai'] },
};

const evaluation: EvaluationModel = {
  kind: 'EVALUASI',
  evaluationId: 'DINKES:2026:ANNUAL:199001012015011001',
  periodId: 'DINKES:2026:ANNUAL',
  periodKind: 'ANNUAL',
  periodLabel: 'Tahunan 2026',
  annual: true,
  year: 2026,
  status: 'FINALIZED',
  pegawai,
  pejabatPenilai: pejabat,
  atasanPejabatPenilai: { nip: '197001012000011003', nama: 'Dewi Lestari', pangkatGolongan: null, jabatan: null, unitKerja: null },
  unit: { unitId: 'DINKES-YAN', unitName: 'Bidang Pelayanan' },
  capaianKinerjaOrganisasi: 'BAIK',
  polaDistribusi: [
    { predicate: 'SANGAT_BAIK', count: 1 },
    { predicate: 'BAIK', count: 3 },
    { predicate: 'BUTUH_PERBAIKAN', count: 1 },
    { predicate: 'KURANG_MISCONDUCT', count: 0 },
    { predicate: 'SANGAT_KURANG', count: 0 },
  ],
  hasilKerja: skp.hasilKerja[0]!.rows.map((r) => ({ ...r, jenis: 'UTAMA', realisasi: ['4 dokumen (2026)'] })),
  perilakuKerja: skp.perilakuKerja,
  ratingHasil: 'DI_ATAS',
  ratingPerilaku: 'SESUAI',
  predikat: 'BAIK',
  catatan: 'Kajian selesai lebih awal; pertahankan.',
  ratedAt: '2027-01-10T02:00:00Z',
  keberatan: {
    alasan: 'Realisasi triwulan IV belum diperhitungkan',
    diajukanPada: '2027-01-12T02:00:00Z',
    penjelasan: [{ dari: 'PEJABAT_PENILAI', pertanyaan: 'Mohon bukti triwulan IV', penjelasan: 'Bukti sudah diunggah' }],
    keputusan: { hasil: 'CHANGE', alasan: 'Bukti triwulan IV sah', diputuskanOleh: '197001012000011003', diputuskanPada: '2027-01-20T02:00:00Z', sebelumnya: { ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', predikat: 'BAIK' } },
  },
  finalizedAt: '2027-01-20T02:00:00Z',
};

/** A4 is 595.3 × 841.9 pt; Chromium rounds to whole CSS pixels (595.9 × 842.9). */
const isA4 = ([w, h]: [number, number], orientation: 'portrait' | 'landscape') => {
  const [short, long] = orientation === 'portrait' ? [w, h] : [h, w];
  return Math.abs(short - 595.3) < 1.5 && Math.abs(long - 841.9) < 1.5;
};

describe('official documents as PDF (headless Chromium, read back with poppler)', () => {
  const renderer = new PdfRenderer(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  afterAll(() => renderer.close());

  const meta = async (code: string): Promise<PrintMeta> => {
    const verifyUrl = `http://127.0.0.1:3000/verifikasi/${code}`;
    return { code, verifyUrl, qr: await qrDataUrl(verifyUrl), place: 'Kota Kinerja', printedAt: new Date('2026-12-05T03:00:00Z'), timeZone: 'Asia/Jakarta' };
  };

  it('the SKP: A4 portrait, the form of PermenPANRB 6/2022 with its lampiran and signature blocks, and the QR code of its verification page', async () => {
    const code = newShortCode();
    const pdf = await renderer.render(documentHtml(skp, await meta(code)), { landscape: isLandscape(skp) });
    const text = pdfText(pdf);
    for (const expected of [
      'SASARAN KINERJA PEGAWAI',
      'PENDEKATAN HASIL KERJA KUANTITATIF',
      'PERIODE PENILAIAN: 1 Januari 2026 s.d. 31 Desember 2026',
      'PEGAWAI YANG DINILAI',
      'PEJABAT PENILAI KINERJA',
      'Siti Rahayu',
      '199001012015011001',
      'Penata Muda, III/a',
      'Meningkatnya mutu layanan puskesmas',
      'Tersusunnya kajian antrean layanan',
      'Jumlah kajian yang selesai',
      '4 dokumen',
      'PERILAKU KERJA',
      'Berorientasi Pelayanan',
      'Menjawab aduan dalam dua hari kerja',
      'LAMPIRAN SASARAN KINERJA PEGAWAI',
      'DUKUNGAN SUMBER DAYA',
      'Akses data antrean SIMPUS',
      'SKEMA PERTANGGUNGJAWABAN',
      'Laporan triwulanan kepada Kepala Bidang',
      'KONSEKUENSI',
      'Rekomendasi pelatihan bila target tidak tercapai',
      'Kota Kinerja, 5 Desember 2026',
      'NIP. 198001012005011002',
      code,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('KONSEP');
    const sizes = pdfPageSizes(pdf);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    for (const size of sizes) expect(isA4(size, 'portrait')).toBe(true);
    expect(pdfQr(pdf)).toBe(`http://127.0.0.1:3000/verifikasi/${code}`);
  });

  it('a working copy is printed as KONSEP', async () => {
    const draft: SkpModel = { ...skp, version: null, status: 'DRAFT', latestApprovedVersion: null, approvedAt: null };
    expect(pdfText(await renderer.render(documentHtml(draft, await meta(newShortCode()))))).toContain('KONSEP');
  });

  it('the annual Dokumen Evaluasi Kinerja Pegawai: A4 landscape, capaian kinerja organisasi, ratings, predikat, catatan, keberatan, penjelasan and keputusan', async () => {
    const code = newShortCode();
    const pdf = await renderer.render(documentHtml(evaluation, await meta(code)), { landscape: isLandscape(evaluation) });
    const text = pdfText(pdf);
    for (const expected of [
      'DOKUMEN EVALUASI KINERJA PEGAWAI',
      'PERIODE: TAHUNAN',
      'CAPAIAN KINERJA ORGANISASI',
      'POLA DISTRIBUSI',
      'REALISASI BERDASARKAN BUKTI DUKUNG',
      '4 dokumen (2026)',
      'RATING HASIL KERJA',
      'DI ATAS EKSPEKTASI',
      'RATING PERILAKU KERJA',
      'SESUAI EKSPEKTASI',
      'PREDIKAT KINERJA PEGAWAI',
      'CATATAN/REKOMENDASI',
      'Kajian selesai lebih awal; pertahankan.',
      'KEBERATAN',
      'Realisasi triwulan IV belum diperhitungkan',
      'Mohon bukti triwulan IV',
      'Bukti sudah diunggah',
      'Mengubah penilaian: Bukti triwulan IV sah',
      'Dewi Lestari',
      'Kota Kinerja, 5 Desember 2026',
      code,
    ]) {
      expect(text).toContain(expected);
    }
    for (const size of pdfPageSizes(pdf)) expect(isA4(size, 'landscape')).toBe(true);
    expect(pdfQr(pdf)).toBe(`http://127.0.0.1:3000/verifikasi/${code}`);
  });

  it('a periodic evaluation has no keberatan part', async () => {
    const periodic: EvaluationModel = { ...evaluation, periodKind: 'SEMESTER', periodLabel: 'Semester I 2026', annual: false, keberatan: null };
    const text = pdfText(await renderer.render(documentHtml(periodic, await meta(newShortCode())), { landscape: true }));
    expect(text).toContain('PERIODE: PERIODIK — Semester I 2026');
    expect(text).not.toContain('KEBERATAN');
  });
});

describe('content hash and short codes', () => {
  it('the hash does not depend on key order (the record comes back from jsonb) and changes with any fact', () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(skp).reverse()))) as SkpModel;
    expect(contentHash(reordered)).toBe(contentHash(skp));
    expect(contentHash({ ...skp, lampiran: { ...skp.lampiran, konsekuensi: [] } })).not.toBe(contentHash(skp));
  });

  it('a code typed from paper is forgiven case, spaces and look-alike letters; anything else is no code', () => {
    const code = newShortCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseShortCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
    expect(normaliseShortCode('abcd-efgh-jkmo')).toBe('ABCD-EFGH-JKM0');
    expect(normaliseShortCode('ABCD-EFGH-JKM')).toBeNull();
    expect(normaliseShortCode('ABCD-EFGH-JKMU')).toBeNull();
  });
});
