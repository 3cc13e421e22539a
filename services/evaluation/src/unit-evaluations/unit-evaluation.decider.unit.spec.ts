import { actorFor, deciderSpec } from '@kinerja/testing';
import { planPeriods } from '../periods/evaluation-calendar.decider';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { PredikatOrganisasi, PredikatPegawai, RuleSet } from '../rule-sets/rule-set';
import { FinalizeUnit, SetOrganisationPredicate, unitEvaluationDecider, unitEvaluationIdOf } from './unit-evaluation.decider';
import { UnitEvaluationEvent } from './unit-evaluation.events';

const { given } = deciderSpec(unitEvaluationDecider);
const periods = planPeriods(RULE_SET_2022_1, 'opd-1', 2024, 'QUARTERLY');
const annual = periods.find((p) => p.code === 'ANNUAL')!;
const q1 = periods.find((p) => p.code === 'Q1')!;
const KADIS = 'kepala-dinas';
const KABID = 'kabid-1';
const ID = unitEvaluationIdOf(annual.periodId, 'unit-1');
const NOW = new Date('2025-01-08T09:00:00+07:00');
const BLOCK: RuleSet = { ...RULE_SET_2022_1, version: 'block', curve: { ...RULE_SET_2022_1.curve, enforcement: 'BLOCK' } };

const setPredicate = (
  predicate: PredikatOrganisasi,
  o: { actorId?: string; leaderOneLevelUpId?: string | null; period?: typeof annual; basis?: string } = {},
): SetOrganisationPredicate => {
  const period = o.period ?? annual;
  return {
    type: 'SetOrganisationPredicate',
    data: { unitEvaluationId: unitEvaluationIdOf(period.periodId, 'unit-1'), predicate, basis: o.basis },
    lookups: { unitId: 'unit-1', period, leaderOneLevelUpId: o.leaderOneLevelUpId === undefined ? KADIS : o.leaderOneLevelUpId, unitLeaderId: KABID },
    metadata: { now: NOW, actor: actorFor(o.actorId ?? KADIS) },
  };
};

const staff = (...predicates: (PredikatPegawai | null)[]) => predicates.map((predicate, i) => ({ employeeId: `pegawai-${i + 1}`, predicate }));

const finalizeUnit = (
  employees: ReturnType<typeof staff>,
  o: { justification?: string; ruleSet?: RuleSet; actorId?: string; period?: typeof annual } = {},
): FinalizeUnit => {
  const period = o.period ?? annual;
  return {
    type: 'FinalizeUnit',
    data: { unitEvaluationId: unitEvaluationIdOf(period.periodId, 'unit-1'), justification: o.justification },
    lookups: { leaderOneLevelUpId: KADIS, period, employees, ruleSet: o.ruleSet ?? RULE_SET_2022_1 },
    metadata: { now: NOW, actor: actorFor(o.actorId ?? KADIS) },
  };
};

const predicateSet = (predicate: PredikatOrganisasi, period = annual): UnitEvaluationEvent[] =>
  unitEvaluationDecider.decide(setPredicate(predicate, { period }), unitEvaluationDecider.initialState());

// Rule set 2022.1, BAIK: at most 70% Baik, Baik the largest group, at least one Butuh Perbaikan or Kurang.
const fitsBaik = staff('SANGAT_BAIK', 'BAIK', 'BAIK', 'BUTUH_PERBAIKAN');
const breaksBaik = staff('BAIK', 'BAIK', 'BAIK', 'BAIK', 'BAIK');

describe('unit evaluation, no organisation predicate yet', () => {
  it('the leader one level up sets the organisation predicate', () => {
    given()
      .when(setPredicate('BAIK', { basis: 'Capaian IKU 98%, rekomendasi Bappeda' }))
      .then([
        {
          type: 'OrganisationPredicateSet',
          data: {
            unitEvaluationId: ID,
            unitId: 'unit-1',
            periodId: annual.periodId,
            predicate: 'BAIK',
            previousPredicate: null,
            basis: 'Capaian IKU 98%, rekomendasi Bappeda',
            setBy: KADIS,
            setAt: '2025-01-08T02:00:00.000Z',
          },
        },
      ]);
  });

  it('the unit leader may not set their own unit predicate', () => {
    given().when(setPredicate('ISTIMEWA', { actorId: KABID, leaderOneLevelUpId: KABID })).thenThrows('forbidden', 'SELF_RATING');
  });

  it('only the leader one level up sets it', () => {
    given().when(setPredicate('ISTIMEWA', { actorId: 'pegawai-1' })).thenThrows('forbidden', 'NOT_LEADER_ONE_LEVEL_UP');
    given().when(setPredicate('ISTIMEWA', { leaderOneLevelUpId: null })).thenThrows('forbidden', 'NOT_LEADER_ONE_LEVEL_UP');
  });

  it('refuses a value outside the enum', () => {
    given().when(setPredicate('CUKUP' as never)).thenThrows('invalid', 'INVALID_ORGANISATION_PREDICATE');
  });

  it('cannot finalise before the organisation predicate is set', () => {
    given().when(finalizeUnit(fitsBaik)).thenThrows('conflict', 'ORGANISATION_PREDICATE_NOT_SET');
  });
});

describe('unit evaluation with an organisation predicate', () => {
  it('setting the same predicate again changes nothing; a new one records the previous', () => {
    given(...predicateSet('BAIK')).when(setPredicate('BAIK')).thenNothing();
    expect(given(...predicateSet('BAIK')).when(setPredicate('ISTIMEWA')).events()[0].data).toMatchObject({
      predicate: 'ISTIMEWA',
      previousPredicate: 'BAIK',
    });
  });

  it('finalises a unit whose distribution fits the curve', () => {
    given(...predicateSet('BAIK'))
      .when(finalizeUnit(fitsBaik, { justification: 'tidak perlu' }))
      .then([
        {
          type: 'UnitFinalized',
          data: {
            unitEvaluationId: ID,
            unitId: 'unit-1',
            periodId: annual.periodId,
            periodKind: 'ANNUAL',
            organisationPredicate: 'BAIK',
            ruleSetVersion: '2022.1',
            curve: {
              total: 4,
              counts: { SANGAT_BAIK: 1, BAIK: 2, BUTUH_PERBAIKAN: 1, KURANG_MISCONDUCT: 0, SANGAT_KURANG: 0 },
              passed: true,
              failed: [],
            },
            enforcement: 'WARN',
            justification: null,
            employees: fitsBaik as { employeeId: string; predicate: PredikatPegawai }[],
            finalizedBy: KADIS,
            finalizedAt: '2025-01-08T02:00:00.000Z',
          },
        },
      ]);
  });

  describe('WARN: a distribution off the curve needs a recorded justification', () => {
    it('refuses without one, naming the failed conditions', () => {
      const error = given(...predicateSet('BAIK')).when(finalizeUnit(breaksBaik)).thenThrows('invalid', 'CURVE_JUSTIFICATION_REQUIRED');
      expect(error.message).toBe(
        'Distribusi predikat tidak sesuai kurva BAIK (Baik paling banyak 70%; Harus ada pegawai Butuh Perbaikan dan/atau Kurang/Misconduct); alasan wajib diisi',
      );
      expect(error.field).toBe('justification');
    });

    it('finalises with one, recording it and what failed', () => {
      const [event] = given(...predicateSet('BAIK'))
        .when(finalizeUnit(breaksBaik, { justification: '  Unit kecil; seluruh pegawai memenuhi target  ' }))
        .events();
      expect(event.data).toMatchObject({
        curve: { passed: false, failed: ['BAIK.B_MAX', 'BAIK.BP_K_PRESENT'] },
        enforcement: 'WARN',
        justification: 'Unit kecil; seluruh pegawai memenuhi target',
      });
    });

    it('a unit of one under BAIK can never fit, so it always needs a justification', () => {
      given(...predicateSet('BAIK')).when(finalizeUnit(staff('BAIK'))).thenThrows('invalid', 'CURVE_JUSTIFICATION_REQUIRED');
      given(...predicateSet('BAIK')).when(finalizeUnit(staff('BUTUH_PERBAIKAN'))).thenThrows('invalid', 'CURVE_JUSTIFICATION_REQUIRED');
    });
  });

  describe('BLOCK: a distribution off the curve is refused', () => {
    it('even with a justification', () => {
      const error = given(...predicateSet('BAIK'))
        .when(finalizeUnit(breaksBaik, { ruleSet: BLOCK, justification: 'alasan' }))
        .thenThrows('conflict', 'CURVE_VIOLATED');
      expect(error.message).toContain('Baik paling banyak 70%');
    });

    it('a fitting distribution still passes', () => {
      expect(given(...predicateSet('BAIK')).when(finalizeUnit(fitsBaik, { ruleSet: BLOCK })).events()[0].data).toMatchObject({
        enforcement: 'BLOCK',
        curve: { passed: true },
      });
    });
  });

  describe('periodic periods', () => {
    it('are not held to the curve when the rule set applies it to the annual evaluation only', () => {
      expect(given(...predicateSet('BAIK', q1)).when(finalizeUnit(breaksBaik, { period: q1 })).events()[0].data).toMatchObject({
        periodKind: 'PERIODIC',
        curve: null,
        justification: null,
      });
    });

    it('are held to it when the rule set says so', () => {
      const periodicToo: RuleSet = { ...RULE_SET_2022_1, curve: { ...RULE_SET_2022_1.curve, appliesToPeriodic: true } };
      given(...predicateSet('BAIK', q1))
        .when(finalizeUnit(breaksBaik, { period: q1, ruleSet: periodicToo }))
        .thenThrows('invalid', 'CURVE_JUSTIFICATION_REQUIRED');
    });
  });

  it('needs everyone rated, and someone to rate', () => {
    const error = given(...predicateSet('BAIK')).when(finalizeUnit(staff('BAIK', null, 'BUTUH_PERBAIKAN', null))).thenThrows('conflict', 'EVALUATIONS_INCOMPLETE');
    expect(error.message).toBe('2 pegawai belum dinilai');
    given(...predicateSet('BAIK')).when(finalizeUnit([])).thenThrows('conflict', 'UNIT_HAS_NO_EVALUATIONS');
  });

  it('only the leader one level up finalises', () => {
    given(...predicateSet('BAIK')).when(finalizeUnit(fitsBaik, { actorId: KABID })).thenThrows('forbidden', 'NOT_LEADER_ONE_LEVEL_UP');
  });
});

describe('unit evaluation, finalised', () => {
  const finalised = () => [...predicateSet('BAIK'), ...unitEvaluationDecider.decide(finalizeUnit(fitsBaik), stateOf(predicateSet('BAIK')))];

  it('finalising again emits nothing', () => {
    given(...finalised()).when(finalizeUnit(breaksBaik)).thenNothing();
  });

  it('the organisation predicate can no longer change', () => {
    given(...finalised()).when(setPredicate('ISTIMEWA')).thenThrows('conflict', 'UNIT_FINALIZED');
  });
});

function stateOf(events: UnitEvaluationEvent[]) {
  return events.reduce(unitEvaluationDecider.evolve, unitEvaluationDecider.initialState());
}
