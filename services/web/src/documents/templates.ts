import { tanggalPanjang } from '@kinerja/domain';
import { escapeHtml as h } from '../pdf/render';
import { CurveModel, DocumentModel, EvaluationModel, Person, SkpModel } from './document-models';

/** What every printed page carries besides its content: the verification code and QR, place and date of printing. */
export interface PrintMeta {
  code: string;
  verifyUrl: string;
  /** PNG data: URL of the QR code of verifyUrl. */
  qr: string;
  /** The city, written before the date of the signature blocks. */
  place: string;
  printedAt: Date;
  timeZone: string;
}

export const RATING_LABELS: Record<string, string> = { DI_ATAS: 'Di atas ekspektasi', SESUAI: 'Sesuai ekspektasi', DI_BAWAH: 'Di bawah ekspektasi' };
export const PREDIKAT_LABELS: Record<string, string> = {
  SANGAT_BAIK: 'Sangat Baik',
  BAIK: 'Baik',
  BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG_MISCONDUCT: 'Kurang/Misconduct',
  SANGAT_KURANG: 'Sangat Kurang',
  ISTIMEWA: 'Istimewa',
  KURANG: 'Kurang',
};
const ASPEK_LABELS: Record<string, string> = { KUANTITAS: 'Kuantitas', KUALITAS: 'Kualitas', WAKTU: 'Waktu', BIAYA: 'Biaya' };
const label = (labels: Record<string, string>, value: string | null | undefined) => (value ? (labels[value] ?? value) : '—');

export const DOCUMENT_TITLES: Record<DocumentModel['kind'], string> = {
  SKP: 'Sasaran Kinerja Pegawai',
  EVALUASI: 'Dokumen Evaluasi Kinerja Pegawai',
  KURVA: 'Laporan Kurva Distribusi Predikat Kinerja Pegawai',
};

/** "5 Desember 2026" in the city's time zone. */
export function tanggal(value: Date | string, timeZone: string): string {
  if (typeof value === 'string' && value.length === 10) return tanggalPanjang(value);
  return new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(typeof value === 'string' ? new Date(value) : value);
}

const STYLE = `
  * { box-sizing: border-box; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; color: #000; margin: 0; }
  h1 { font-size: 12pt; text-align: center; margin: 0; }
  h2 { font-size: 10pt; margin: 10pt 0 4pt; }
  .subtitle { text-align: center; font-weight: bold; margin: 2pt 0; }
  .meta { display: flex; justify-content: space-between; margin: 8pt 0 4pt; font-weight: bold; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 6pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left; }
  th { background: #e8e8e8; text-align: center; }
  td.no { width: 18pt; text-align: center; }
  td.key { width: 110pt; }
  ul { margin: 0; padding-left: 12pt; }
  .section-row td { background: #f2f2f2; font-weight: bold; }
  .signatures { display: flex; justify-content: space-between; margin-top: 14pt; page-break-inside: avoid; }
  .signature { width: 45%; text-align: center; }
  .signature .space { height: 48pt; }
  .signature .name { font-weight: bold; text-decoration: underline; }
  .page-break { page-break-before: always; }
  .draft { border: 1.5pt solid #000; padding: 4pt; text-align: center; font-weight: bold; margin: 6pt 0; }
  .verification { display: flex; gap: 8pt; align-items: center; border-top: 0.75pt solid #000; margin-top: 12pt; padding-top: 6pt; font-size: 7.5pt; page-break-inside: avoid; }
  .verification img { width: 72pt; height: 72pt; }
  .code { font-family: "DejaVu Sans Mono", monospace; font-size: 10pt; font-weight: bold; letter-spacing: 1pt; }
  .big { font-size: 11pt; font-weight: bold; }
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${h(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function verification(meta: PrintMeta): string {
  return `<div class="verification">
    <img src="${meta.qr}" alt="Kode QR verifikasi">
    <div>
      <div>Keaslian dokumen ini dapat diperiksa tanpa masuk: pindai kode QR atau buka <strong>${h(meta.verifyUrl.replace(/\/verifikasi\/.*$/, '/verifikasi'))}</strong> dan masukkan kode</div>
      <div class="code">${h(meta.code)}</div>
      <div>Dicetak dari Kinerja pada ${h(tanggal(meta.printedAt, meta.timeZone))}. Halaman verifikasi menjawab apakah isi dokumen ini masih sama dengan yang tercatat.</div>
    </div>
  </div>`;
}

/** An ASN's NIP (18 digits), as against a city official's id. */
const isNip = (id: string) => /^\d{18}$/.test(id);

function personTable(left: { title: string; person: Person | null }, right: { title: string; person: Person | null }): string {
  const rows: [string, keyof Person][] = [
    ['NAMA', 'nama'],
    ['NIP', 'nip'],
    ['PANGKAT/GOL. RUANG', 'pangkatGolongan'],
    ['JABATAN', 'jabatan'],
    ['UNIT KERJA', 'unitKerja'],
  ];
  // A city official without a NIP (the kepala daerah) has none to print.
  const cell = (p: Person | null, key: keyof Person) => h((key === 'nip' && p && !isNip(p.nip) ? null : p?.[key]) ?? '—');
  return `<table>
    <thead><tr><th>NO</th><th colspan="2">${h(left.title)}</th><th>NO</th><th colspan="2">${h(right.title)}</th></tr></thead>
    <tbody>${rows
      .map(
        ([name, key], i) =>
          `<tr><td class="no">${i + 1}</td><td class="key">${name}</td><td>${cell(left.person, key)}</td><td class="no">${i + 1}</td><td class="key">${name}</td><td>${cell(right.person, key)}</td></tr>`,
      )
      .join('')}</tbody>
  </table>`;
}

function signature(role: string, person: Person | null, dated?: string): string {
  return `<div class="signature">
    <div>${dated ? h(dated) : '&nbsp;'}</div>
    <div>${h(role)}</div>
    <div class="space"></div>
    <div class="name">${h(person?.nama ?? '..............................')}</div>
    ${person && !isNip(person.nip) ? '' : `<div>NIP. ${h(person?.nip ?? '..............................')}</div>`}
  </div>`;
}

function signatures(meta: PrintMeta, left: { role: string; person: Person | null }, right: { role: string; person: Person | null }): string {
  return `<div class="signatures">${signature(left.role, left.person)}${signature(right.role, right.person, `${meta.place}, ${tanggal(meta.printedAt, meta.timeZone)}`)}</div>`;
}

const list = (items: string[]) => (items.length === 0 ? '—' : `<ul>${items.map((i) => `<li>${h(i)}</li>`).join('')}</ul>`);

const periodeText = (start: string, end: string) => `${tanggal(start, 'UTC')} s.d. ${tanggal(end, 'UTC')}`;

const APPROACH_LABELS: Record<string, string> = { KUANTITATIF: 'PENDEKATAN HASIL KERJA KUANTITATIF', KUALITATIF: 'PENDEKATAN HASIL KERJA KUALITATIF' };

export function skpHtml(m: SkpModel, meta: PrintMeta): string {
  const draft =
    m.version === null
      ? `<div class="draft">KONSEP — SKP ini belum disetujui pejabat penilai kinerja (status: ${h(m.status)})</div>`
      : `<div class="subtitle">Versi ${m.version}${m.approvedAt ? `, disetujui ${h(tanggal(m.approvedAt, meta.timeZone))}` : ''}</div>`;
  const hasil = m.hasilKerja
    .map((group) => {
      const rows = group.rows
        .map(
          (r) => `<tr><td class="no">${r.no}</td><td>${h(r.rencanaHasilKerjaAtasan ?? '—')}</td><td>${h(r.rencanaHasilKerja)}</td><td>${h(label(ASPEK_LABELS, r.aspek))}</td><td>${h(r.indikatorKinerjaIndividu)}</td><td>${h(r.target)}${
            r.periodTargets.length > 0 ? `<br><small>${r.periodTargets.map((p) => `${h(p.periodId)}: ${h(p.target)}`).join('; ')}</small>` : ''
          }</td></tr>`,
        )
        .join('');
      return `<tr class="section-row"><td colspan="6">${h(group.judul)}</td></tr>${rows || '<tr><td colspan="6">—</td></tr>'}`;
    })
    .join('');
  const perilaku = m.perilakuKerja
    .map((p, i) => `<tr><td class="no">${i + 1}</td><td><strong>${h(p.label)}</strong>${list(p.panduanPerilaku)}</td><td>${h(p.ekspektasiKhusus ?? '—')}</td></tr>`)
    .join('');
  const sign = signatures(meta, { role: 'Pegawai yang Dinilai', person: m.pegawai }, { role: 'Pejabat Penilai Kinerja', person: m.pejabatPenilai });
  const body = `
    <h1>SASARAN KINERJA PEGAWAI</h1>
    <div class="subtitle">${h(APPROACH_LABELS[m.approach] ?? `PENDEKATAN ${m.approach}`)}</div>
    ${draft}
    <div class="meta"><span>${h(m.pegawai.unitKerja ?? '')}</span><span>PERIODE PENILAIAN: ${h(periodeText(m.periode.start, m.periode.end))}</span></div>
    ${personTable({ title: 'PEGAWAI YANG DINILAI', person: m.pegawai }, { title: 'PEJABAT PENILAI KINERJA', person: m.pejabatPenilai })}
    <h2>HASIL KERJA</h2>
    <table>
      <thead><tr><th>NO</th><th>RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI</th><th>RENCANA HASIL KERJA</th><th>ASPEK</th><th>INDIKATOR KINERJA INDIVIDU</th><th>TARGET</th></tr></thead>
      <tbody>${hasil}</tbody>
    </table>
    <h2>PERILAKU KERJA</h2>
    <table>
      <thead><tr><th>NO</th><th>PERILAKU KERJA</th><th>EKSPEKTASI KHUSUS PIMPINAN</th></tr></thead>
      <tbody>${perilaku}</tbody>
    </table>
    ${sign}
    <div class="page-break"></div>
    <h1>LAMPIRAN SASARAN KINERJA PEGAWAI</h1>
    <div class="meta"><span>${h(m.pegawai.nama ?? '')} — NIP ${h(m.pegawai.nip)}</span><span>PERIODE PENILAIAN: ${h(periodeText(m.periode.start, m.periode.end))}</span></div>
    <table>
      <tbody>
        <tr class="section-row"><td>DUKUNGAN SUMBER DAYA</td></tr><tr><td>${list(m.lampiran.dukunganSumberDaya)}</td></tr>
        <tr class="section-row"><td>SKEMA PERTANGGUNGJAWABAN</td></tr><tr><td>${list(m.lampiran.skemaPertanggungjawaban)}</td></tr>
        <tr class="section-row"><td>KONSEKUENSI</td></tr><tr><td>${list(m.lampiran.konsekuensi)}</td></tr>
      </tbody>
    </table>
    ${sign}
    ${verification(meta)}`;
  return page(`${DOCUMENT_TITLES.SKP} ${m.pegawai.nama ?? m.pegawai.nip}`, body);
}

function distributionTable(rows: { predicate: string; count: number; share?: number }[]): string {
  return `<table>
    <thead><tr>${rows.map((r) => `<th>${h(label(PREDIKAT_LABELS, r.predicate))}</th>`).join('')}</tr></thead>
    <tbody><tr>${rows.map((r) => `<td style="text-align:center">${r.count}${r.share === undefined ? '' : ` (${Math.round(r.share * 100)}%)`}</td>`).join('')}</tr></tbody>
  </table>`;
}

export function evaluationHtml(m: EvaluationModel, meta: PrintMeta): string {
  const hasil = m.hasilKerja
    .map(
      (r, i) =>
        `<tr><td class="no">${i + 1}</td><td>${h(r.rencanaHasilKerjaAtasan ?? '—')}</td><td>${h(r.rencanaHasilKerja)}</td><td>${h(label(ASPEK_LABELS, r.aspek))}</td><td>${h(r.indikatorKinerjaIndividu)}</td><td>${h(r.target)}</td><td>${list(r.realisasi)}</td></tr>`,
    )
    .join('');
  const perilaku = m.perilakuKerja
    .map((p, i) => `<tr><td class="no">${i + 1}</td><td><strong>${h(p.label)}</strong>${list(p.panduanPerilaku)}</td><td>${h(p.ekspektasiKhusus ?? '—')}</td></tr>`)
    .join('');
  const k = m.keberatan;
  const keberatan = !m.annual
    ? ''
    : `<h2>KEBERATAN</h2>
    <table><tbody>
      <tr><td class="key">Keberatan pegawai</td><td>${k ? `${h(k.alasan)}<br><small>Diajukan ${h(tanggal(k.diajukanPada, meta.timeZone))}</small>` : 'Tidak ada keberatan.'}</td></tr>
      <tr><td class="key">Penjelasan</td><td>${
        k && k.penjelasan.length > 0
          ? list(k.penjelasan.map((p) => `${p.dari === 'PEGAWAI' ? 'Pegawai' : 'Pejabat penilai'}: ${p.pertanyaan ? `(${p.pertanyaan}) ` : ''}${p.penjelasan ?? 'belum dijawab'}`))
          : '—'
      }</td></tr>
      <tr><td class="key">Keputusan atasan pejabat penilai</td><td>${
        k?.keputusan
          ? `${k.keputusan.hasil === 'CHANGE' ? 'Mengubah' : 'Menetapkan'} penilaian: ${h(k.keputusan.alasan)}<br><small>Diputuskan ${h(tanggal(k.keputusan.diputuskanPada, meta.timeZone))}; sebelumnya predikat ${h(label(PREDIKAT_LABELS, k.keputusan.sebelumnya.predikat))}</small>`
          : k
            ? 'Belum diputuskan.'
            : '—'
      }</td></tr>
    </tbody></table>`;
  const body = `
    <h1>DOKUMEN EVALUASI KINERJA PEGAWAI</h1>
    <div class="subtitle">PERIODE: ${h(m.annual ? 'TAHUNAN' : 'PERIODIK')} — ${h(m.periodLabel)}</div>
    <div class="meta"><span>${h(m.unit.unitName ?? m.pegawai.unitKerja ?? '')}</span><span>TAHUN ${m.year}</span></div>
    ${personTable({ title: 'PEGAWAI YANG DINILAI', person: m.pegawai }, { title: 'PEJABAT PENILAI KINERJA', person: m.pejabatPenilai })}
    <table><tbody><tr><td class="key">ATASAN PEJABAT PENILAI KINERJA</td><td>${h(m.atasanPejabatPenilai?.nama ?? '—')}${m.atasanPejabatPenilai ? ` — NIP ${h(m.atasanPejabatPenilai.nip)}` : ''}</td></tr></tbody></table>
    <h2>CAPAIAN KINERJA ORGANISASI</h2>
    <table><tbody><tr><td class="big">${h(m.capaianKinerjaOrganisasi ? label(PREDIKAT_LABELS, m.capaianKinerjaOrganisasi).toUpperCase() : 'Belum ditetapkan')}</td></tr></tbody></table>
    <h2>POLA DISTRIBUSI</h2>
    ${distributionTable(m.polaDistribusi)}
    <h2>HASIL KERJA</h2>
    <table>
      <thead><tr><th>NO</th><th>RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI</th><th>RENCANA HASIL KERJA</th><th>ASPEK</th><th>INDIKATOR KINERJA INDIVIDU</th><th>TARGET</th><th>REALISASI BERDASARKAN BUKTI DUKUNG</th></tr></thead>
      <tbody>${hasil || '<tr><td colspan="7">—</td></tr>'}</tbody>
    </table>
    <table><tbody><tr><td class="key">RATING HASIL KERJA</td><td class="big">${h(label(RATING_LABELS, m.ratingHasil).toUpperCase())}</td></tr></tbody></table>
    <h2>PERILAKU KERJA</h2>
    <table>
      <thead><tr><th>NO</th><th>PERILAKU KERJA</th><th>EKSPEKTASI KHUSUS PIMPINAN</th></tr></thead>
      <tbody>${perilaku || '<tr><td colspan="3">—</td></tr>'}</tbody>
    </table>
    <table><tbody>
      <tr><td class="key">RATING PERILAKU KERJA</td><td class="big">${h(label(RATING_LABELS, m.ratingPerilaku).toUpperCase())}</td></tr>
      <tr><td class="key">PREDIKAT KINERJA PEGAWAI</td><td class="big">${h(label(PREDIKAT_LABELS, m.predikat).toUpperCase())}</td></tr>
    </tbody></table>
    <h2>CATATAN/REKOMENDASI</h2>
    <table><tbody><tr><td>${h(m.catatan || '—')}</td></tr></tbody></table>
    ${keberatan}
    ${signatures(meta, { role: 'Pegawai yang Dinilai', person: m.pegawai }, { role: 'Pejabat Penilai Kinerja', person: m.pejabatPenilai })}
    ${verification(meta)}`;
  return page(`${DOCUMENT_TITLES.EVALUASI} ${m.pegawai.nama ?? m.pegawai.nip}`, body);
}

export function curveHtml(m: CurveModel, meta: PrintMeta): string {
  const people = m.employees
    .map((e, i) => `<tr><td class="no">${i + 1}</td><td>${h(e.nama ?? '—')}</td><td>${h(e.nip)}</td><td>${h(e.predicate ? label(PREDIKAT_LABELS, e.predicate) : 'Belum dinilai')}</td></tr>`)
    .join('');
  const check = !m.curveApplies
    ? 'Kurva distribusi tidak diberlakukan pada periode ini.'
    : m.check === null
      ? 'Belum dapat diperiksa: predikat organisasi belum ditetapkan.'
      : m.check.ok
        ? 'Sesuai dengan kurva distribusi yang ditetapkan.'
        : `Tidak sesuai: ${m.check.failures.join('; ')}`;
  const body = `
    <h1>LAPORAN KURVA DISTRIBUSI PREDIKAT KINERJA PEGAWAI</h1>
    <div class="subtitle">${h(m.unitName ?? m.unitId)}</div>
    <div class="meta"><span>Periode: ${h(m.periodLabel)}</span><span>Aturan: ${h(m.ruleSetVersion)}</span></div>
    <h2>CAPAIAN KINERJA ORGANISASI</h2>
    <table><tbody><tr><td class="big">${h(m.organisationPredicate ? label(PREDIKAT_LABELS, m.organisationPredicate).toUpperCase() : 'Belum ditetapkan')}</td></tr></tbody></table>
    <h2>DISTRIBUSI PREDIKAT</h2>
    ${distributionTable(m.distribution)}
    <table><tbody>
      <tr><td class="key">Belum dinilai</td><td>${m.unrated}</td></tr>
      <tr><td class="key">Pemeriksaan kurva</td><td>${h(check)}</td></tr>
      <tr><td class="key">Status unit</td><td>${m.finalized ? 'Ditetapkan (final)' : 'Belum final'}</td></tr>
    </tbody></table>
    <h2>PEGAWAI</h2>
    <table>
      <thead><tr><th>NO</th><th>NAMA</th><th>NIP</th><th>PREDIKAT</th></tr></thead>
      <tbody>${people || '<tr><td colspan="4">—</td></tr>'}</tbody>
    </table>
    <div class="signatures"><div class="signature"></div>${signature('Pimpinan Unit Kerja', m.predicateSetBy, `${meta.place}, ${tanggal(meta.printedAt, meta.timeZone)}`)}</div>
    ${verification(meta)}`;
  return page(`${DOCUMENT_TITLES.KURVA} ${m.unitName ?? m.unitId}`, body);
}

export function documentHtml(model: DocumentModel, meta: PrintMeta): string {
  switch (model.kind) {
    case 'SKP':
      return skpHtml(model, meta);
    case 'EVALUASI':
      return evaluationHtml(model, meta);
    case 'KURVA':
      return curveHtml(model, meta);
  }
}

/** A4; the evaluation document is landscape as its form in the annex is. */
export const isLandscape = (model: DocumentModel) => model.kind === 'EVALUASI';
