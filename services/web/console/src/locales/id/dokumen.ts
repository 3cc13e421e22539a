/** Official documents: printing them as PDF, and the SKP's lampiran. */
export default {
  dokumen: {
    printSkp: 'Cetak SKP (PDF)',
    printEvaluation: 'Cetak dokumen evaluasi (PDF)',
    printCurve: 'Cetak laporan kurva (PDF)',
    printHint: 'Dokumen memuat kode QR dan kode verifikasi; siapa pun dapat memeriksa keasliannya di halaman verifikasi tanpa masuk.',
    lampiran: {
      title: 'Lampiran SKP',
      hint: 'Satu butir per baris.',
      dukunganSumberDaya: 'Dukungan sumber daya',
      skemaPertanggungjawaban: 'Skema pertanggungjawaban',
      konsekuensi: 'Konsekuensi',
      save: 'Simpan lampiran',
      saved: 'Lampiran disimpan.',
    },
  },
};
