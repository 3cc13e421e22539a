import { actorFor, deciderSpec } from '@kinerja/testing';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { jpProgress, proposeDevelopmentPlan, trainingMinutes } from './development.rules';
import { RecordTraining, trainingLogDecider } from './training-log.decider';

const rs = RULE_SET_2022_1;

describe('training and 20 JP', () => {
  it('1 JP = 45 minutes; hours are converted to minutes', () => {
    expect(trainingMinutes({ unit: 'JP', value: 20 }, rs)).toBe(900);
    expect(trainingMinutes({ unit: 'HOURS', value: 15 }, rs)).toBe(900);
    expect(() => trainingMinutes({ unit: 'HOURS', value: 0 }, rs)).toThrow(expect.objectContaining({ code: 'INVALID_LENGTH' }));
  });

  it('progress counts the year only; exactly 20 JP meets the minimum', () => {
    const trainings = [
      { date: '2023-12-20', minutes: 600 },
      { date: '2024-03-01', minutes: 450 },
      { date: '2024-06-01', minutes: 450 },
    ];
    expect(jpProgress(trainings, 2024, '2024-11-01', rs)).toEqual({ year: 2024, minutes: 900, jp: 20, requiredJp: 20, shortfallJp: 0, met: true, shortfallAlert: false });
  });

  it('a shortfall raises the alert from the configured date until the year ends', () => {
    const trainings = [{ date: '2024-03-01', minutes: 600 }];
    expect(jpProgress(trainings, 2024, '2024-09-30', rs)).toMatchObject({ jp: 13.33, shortfallJp: 6.67, met: false, shortfallAlert: false });
    expect(jpProgress(trainings, 2024, '2024-10-01', rs).shortfallAlert).toBe(true);
    expect(jpProgress(trainings, 2024, '2025-01-02', rs).shortfallAlert).toBe(false);
  });

  describe('training log', () => {
    const spec = deciderSpec(trainingLogDecider);
    const record = (trainingId: string, date: string, length: RecordTraining['data']['length']): RecordTraining => ({
      type: 'RecordTraining',
      data: { nip: '199001012015011001', trainingId, title: 'Pelatihan Analisis Data', date, length, source: 'ENTERED' },
      lookups: { ruleSet: rs },
      metadata: { now: new Date('2024-05-01T00:00:00Z'), actor: actorFor('admin-opd') },
    });

    it('records a training in minutes; the same again changes nothing; other data under the same id is refused', () => {
      const events = spec.given().when(record('T-1', '2024-04-02', { unit: 'JP', value: 4 })).events();
      expect(events[0]).toMatchObject({ type: 'TrainingRecorded', data: { minutes: 180 } });
      spec.given(...events).when(record('T-1', '2024-04-02', { unit: 'HOURS', value: 3 })).thenNothing();
      spec.given(...events).when(record('T-1', '2024-04-02', { unit: 'JP', value: 5 })).thenThrows('conflict', 'TRAINING_EXISTS');
    });

    it('a training in the future is refused', () => {
      spec.given().when(record('T-2', '2024-06-01', { unit: 'JP', value: 4 })).thenThrows('invalid', 'FUTURE_TRAINING');
    });
  });
});

describe('development plan', () => {
  it('Butuh Perbaikan → coaching and targeted training, and for each BerAKHLAK value needing improvement', () => {
    const plan = proposeDevelopmentPlan(
      {
        predicate: 'BUTUH_PERBAIKAN',
        predicateFactId: 'pf-2023',
        ratingHasil: 'DI_BAWAH',
        ratingPerilaku: 'SESUAI',
        berakhlak: { KOLABORATIF: 'BUTUH_PERBAIKAN', AKUNTABEL: 'SESUAI_EKSPEKTASI' },
      },
      rs,
    );
    expect(plan.items.map((i) => [i.action, i.focus])).toEqual([
      ['COACHING', null],
      ['TARGETED_TRAINING', null],
      ['COACHING', 'HASIL_KERJA'],
      ['TARGETED_TRAINING', 'HASIL_KERJA'],
      ['COACHING', 'KOLABORATIF'],
      ['TARGETED_TRAINING', 'KOLABORATIF'],
    ]);
    expect(plan.factIds).toEqual(['pf-2023']);
  });

  it('Sangat Baik with no feedback to improve → enrichment only', () => {
    const plan = proposeDevelopmentPlan({ predicate: 'SANGAT_BAIK', predicateFactId: 'pf', ratingHasil: 'DI_ATAS', ratingPerilaku: 'DI_ATAS', berakhlak: {} }, rs);
    expect(plan.items).toEqual([{ action: 'ENRICHMENT', focus: null, reason: 'Predikat SANGAT_BAIK' }]);
  });
});
