import { actorFor, deciderSpec } from '@kinerja/testing';
import { EvaluationPeriod } from '../periods/evaluation-calendar.events';
import { planPeriods } from '../periods/evaluation-calendar.decider';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { RuleSet } from '../rule-sets/rule-set';
import {
  DecideObjection,
  evaluationDecider,
  evaluationIdOf,
  FileObjection,
  FinalizePredicate,
  GiveExplanation,
  initialState,
  RequestExplanation,
  SubmitEvaluation,
} from './evaluation.decider';
import { EvaluationEvent } from './evaluation.events';

const { given } = deciderSpec(evaluationDecider);

const WIB = 'Asia/Jakarta';
const WIT = 'Asia/Jayapura';
const PEGAWAI = 'pegawai-1';
const PENILAI = 'penilai-1';
const ATASAN = 'atasan-1';
const OTHER = 'pegawai-lain';
const annual = planPeriods(RULE_SET_2022_1, 'opd-1', 2024, 'QUARTERLY').find((p) => p.code === 'ANNUAL')!;
const q1 = planPeriods(RULE_SET_2022_1, 'opd-1', 2024, 'QUARTERLY').find((p) => p.code === 'Q1')!;
const ID = evaluationIdOf(annual.periodId, PEGAWAI);
const SUBMITTED_AT = new Date('2025-01-06T10:00:00+07:00');

type SubmitOverrides = Partial<SubmitEvaluation['data']> & {
  lookups?: Partial<SubmitEvaluation['lookups']>;
  actorId?: string;
  now?: Date;
};

function submit(o: SubmitOverrides = {}): SubmitEvaluation {
  const { lookups, actorId = PENILAI, now = SUBMITTED_AT, ...data } = o;
  const period: EvaluationPeriod = lookups?.period ?? annual;
  return {
    type: 'SubmitEvaluation',
    data: {
      evaluationId: evaluationIdOf(period.periodId, PEGAWAI),
      ratingHasil: 'DI_ATAS',
      ratingPerilaku: 'SESUAI',
      justification: 'Target utama tercapai di atas ekspektasi',
      ...data,
    },
    lookups: {
      employeeId: PEGAWAI,
      unitId: 'unit-1',
      period,
      pejabatPenilaiId: PENILAI,
      ledUnit: null,
      facts: null,
      unitFinalized: false,
      ruleSet: RULE_SET_2022_1,
      timeZone: WIB,
      ...lookups,
    },
    metadata: { now, actor: actorFor(actorId) },
  };
}

const fileObjection = (now: Date, o: { actorId?: string; reasons?: string; atasan?: string | null } = {}): FileObjection => ({
  type: 'FileObjection',
  data: { evaluationId: ID, reasons: o.reasons ?? 'Capaian RHK 2 tidak diperhitungkan' },
  lookups: { atasanPejabatPenilaiId: o.atasan === undefined ? ATASAN : o.atasan },
  metadata: { now, actor: actorFor(o.actorId ?? PEGAWAI) },
});

const requestExplanation = (from: 'PEJABAT_PENILAI' | 'PEGAWAI', actorId = ATASAN): RequestExplanation => ({
  type: 'RequestExplanation',
  data: { evaluationId: ID, from, question: 'Mohon penjelasan atas penilaian RHK 2' },
  metadata: { now: new Date('2025-01-10T09:00:00+07:00'), actor: actorFor(actorId) },
});

const giveExplanation = (from: 'PEJABAT_PENILAI' | 'PEGAWAI', actorId: string): GiveExplanation => ({
  type: 'GiveExplanation',
  data: { evaluationId: ID, from, explanation: 'Bukti dukung RHK 2 terlambat diunggah' },
  metadata: { now: new Date('2025-01-11T09:00:00+07:00'), actor: actorFor(actorId) },
});

const DECIDED_AT = new Date('2025-01-15T09:00:00+07:00');
const decideObjection = (o: Partial<DecideObjection['data']> & { actorId?: string; ruleSet?: RuleSet } = {}): DecideObjection => {
  const { actorId = ATASAN, ruleSet = RULE_SET_2022_1, ...data } = o;
  return {
    type: 'DecideObjection',
    data: { evaluationId: ID, outcome: 'KEEP', reasons: 'Penilaian sesuai bukti dukung', ...data },
    lookups: { ruleSet },
    metadata: { now: DECIDED_AT, actor: actorFor(actorId) },
  };
};

const finalize = (now: Date): FinalizePredicate => ({ type: 'FinalizePredicate', data: { evaluationId: ID }, metadata: { now, actor: actorFor('system:scheduler') } });

/** Events of a sequence of accepted commands, to build the "given". */
function history(...commands: Parameters<typeof evaluationDecider.decide>[0][]): EvaluationEvent[] {
  const events: EvaluationEvent[] = [];
  let state = initialState();
  for (const command of commands) {
    const produced = evaluationDecider.decide(command, state);
    for (const e of produced) state = evaluationDecider.evolve(state, e);
    events.push(...produced);
  }
  return events;
}

const rated = () => history(submit());
const objected = () => history(submit(), fileObjection(new Date('2025-01-08T10:00:00+07:00')));
const explainedCommands = () => [submit(), fileObjection(new Date('2025-01-08T10:00:00+07:00')), requestExplanation('PEJABAT_PENILAI'), requestExplanation('PEGAWAI')];
const explained = () => history(...explainedCommands());

describe('evaluation, not yet submitted', () => {
  it('SubmitEvaluation sets the predicate from the matrix and records the rule-set version and the keberatan window', () => {
    given()
      .when(submit())
      .then([
        {
          type: 'EvaluationSubmitted',
          data: {
            evaluationId: ID,
            employeeId: PEGAWAI,
            periodId: 'opd-1:2024:ANNUAL',
            periodKind: 'ANNUAL',
            unitId: 'unit-1',
            assessorId: PENILAI,
            ratingHasil: 'DI_ATAS',
            ratingPerilaku: 'SESUAI',
            ratingHasilSource: 'PEJABAT_PENILAI',
            ledUnit: null,
            justification: 'Target utama tercapai di atas ekspektasi',
            suggestion: null,
            differenceFromSuggestion: { hasil: null, perilaku: null },
            late: false,
            submittedAt: '2025-01-06T03:00:00.000Z',
          },
        },
        {
          type: 'PredicateSet',
          data: {
            evaluationId: ID,
            employeeId: PEGAWAI,
            periodId: 'opd-1:2024:ANNUAL',
            periodKind: 'ANNUAL',
            unitId: 'unit-1',
            assessorId: PENILAI,
            ratingHasil: 'DI_ATAS',
            ratingPerilaku: 'SESUAI',
            predicate: 'BAIK',
            ruleSetVersion: '2022.1',
            objectionWindow: { days: 14, timeZone: WIB, receivedOn: '2025-01-06', lastDay: '2025-01-20', closesAt: '2025-01-20T16:59:59.999Z' },
            setAt: '2025-01-06T03:00:00.000Z',
          },
        },
      ]);
  });

  it('records the suggestion and how far the human rating differs from it', () => {
    const [submitted] = given()
      .when(
        submit({
          ratingHasil: 'DI_ATAS',
          ratingPerilaku: 'SESUAI',
          lookups: { facts: { indicators: [{ indicatorId: 'iki-1', achievement: 0.95 }], feedback: { positive: 1, negative: 1 } } },
        }),
      )
      .events();
    expect(submitted.type === 'EvaluationSubmitted' && submitted.data).toMatchObject({
      suggestion: { ratingHasil: 'SESUAI', ratingPerilaku: 'DI_BAWAH', basis: { indicatorCount: 1, meanAchievement: 0.95 } },
      differenceFromSuggestion: { hasil: 1, perilaku: 1 },
    });
  });

  describe('leader rule', () => {
    const ledUnit = (organisationPredicate: 'ISTIMEWA' | 'KURANG' | null) => ({ unitId: 'unit-1', organisationPredicate });

    it('takes the rating hasil from the unit it leads', () => {
      const [submitted, set] = given()
        .when(submit({ ratingHasil: undefined, ratingPerilaku: 'DI_ATAS', lookups: { ledUnit: ledUnit('ISTIMEWA') } }))
        .events();
      expect(submitted.data).toMatchObject({ ratingHasil: 'DI_ATAS', ratingHasilSource: 'LEADER_RULE', ledUnit: ledUnit('ISTIMEWA') });
      expect(set.data).toMatchObject({ ratingHasil: 'DI_ATAS', predicate: 'SANGAT_BAIK' });
    });

    it('accepts a rating hasil equal to the unit achievement', () => {
      const [, set] = given().when(submit({ ratingHasil: 'DI_BAWAH', lookups: { ledUnit: ledUnit('KURANG') } })).events();
      expect(set.data).toMatchObject({ ratingHasil: 'DI_BAWAH', predicate: 'BUTUH_PERBAIKAN' });
    });

    it('refuses a rating hasil that differs from the unit achievement', () => {
      given().when(submit({ ratingHasil: 'DI_ATAS', lookups: { ledUnit: ledUnit('KURANG') } })).thenThrows('invalid', 'RATING_HASIL_SET_BY_LEADER_RULE');
    });

    it('waits for the organisation predicate', () => {
      given().when(submit({ lookups: { ledUnit: ledUnit(null) } })).thenThrows('conflict', 'ORGANISATION_PREDICATE_NOT_SET');
    });
  });

  describe('bad input is a 400 and stores nothing', () => {
    it.each([
      ['ratingHasil', { ratingHasil: 'BAGUS' as never }, 'INVALID_RATING'],
      ['ratingPerilaku', { ratingPerilaku: 'di_atas' as never }, 'INVALID_RATING'],
      ['missing ratingHasil', { ratingHasil: undefined }, 'INVALID_RATING'],
      ['blank justification', { justification: '   ' }, 'JUSTIFICATION_REQUIRED'],
      ['evaluation id of another employee', { evaluationId: evaluationIdOf(annual.periodId, OTHER) }, 'EVALUATION_ID_MISMATCH'],
    ])('%s', (_name, overrides, code) => {
      given().when(submit(overrides)).thenThrows('invalid', code);
    });

    it('a city time zone the rule set does not allow', () => {
      given().when(submit({ lookups: { timeZone: 'Asia/Tokyo' } })).thenThrows('invalid', 'TIME_ZONE_NOT_ALLOWED');
    });
  });

  describe('permissions', () => {
    it('nobody rates themselves, even when recorded as their own pejabat penilai', () => {
      given().when(submit({ actorId: PEGAWAI, lookups: { pejabatPenilaiId: PEGAWAI } })).thenThrows('forbidden', 'SELF_RATING');
    });

    it('only the pejabat penilai of that period rates', () => {
      given().when(submit({ actorId: 'penilai-lama' })).thenThrows('forbidden', 'NOT_PEJABAT_PENILAI');
    });

    it('nobody rates when the period has no pejabat penilai', () => {
      given().when(submit({ lookups: { pejabatPenilaiId: null } })).thenThrows('forbidden', 'NOT_PEJABAT_PENILAI');
    });
  });

  describe('periods and deadlines', () => {
    it('refuses a period that has not started', () => {
      given()
        .when(submit({ lookups: { period: q1 }, now: new Date('2023-12-31T23:00:00+07:00') }))
        .thenThrows('conflict', 'PERIOD_NOT_STARTED');
    });

    it('marks a submission after the fill deadline as late (local date of the city)', () => {
      const onDeadline = given().when(submit({ now: new Date('2025-01-10T23:59:00+07:00') })).events();
      const after = given().when(submit({ now: new Date('2025-01-11T00:01:00+07:00') })).events();
      expect(onDeadline[0].data).toMatchObject({ late: false });
      expect(after[0].data).toMatchObject({ late: true });
    });

    it('refuses a late submission when the rule set says so', () => {
      const refuse: RuleSet = { ...RULE_SET_2022_1, periods: { ...RULE_SET_2022_1.periods, lateSubmission: 'REFUSE' } };
      given()
        .when(submit({ now: new Date('2025-01-11T00:01:00+07:00'), lookups: { ruleSet: refuse } }))
        .thenThrows('conflict', 'FILL_DEADLINE_PASSED');
    });

    it('refuses rating once the unit is finalised for the period', () => {
      given().when(submit({ lookups: { unitFinalized: true } })).thenThrows('conflict', 'UNIT_FINALIZED');
    });

    it('records the rule-set version it was given', () => {
      const v2025: RuleSet = { ...RULE_SET_2022_1, version: '2025.1', effectiveFrom: '2025-01-01' };
      const [, set] = given().when(submit({ lookups: { ruleSet: v2025 } })).events();
      expect(set.data).toMatchObject({ ruleSetVersion: '2025.1' });
    });
  });

  it('cannot be objected to, explained, decided or finalised before a predicate exists', () => {
    given().when(fileObjection(SUBMITTED_AT)).thenThrows('conflict', 'NO_PREDICATE');
    given().when(requestExplanation('PEGAWAI')).thenThrows('conflict', 'NO_OBJECTION');
    given().when(decideObjection()).thenThrows('conflict', 'NO_OBJECTION');
    given().when(finalize(SUBMITTED_AT)).thenThrows('conflict', 'NO_PREDICATE');
  });
});

describe('evaluation with a predicate set', () => {
  it('the pejabat penilai may revise before an objection; the window restarts', () => {
    const [, set] = given(...rated())
      .when(submit({ ratingHasil: 'SESUAI', now: new Date('2025-01-09T10:00:00+07:00') }))
      .events();
    expect(set.data).toMatchObject({ predicate: 'BAIK', objectionWindow: { receivedOn: '2025-01-09', lastDay: '2025-01-23' } });
  });

  describe('keberatan window: day 14 vs day 15 in two time zones', () => {
    // Received at 22:30 WIB on 6 January: 7 January already in a WIT city.
    const lateEvening = new Date('2025-01-06T22:30:00+07:00');
    const ratedIn = (timeZone: string) => history(submit({ now: lateEvening, lookups: { timeZone } }));

    it('WIB city: day 14 (20 January, 23:59 WIB) is accepted', () => {
      given(...ratedIn(WIB))
        .when(fileObjection(new Date('2025-01-20T23:59:59+07:00')))
        .then([
          {
            type: 'ObjectionFiled',
            data: {
              evaluationId: ID,
              employeeId: PEGAWAI,
              periodId: annual.periodId,
              reasons: 'Capaian RHK 2 tidak diperhitungkan',
              atasanId: ATASAN,
              dayOfWindow: 14,
              filedAt: '2025-01-20T16:59:59.000Z',
            },
          },
        ]);
    });

    it('WIB city: day 15 (21 January, 00:00 WIB) is refused with the reason', () => {
      const error = given(...ratedIn(WIB))
        .when(fileObjection(new Date('2025-01-21T00:00:00+07:00')))
        .thenThrows('conflict', 'OBJECTION_WINDOW_CLOSED');
      expect(error.message).toBe(
        'Batas waktu keberatan 14 hari sudah lewat: paling lambat 2025-01-20 (Asia/Jakarta), diajukan pada hari ke-15',
      );
    });

    it('WIT city: the same late-evening receipt counts from 7 January, so 21 January is still day 14', () => {
      const [filed] = given(...ratedIn(WIT)).when(fileObjection(new Date('2025-01-21T23:59:59+09:00'))).events();
      expect(filed.data).toMatchObject({ dayOfWindow: 14 });
    });

    it('WIT city: day 15 (22 January, 00:00 WIT) is refused', () => {
      given(...ratedIn(WIT))
        .when(fileObjection(new Date('2025-01-22T00:00:00+09:00')))
        .thenThrows('conflict', 'OBJECTION_WINDOW_CLOSED');
    });

    it('one instant, two cities: 21 January 10:00 WIT is day 15 in Jakarta and day 14 in Jayapura', () => {
      const at = new Date('2025-01-21T10:00:00+09:00');
      given(...ratedIn(WIB)).when(fileObjection(at)).thenThrows('conflict', 'OBJECTION_WINDOW_CLOSED');
      expect(given(...ratedIn(WIT)).when(fileObjection(at)).events()).toHaveLength(1);
    });
  });

  it('reasons are required', () => {
    given(...rated()).when(fileObjection(SUBMITTED_AT, { reasons: ' ' })).thenThrows('invalid', 'REASONS_REQUIRED');
  });

  it('only the evaluated employee objects', () => {
    given(...rated()).when(fileObjection(SUBMITTED_AT, { actorId: PENILAI })).thenThrows('forbidden', 'NOT_THE_EMPLOYEE');
    given(...rated()).when(fileObjection(SUBMITTED_AT, { actorId: OTHER })).thenThrows('forbidden', 'NOT_THE_EMPLOYEE');
  });

  it('needs an atasan pejabat penilai for the period who is neither party', () => {
    given(...rated()).when(fileObjection(SUBMITTED_AT, { atasan: null })).thenThrows('conflict', 'NO_ATASAN_PEJABAT_PENILAI');
    given(...rated()).when(fileObjection(SUBMITTED_AT, { atasan: PENILAI })).thenThrows('conflict', 'ATASAN_INVALID');
    given(...rated()).when(fileObjection(SUBMITTED_AT, { atasan: PEGAWAI })).thenThrows('conflict', 'ATASAN_INVALID');
  });

  it('is not finalised while the window is open (day 14)', () => {
    given(...rated()).when(finalize(new Date('2025-01-20T23:59:59+07:00'))).thenThrows('conflict', 'OBJECTION_WINDOW_OPEN');
  });

  it('is finalised when the window ends without objection', () => {
    given(...rated())
      .when(finalize(new Date('2025-01-21T00:00:00+07:00')))
      .then([
        {
          type: 'PredicateFinalized',
          data: {
            evaluationId: ID,
            employeeId: PEGAWAI,
            periodId: annual.periodId,
            periodKind: 'ANNUAL',
            unitId: 'unit-1',
            assessorId: PENILAI,
            ratingHasil: 'DI_ATAS',
            ratingPerilaku: 'SESUAI',
            predicate: 'BAIK',
            ruleSetVersion: '2022.1',
            finalizedVia: 'WINDOW_ENDED',
            finalizedAt: '2025-01-20T17:00:00.000Z',
          },
        },
      ]);
  });
});

describe('evaluation under objection', () => {
  it('refuses a second objection and any new rating', () => {
    given(...objected()).when(fileObjection(SUBMITTED_AT)).thenThrows('conflict', 'OBJECTION_EXISTS');
    given(...objected()).when(submit()).thenThrows('conflict', 'OBJECTION_PENDING');
    given(...objected()).when(finalize(new Date('2025-02-01T00:00:00+07:00'))).thenThrows('conflict', 'OBJECTION_PENDING');
  });

  it('the atasan asks the pejabat penilai and the employee for explanations', () => {
    given(...objected())
      .when(requestExplanation('PEJABAT_PENILAI'))
      .then([
        {
          type: 'ExplanationRequested',
          data: {
            evaluationId: ID,
            from: 'PEJABAT_PENILAI',
            partyId: PENILAI,
            question: 'Mohon penjelasan atas penilaian RHK 2',
            requestedBy: ATASAN,
            requestedAt: '2025-01-10T02:00:00.000Z',
          },
        },
      ]);
    expect(given(...objected()).when(requestExplanation('PEGAWAI')).events()[0].data).toMatchObject({ from: 'PEGAWAI', partyId: PEGAWAI });
  });

  it('only that atasan asks for explanations', () => {
    given(...objected()).when(requestExplanation('PEGAWAI', PENILAI)).thenThrows('forbidden', 'NOT_ATASAN');
    given(...objected()).when(requestExplanation('PEJABAT_PENILAI', PEGAWAI)).thenThrows('forbidden', 'NOT_ATASAN');
    given(...objected()).when(requestExplanation('PEGAWAI', 'atasan-lain')).thenThrows('forbidden', 'NOT_ATASAN');
  });

  it('refuses an unknown party', () => {
    given(...objected()).when(requestExplanation('SAKSI' as never)).thenThrows('invalid', 'INVALID_PARTY');
  });

  it('records an explanation from the party asked, or by the atasan on their behalf', () => {
    expect(given(...explained()).when(giveExplanation('PEJABAT_PENILAI', PENILAI)).events()[0].data).toMatchObject({
      from: 'PEJABAT_PENILAI',
      partyId: PENILAI,
      recordedBy: PENILAI,
    });
    expect(given(...explained()).when(giveExplanation('PEGAWAI', ATASAN)).events()[0].data).toMatchObject({
      from: 'PEGAWAI',
      partyId: PEGAWAI,
      recordedBy: ATASAN,
    });
  });

  it('an explanation must have been asked for, and only its party (or the atasan) gives it', () => {
    given(...objected()).when(giveExplanation('PEGAWAI', PEGAWAI)).thenThrows('conflict', 'EXPLANATION_NOT_REQUESTED');
    given(...explained()).when(giveExplanation('PEJABAT_PENILAI', PEGAWAI)).thenThrows('forbidden', 'NOT_THE_PARTY');
    given(...explained()).when(giveExplanation('PEGAWAI', OTHER)).thenThrows('forbidden', 'NOT_THE_PARTY');
  });

  it('is not decided before explanations are asked of both sides (PP 30/2019 Pasal 59(3))', () => {
    const error = given(...objected()).when(decideObjection()).thenThrows('conflict', 'EXPLANATIONS_MISSING');
    expect(error.message).toBe('Penjelasan belum diminta dari: pejabat penilai, pegawai');
    given(...history(submit(), fileObjection(SUBMITTED_AT), requestExplanation('PEGAWAI')))
      .when(decideObjection())
      .thenThrows('conflict', 'EXPLANATIONS_MISSING');
  });

  it('only that atasan decides', () => {
    for (const actorId of [PENILAI, PEGAWAI, 'atasan-lain'])
      given(...explained()).when(decideObjection({ actorId })).thenThrows('forbidden', 'NOT_ATASAN');
  });

  it('KEEP: the predicate stays and becomes final at once', () => {
    given(...explained())
      .when(decideObjection())
      .then([
        {
          type: 'ObjectionDecided',
          data: {
            evaluationId: ID,
            employeeId: PEGAWAI,
            periodId: annual.periodId,
            outcome: 'KEEP',
            reasons: 'Penilaian sesuai bukti dukung',
            decidedBy: ATASAN,
            previous: { ratingHasil: 'DI_ATAS', ratingPerilaku: 'SESUAI', predicate: 'BAIK' },
            ratingHasil: 'DI_ATAS',
            ratingPerilaku: 'SESUAI',
            predicate: 'BAIK',
            ruleSetVersion: '2022.1',
            decidedAt: '2025-01-15T02:00:00.000Z',
          },
        },
        {
          type: 'PredicateFinalized',
          data: {
            evaluationId: ID,
            employeeId: PEGAWAI,
            periodId: annual.periodId,
            periodKind: 'ANNUAL',
            unitId: 'unit-1',
            assessorId: PENILAI,
            ratingHasil: 'DI_ATAS',
            ratingPerilaku: 'SESUAI',
            predicate: 'BAIK',
            ruleSetVersion: '2022.1',
            finalizedVia: 'OBJECTION_DECIDED',
            finalizedAt: '2025-01-15T02:00:00.000Z',
          },
        },
      ]);
  });

  it('CHANGE: the atasan sets new ratings; the predicate comes from the recorded version', () => {
    const [decided, final] = given(...explained()).when(decideObjection({ outcome: 'CHANGE', ratingPerilaku: 'DI_ATAS' })).events();
    expect(decided.data).toMatchObject({ outcome: 'CHANGE', ratingHasil: 'DI_ATAS', ratingPerilaku: 'DI_ATAS', predicate: 'SANGAT_BAIK' });
    expect(final.data).toMatchObject({ predicate: 'SANGAT_BAIK', finalizedVia: 'OBJECTION_DECIDED' });
  });

  it('CHANGE must change something, with valid ratings and reasons', () => {
    given(...explained()).when(decideObjection({ outcome: 'CHANGE', ratingHasil: 'DI_ATAS' })).thenThrows('invalid', 'CHANGE_WITHOUT_DIFFERENCE');
    given(...explained()).when(decideObjection({ outcome: 'CHANGE', ratingHasil: 'TINGGI' as never })).thenThrows('invalid', 'INVALID_RATING');
    given(...explained()).when(decideObjection({ outcome: 'MAYBE' as never })).thenThrows('invalid', 'INVALID_OUTCOME');
    given(...explained()).when(decideObjection({ reasons: '' })).thenThrows('invalid', 'REASONS_REQUIRED');
  });

  it('CHANGE keeps the leader rule: rating hasil stays the unit achievement', () => {
    const leader = submit({ ratingHasil: undefined, lookups: { ledUnit: { unitId: 'unit-1', organisationPredicate: 'BAIK' } } });
    const events = history(leader, fileObjection(SUBMITTED_AT), requestExplanation('PEJABAT_PENILAI'), requestExplanation('PEGAWAI'));
    given(...events).when(decideObjection({ outcome: 'CHANGE', ratingHasil: 'DI_ATAS' })).thenThrows('invalid', 'RATING_HASIL_SET_BY_LEADER_RULE');
    expect(given(...events).when(decideObjection({ outcome: 'CHANGE', ratingPerilaku: 'DI_ATAS' })).events()[0].data).toMatchObject({
      ratingHasil: 'SESUAI',
      predicate: 'BAIK',
    });
  });

  it('refuses a decision under another rule-set version than the one recorded', () => {
    const other: RuleSet = { ...RULE_SET_2022_1, version: '2025.1' };
    given(...explained()).when(decideObjection({ ruleSet: other })).thenThrows('conflict', 'RULE_SET_MISMATCH');
  });

  it('needs only the explanations the rule set requires', () => {
    const none: RuleSet = { ...RULE_SET_2022_1, objection: { ...RULE_SET_2022_1.objection, explanationsRequiredBeforeDecision: [] } };
    expect(given(...objected()).when(decideObjection({ ruleSet: none })).events()).toHaveLength(2);
  });
});

describe('evaluation, finalised', () => {
  const finalisedByWindow = () => history(submit(), finalize(new Date('2025-01-21T00:00:00+07:00')));
  const finalisedByDecision = () => history(...explainedCommands(), decideObjection());

  it('finalising twice emits nothing the second time', () => {
    given(...finalisedByWindow()).when(finalize(new Date('2025-01-22T00:00:00+07:00'))).thenNothing();
    given(...finalisedByDecision()).when(finalize(new Date('2025-01-22T00:00:00+07:00'))).thenNothing();
  });

  it('rating after finalisation is a conflict', () => {
    given(...finalisedByWindow()).when(submit()).thenThrows('conflict', 'EVALUATION_FINALIZED');
    given(...finalisedByDecision()).when(submit()).thenThrows('conflict', 'EVALUATION_FINALIZED');
  });

  it('objecting after finalisation is a conflict', () => {
    given(...finalisedByWindow()).when(fileObjection(new Date('2025-01-22T00:00:00+07:00'))).thenThrows('conflict', 'EVALUATION_FINALIZED');
  });

  it('the objection decision is final', () => {
    given(...finalisedByDecision()).when(decideObjection({ outcome: 'CHANGE', ratingPerilaku: 'DI_ATAS' })).thenThrows('conflict', 'OBJECTION_DECIDED');
    given(...finalisedByDecision()).when(requestExplanation('PEGAWAI')).thenThrows('conflict', 'OBJECTION_DECIDED');
  });
});
