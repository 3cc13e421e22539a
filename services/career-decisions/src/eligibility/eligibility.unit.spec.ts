import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { years } from '../../test/support/performance-years';
import { applyRule, awardCandidate, eligibilityList, kenaikanGajiIstimewaPppk, kenaikanPangkat, kgbPppk } from './eligibility.rules';

const rs = RULE_SET_2022_1;
const nip = '199001012015011001';

describe('kenaikan pangkat (docs/regulations.md §5.2)', () => {
  const good = years({ 2021: 'BAIK', 2022: 'SANGAT_BAIK' });

  it('exactly two years in the rank on 1 April: eligible, citing both predicates and the rank, saying why', () => {
    const result = kenaikanPangkat({ nip, years: good, rankSince: '2021-04-01', rankFactId: 'rank-1' }, '2023-04-01', rs);
    expect(result).toEqual({
      rule: 'KENAIKAN_PANGKAT',
      nip,
      asOf: '2023-04-01',
      eligible: true,
      unmet: [],
      met: ['Predikat tahun 2021 Baik', 'Predikat tahun 2022 Sangat Baik', 'Masa kerja dalam pangkat 2 tahun terpenuhi 1 April 2023 (TMT pangkat 1 April 2021)'],
      factIds: [`pf-${nip}-2021`, `pf-${nip}-2022`, 'rank-1'],
      provisionalYears: [],
      ruleSetVersion: '2022.1',
    });
  });

  it('a predicate set but not final yet counts, and the year is named provisional', () => {
    const provisional = { ...good, 2022: { ...good[2022], final: false } };
    const result = kenaikanPangkat({ nip, years: provisional, rankSince: '2021-04-01', rankFactId: 'rank-1' }, '2023-04-01', rs);
    expect(result).toMatchObject({ eligible: true, unmet: [], provisionalYears: [2022] });
    expect(result.met).toContain('Predikat tahun 2022 Sangat Baik (belum final)');
  });

  it('one day short of two years: not eligible, saying when it will be', () => {
    const result = kenaikanPangkat({ nip, years: good, rankSince: '2021-04-02', rankFactId: null }, '2023-04-01', rs);
    expect(result.eligible).toBe(false);
    expect(result.unmet).toEqual(['Masa kerja dalam pangkat belum 2 tahun (baru terpenuhi 2 April 2023)']);
  });

  it('one year Butuh Perbaikan: not eligible', () => {
    const result = kenaikanPangkat({ nip, years: years({ 2021: 'BUTUH_PERBAIKAN', 2022: 'SANGAT_BAIK' }), rankSince: '2019-10-01', rankFactId: null }, '2023-04-01', rs);
    expect(result.eligible).toBe(false);
    expect(result.unmet).toEqual(['Predikat tahun 2021 Butuh Perbaikan, disyaratkan paling rendah Baik']);
    expect(result.met).toEqual(['Predikat tahun 2022 Sangat Baik', 'Masa kerja dalam pangkat 2 tahun terpenuhi 1 Oktober 2021 (TMT pangkat 1 Oktober 2019)']);
    expect(result.factIds).toEqual([`pf-${nip}-2021`, `pf-${nip}-2022`]);
  });

  it('the October period reads the same two full years; a missing year is named', () => {
    const result = kenaikanPangkat({ nip, years: years({ 2022: 'BAIK' }), rankSince: '2019-10-01', rankFactId: null }, '2023-10-01', rs);
    expect(result.unmet).toEqual(['Predikat tahun 2021 belum ada']);
  });

  it('only 1 April and 1 October are periods', () => {
    expect(() => kenaikanPangkat({ nip, years: good, rankSince: '2019-10-01', rankFactId: null }, '2023-05-01', rs)).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'NOT_A_KP_PERIOD' }),
    );
  });

  it('imported PP 30/2019 history counts for the last two years', () => {
    const mixed = { ...years({ 2022: 'BAIK' }), 2021: { year: 2021, predicate: 'BAIK' as const, factId: `legacy:${nip}:2021`, source: 'LEGACY_IMPORT' as const, legacyScore: 95, final: true } };
    const result = kenaikanPangkat({ nip, years: mixed, rankSince: '2019-10-01', rankFactId: null }, '2023-04-01', rs);
    expect(result.eligible).toBe(true);
    expect(result.factIds).toEqual([`legacy:${nip}:2021`, `pf-${nip}-2022`]);
  });

  it('a list per period puts the eligible first', () => {
    const list = eligibilityList(
      'KENAIKAN_PANGKAT',
      [
        { nip: '2', years: years({ 2021: 'BUTUH_PERBAIKAN', 2022: 'BAIK' }, '2'), rankSince: '2015-04-01', rankFactId: null, isPppk: false, pegawaiTeladanFactId: null },
        { nip: '1', years: years({ 2021: 'BAIK', 2022: 'BAIK' }, '1'), rankSince: '2015-04-01', rankFactId: null, isPppk: false, pegawaiTeladanFactId: null },
        { nip: '3', years: {}, rankSince: null, rankFactId: null, isPppk: false, pegawaiTeladanFactId: null },
      ],
      '2023-04-01',
      rs,
    );
    expect(list.map((e) => [e.nip, e.eligible])).toEqual([
      ['1', true],
      ['2', false],
      ['3', false],
    ]);
    expect(list[2].unmet).toEqual(['TMT pangkat terakhir belum tercatat']);
  });
});

describe('PPPK pay rises', () => {
  it('KGB: at least Baik in both of the last two years', () => {
    expect(kgbPppk({ nip, years: years({ 2022: 'BAIK', 2023: 'SANGAT_BAIK' }), isPppk: true }, '2024-03-01', rs).eligible).toBe(true);
    expect(kgbPppk({ nip, years: years({ 2022: 'BUTUH_PERBAIKAN', 2023: 'SANGAT_BAIK' }), isPppk: true }, '2024-03-01', rs).unmet).toEqual([
      'Predikat tahun 2022 Butuh Perbaikan, disyaratkan paling rendah Baik',
    ]);
    expect(kgbPppk({ nip, years: years({ 2022: 'BAIK', 2023: 'BAIK' }), isPppk: false }, '2024-03-01', rs).unmet).toEqual(['Hanya untuk PPPK']);
  });

  it('special raise: Sangat Baik two years running and named pegawai teladan', () => {
    const sb = years({ 2022: 'SANGAT_BAIK', 2023: 'SANGAT_BAIK' });
    const yes = kenaikanGajiIstimewaPppk({ nip, years: sb, isPppk: true, pegawaiTeladanFactId: 'teladan-2023' }, '2024-03-01', rs);
    expect(yes.eligible).toBe(true);
    expect(yes.factIds).toContain('teladan-2023');
    expect(kenaikanGajiIstimewaPppk({ nip, years: sb, isPppk: true, pegawaiTeladanFactId: null }, '2024-03-01', rs).unmet).toEqual([
      'Belum ditetapkan sebagai pegawai teladan',
    ]);
    expect(
      kenaikanGajiIstimewaPppk({ nip, years: years({ 2022: 'BAIK', 2023: 'SANGAT_BAIK' }), isPppk: true, pegawaiTeladanFactId: 't' }, '2024-03-01', rs).eligible,
    ).toBe(false);
  });
});

describe('award candidates', () => {
  it('Sangat Baik in the last year', () => {
    expect(awardCandidate({ nip, years: years({ 2023: 'SANGAT_BAIK' }) }, '2024-01-15', rs).eligible).toBe(true);
    expect(awardCandidate({ nip, years: years({ 2023: 'BAIK' }) }, '2024-01-15', rs).eligible).toBe(false);
  });
});

describe('a pegawai teladan naming from the record counts within the two years', () => {
  it('applyRule finds it by year', () => {
    const facts = { nip, years: years({ 2022: 'SANGAT_BAIK', 2023: 'SANGAT_BAIK' }), rankSince: null, rankFactId: null, isPppk: true, pegawaiTeladanFactId: null };
    expect(applyRule('KENAIKAN_GAJI_ISTIMEWA_PPPK', { ...facts, teladanByYear: { 2023: 't-2023' } }, '2024-03-01', rs)).toMatchObject({ eligible: true, factIds: [`pf-${nip}-2022`, `pf-${nip}-2023`, 't-2023'] });
    expect(applyRule('KENAIKAN_GAJI_ISTIMEWA_PPPK', { ...facts, teladanByYear: { 2020: 't-2020' } }, '2024-03-01', rs).eligible).toBe(false);
  });
});
