import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { RuleSet } from '../rule-sets/rule-set';
import { PredikatPegawai } from '../predikat';
import { years } from '../../test/support/performance-years';
import { DisciplinaryPenalty, placeTalent, potentialLevel, talentMap, TalentFacts } from './nine-box.rules';

const rs = RULE_SET_2022_1;
const asOf = '2024-03-01';

const employee = (nip: string, last2: [PredikatPegawai, PredikatPegawai], score: number | null, penalties: DisciplinaryPenalty[] = []): TalentFacts => ({
  nip,
  name: `Pegawai ${nip}`,
  years: years({ 2022: last2[0], 2023: last2[1] }, nip),
  assessment: score === null ? null : { score, factId: `asesmen-${nip}` },
  penalties,
});

describe('9-box (PermenPANRB 3/2020, docs/regulations.md §5.4)', () => {
  // kinerja: SB+SB = 100 di atas, B+B = 80 sesuai, BP+BP = 60 di bawah; potensial: 95 tinggi, 80 menengah, 60 rendah
  it.each([
    [['SANGAT_BAIK', 'SANGAT_BAIK'], 95, 9, 'Kinerja di atas ekspektasi dan potensial tinggi'],
    [['BAIK', 'BAIK'], 95, 8, 'Kinerja sesuai ekspektasi dan potensial tinggi'],
    [['SANGAT_BAIK', 'SANGAT_BAIK'], 80, 7, 'Kinerja di atas ekspektasi dan potensial menengah'],
    [['BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN'], 95, 6, 'Kinerja di bawah ekspektasi dan potensial tinggi'],
    [['BAIK', 'BAIK'], 80, 5, 'Kinerja sesuai ekspektasi dan potensial menengah'],
    [['SANGAT_BAIK', 'SANGAT_BAIK'], 60, 4, 'Kinerja di atas ekspektasi dan potensial rendah'],
    [['BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN'], 80, 3, 'Kinerja di bawah ekspektasi dan potensial menengah'],
    [['BAIK', 'BAIK'], 60, 2, 'Kinerja sesuai ekspektasi dan potensial rendah'],
    [['BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN'], 60, 1, 'Kinerja di bawah ekspektasi dan potensial rendah'],
  ] as const)('%p with potential %p → box %p', (last2, score, box, kategori) => {
    const placed = placeTalent(employee('1', [...last2], score), 'DISKOMINFO', asOf, rs);
    expect(placed).toMatchObject({ box, kategori });
    expect(placed?.inTalentPool).toBe(box >= 7);
    expect(placed?.factIds).toEqual(['pf-1-2022', 'pf-1-2023', 'asesmen-1']);
  });

  it('says why a box, in the words HR reads: the predicates and their mean, the assessment, against the cut-offs', () => {
    expect(placeTalent(employee('1', ['SANGAT_BAIK', 'SANGAT_BAIK'], 95), 'DISKOMINFO', asOf, rs)?.alasan).toEqual([
      'Kinerja di atas ekspektasi: predikat 2022 Sangat Baik, 2023 Sangat Baik, rata-rata skor 100 (paling rendah 85)',
      'Potensial tinggi: skor asesmen 95 (paling rendah 90)',
    ]);
    expect(placeTalent(employee('1', ['BAIK', 'BAIK'], 80), 'DISKOMINFO', asOf, rs)?.alasan).toEqual([
      'Kinerja sesuai ekspektasi: predikat 2022 Baik, 2023 Baik, rata-rata skor 80 (70 sampai di bawah 85)',
      'Potensial menengah: skor asesmen 80 (78 sampai di bawah 90)',
    ]);
  });

  it('recommendations are the Permen wording', () => {
    expect(placeTalent(employee('1', ['SANGAT_BAIK', 'SANGAT_BAIK'], 95), 'X', asOf, rs)?.rekomendasi).toEqual([
      'Dipromosikan dan dipertahankan',
      'Masuk Kelompok Rencana Suksesi Instansi/Nasional',
      'Penghargaan',
    ]);
    expect(placeTalent(employee('1', ['BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN'], 60), 'X', asOf, rs)?.rekomendasi).toEqual([
      'Diproses sesuai ketentuan peraturan perundangan',
    ]);
  });

  it("an agency's own cut-offs decide its potential levels", () => {
    const own: RuleSet = { ...rs, talent: { ...rs.talent, potential: { ...rs.talent.potential, byAgency: { RSUD: { tinggiFrom: 77, menengahFrom: 68 } } } } };
    expect(potentialLevel(80, 'RSUD', own)).toBe('TINGGI');
    expect(potentialLevel(80, 'DISKOMINFO', own)).toBe('MENENGAH');
    expect(potentialLevel(67.9, 'RSUD', own)).toBe('RENDAH');
  });

  it('the talent pool leaves out boxes 7–9 under a moderate or heavy penalty in the last two years', () => {
    const sedang: DisciplinaryPenalty = { factId: 'hd-1', level: 'SEDANG', from: '2022-06-01', until: '2023-05-31' };
    const oldBerat: DisciplinaryPenalty = { factId: 'hd-2', level: 'BERAT', from: '2020-01-01', until: '2021-12-31' };
    const ringan: DisciplinaryPenalty = { factId: 'hd-3', level: 'RINGAN', from: '2023-06-01', until: null };
    const map = talentMap(
      [
        employee('1', ['SANGAT_BAIK', 'SANGAT_BAIK'], 95, [sedang]),
        employee('2', ['SANGAT_BAIK', 'SANGAT_BAIK'], 95, [oldBerat, ringan]),
        employee('3', ['BAIK', 'BAIK'], 95),
        employee('4', ['BAIK', 'BAIK'], 60),
        employee('5', ['BAIK', 'BAIK'], null),
      ],
      'DISKOMINFO',
      asOf,
      rs,
    );
    expect(map.counts).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 1, 9: 2 });
    expect(map.talentPool).toEqual(['2', '3']);
    expect(map.boxes[9].find((p) => p.nip === '1')).toMatchObject({
      inTalentPool: false,
      poolExclusion: 'Menjalani hukuman disiplin tingkat sedang dalam 2 tahun terakhir',
    });
    expect(map.notMapped).toEqual([{ nip: '5', name: 'Pegawai 5', reason: 'Belum ada hasil asesmen potensi' }]);
  });
});
