import { BERAKHLAK_VALUES, BerakhlakValue } from '@kinerja/contracts';

/**
 * BerAKHLAK, the ASN core values adopted as Perilaku Kerja by PermenPANRB 6/2022, with the three
 * panduan perilaku of each (SE MenPANRB 20/2021). 6/2022 has no behaviour levels; each value gets
 * a free-text "ekspektasi khusus pimpinan" on the SKP.
 */
export const CORE_VALUES = BERAKHLAK_VALUES;
export type CoreValue = BerakhlakValue;

export interface CoreValueGuide {
  label: string;
  makna: string;
  panduanPerilaku: readonly [string, string, string];
}

export const BERAKHLAK: Readonly<Record<CoreValue, CoreValueGuide>> = {
  BERORIENTASI_PELAYANAN: {
    label: 'Berorientasi Pelayanan',
    makna: 'Komitmen memberikan pelayanan prima demi kepuasan masyarakat',
    panduanPerilaku: [
      'Memahami dan memenuhi kebutuhan masyarakat',
      'Ramah, cekatan, solutif, dan dapat diandalkan',
      'Melakukan perbaikan tiada henti',
    ],
  },
  AKUNTABEL: {
    label: 'Akuntabel',
    makna: 'Bertanggung jawab atas kepercayaan yang diberikan',
    panduanPerilaku: [
      'Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi',
      'Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien',
      'Tidak menyalahgunakan kewenangan jabatan',
    ],
  },
  KOMPETEN: {
    label: 'Kompeten',
    makna: 'Terus belajar dan mengembangkan kapabilitas',
    panduanPerilaku: [
      'Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah',
      'Membantu orang lain belajar',
      'Melaksanakan tugas dengan kualitas terbaik',
    ],
  },
  HARMONIS: {
    label: 'Harmonis',
    makna: 'Saling peduli dan menghargai perbedaan',
    panduanPerilaku: [
      'Menghargai setiap orang apapun latar belakangnya',
      'Suka menolong orang lain',
      'Membangun lingkungan kerja yang kondusif',
    ],
  },
  LOYAL: {
    label: 'Loyal',
    makna: 'Berdedikasi dan mengutamakan kepentingan bangsa dan negara',
    panduanPerilaku: [
      'Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah',
      'Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara',
      'Menjaga rahasia jabatan dan negara',
    ],
  },
  ADAPTIF: {
    label: 'Adaptif',
    makna: 'Terus berinovasi dan antusias dalam menggerakkan serta menghadapi perubahan',
    panduanPerilaku: [
      'Cepat menyesuaikan diri menghadapi perubahan',
      'Terus berinovasi dan mengembangkan kreativitas',
      'Bertindak proaktif',
    ],
  },
  KOLABORATIF: {
    label: 'Kolaboratif',
    makna: 'Membangun kerja sama yang sinergis',
    panduanPerilaku: [
      'Memberi kesempatan kepada berbagai pihak untuk berkontribusi',
      'Terbuka dalam bekerja sama untuk menghasilkan nilai tambah',
      'Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama',
    ],
  },
};
