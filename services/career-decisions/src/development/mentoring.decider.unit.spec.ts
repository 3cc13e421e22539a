import { DomainEvent, project, Recorded } from '@kinerja/domain';
import { actorFor, deciderSpec } from '@kinerja/testing';
import { decideAccess } from '@kinerja/platform';
import { CAREER_POLICY } from '../policy';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { RuleSet, validateRuleSet } from '../rule-sets/rule-set';
import { jpProgress } from './development.rules';
import { creditedSessions, creditOf } from './get-mentoring/get-mentoring-record.query';
import { mentoringRecordProjection, MentoringRecordRow } from './get-mentoring/mentoring-record.projection';
import { MentoringEvent, mentoringDecider, RecordMentoringSession, StartMentoringRelation } from './mentoring.decider';

const MENTEE = '199801012022011001';
const MENTOR = '197501012000031002';
const rs = RULE_SET_2022_1;
const mentorCounts: RuleSet = { ...rs, version: '2024.2', development: { ...rs.development, mentoring: { menteeCreditPercent: 100, mentorCreditPercent: 50, maxRelationMonths: 12 } } };
const now = new Date('2024-10-15T03:00:00Z');

const start = (over: Partial<StartMentoringRelation['data']> = {}, mentorAgencyId: string | null = 'DISDUKCAPIL'): StartMentoringRelation => ({
  type: 'StartMentoringRelation',
  data: { relationId: 'M-1', menteeNip: MENTEE, menteeAgencyId: 'DISDUKCAPIL', mentorNip: MENTOR, startDate: '2024-02-01', endDate: '2024-12-31', goals: ['Menguasai layanan KTP-el'], ...over },
  lookups: { ruleSet: rs, mentorAgencyId },
  metadata: { now, actor: actorFor('admin-disdukcapil', 'ADMIN_OPD', 'DISDUKCAPIL') },
});
const session = (over: Partial<RecordMentoringSession['data']> = {}, ruleSet = rs): RecordMentoringSession => ({
  type: 'RecordMentoringSession',
  data: { relationId: 'M-1', sessionId: 'S-1', date: '2024-03-05', minutes: 90, topic: 'Verifikasi dokumen', coreValues: ['KOLABORATIF'], ...over },
  lookups: { ruleSet },
  metadata: { now, actor: actorFor(MENTOR) },
});

describe('mentoring relation', () => {
  const spec = deciderSpec(mentoringDecider);
  const started = spec.given().when(start()).events();

  it('starts a relation with the mentor agency from the directory; the same again changes nothing; other data under the same id is 409', () => {
    expect(started).toEqual([
      {
        type: 'MentoringRelationStarted',
        data: expect.objectContaining({ relationId: 'M-1', menteeNip: MENTEE, mentorNip: MENTOR, mentorAgencyId: 'DISDUKCAPIL', goals: ['Menguasai layanan KTP-el'], startedBy: 'admin-disdukcapil' }),
      },
    ]);
    spec.given(...started).when(start()).thenNothing();
    spec.given(...started).when(start({ endDate: '2024-11-30' })).thenThrows('conflict', 'RELATION_EXISTS');
  });

  it('refuses the mentee as their own mentor, an unknown mentor, a period ending before it starts or longer than the rule set allows, no goals', () => {
    expect(spec.given().when(start({ mentorNip: MENTEE })).thenThrows('invalid', 'MENTOR_IS_MENTEE').field).toBe('mentorNip');
    expect(spec.given().when(start({}, null)).thenThrows('invalid', 'MENTOR_UNKNOWN').field).toBe('mentorNip');
    expect(spec.given().when(start({ endDate: '2024-01-31' })).thenThrows('invalid', 'INVALID_PERIOD').field).toBe('endDate');
    expect(spec.given().when(start({ endDate: '2025-02-02' })).thenThrows('invalid', 'PERIOD_TOO_LONG').field).toBe('endDate');
    expect(spec.given().when(start({ endDate: '2025-02-01' })).events()).toHaveLength(1);
    expect(spec.given().when(start({ goals: ['  '] })).thenThrows('invalid', 'GOALS_REQUIRED').field).toBe('goals');
  });

  it('an overlapping relation with the same mentor is 409; after it ends, or with another mentor, it may start', () => {
    spec.given(...started).when(start({ relationId: 'M-2', startDate: '2024-12-31', endDate: '2025-06-30' })).thenThrows('conflict', 'MENTORING_OVERLAPS');
    spec.given(...started).when(start({ relationId: 'M-2', startDate: '2025-01-01', endDate: '2025-06-30' })).thenTypes(['MentoringRelationStarted']);
    spec.given(...started).when(start({ relationId: 'M-2', mentorNip: '198001012005011003' })).thenTypes(['MentoringRelationStarted']);
  });
});

describe('mentoring session', () => {
  const spec = deciderSpec(mentoringDecider);
  const started = spec.given().when(start()).events();

  it('credits the mentee in full by default and the mentor not at all; a rule set that counts the mentor credits half', () => {
    const [recorded] = spec.given(...started).when(session()).events() as MentoringEvent[];
    expect(recorded).toMatchObject({ type: 'MentoringSessionRecorded', data: { factId: `mentoring:${MENTEE}:M-1:S-1`, minutes: 90, menteeCreditMinutes: 90, mentorCreditMinutes: 0, ruleSetVersion: '2022.1' } });
    expect(spec.given(...started).when(session({}, mentorCounts)).events()[0]).toMatchObject({ data: { menteeCreditMinutes: 90, mentorCreditMinutes: 45, ruleSetVersion: '2024.2' } });
    spec.given(...started, recorded).when(session({ coreValues: ['KOLABORATIF', 'KOLABORATIF'] })).thenNothing();
    spec.given(...started, recorded).when(session({ minutes: 60 })).thenThrows('conflict', 'SESSION_EXISTS');
  });

  it('refuses a session outside the period, in the future, of an unknown relation', () => {
    expect(spec.given(...started).when(session({ date: '2024-01-31' })).thenThrows('invalid', 'SESSION_OUTSIDE_PERIOD').field).toBe('date');
    spec.given(...started).when(session({ date: '2024-10-16' })).thenThrows('invalid', 'FUTURE_SESSION');
    spec.given(...started).when(session({ relationId: 'M-9' })).thenThrows('not_found', 'RELATION_NOT_FOUND');
  });
});

describe('mentoring record and JP', () => {
  it('both people see the relation; each session carries the minutes credited to that person; JP adds to the trainings', () => {
    const spec = deciderSpec(mentoringDecider);
    const started = spec.given().when(start()).events();
    const s1 = spec.given(...started).when(session({}, mentorCounts)).events();
    const s2 = spec.given(...started, ...s1).when(session({ sessionId: 'S-2', date: '2024-04-05', minutes: 360 }, mentorCounts)).events();
    const history = [...started, ...s1, ...s2].map((e, i): Recorded<DomainEvent> => ({ ...e, id: `e${i}`, stream: 's', revision: i, position: String(i), metadata: {}, recordedAt: now }));
    const rows = project(mentoringRecordProjection, history) as Map<string, MentoringRecordRow>;
    // Replayed twice, the same rows.
    expect(project(mentoringRecordProjection, history, project(mentoringRecordProjection, history))).toEqual(rows);
    expect(rows.get(MENTEE)!.relations[0]).toMatchObject({ role: 'MENTEE', mentorNip: MENTOR, sessions: [{ creditMinutes: 90 }, { creditMinutes: 360 }] });
    expect(rows.get(MENTOR)!.relations[0]).toMatchObject({ role: 'MENTOR', menteeNip: MENTEE, sessions: [{ creditMinutes: 45 }, { creditMinutes: 180 }] });
    expect(creditOf(rows.get(MENTEE)!.relations, 2024, rs)).toEqual({ sessions: 2, minutes: 450, jp: 10 });
    expect(creditOf(rows.get(MENTEE)!.relations, 2025, rs)).toEqual({ sessions: 0, minutes: 0, jp: 0 });
    const trainings = [{ date: '2024-05-01', minutes: 450 }];
    expect(jpProgress([...trainings, ...creditedSessions(rows.get(MENTEE)!.relations, 2024)], 2024, '2024-10-15', rs)).toMatchObject({ jp: 20, met: true, shortfallJp: 0 });
    expect(jpProgress([...trainings, ...creditedSessions(rows.get(MENTOR)!.relations, 2024)], 2024, '2024-10-15', rs)).toMatchObject({ jp: 15, met: false });
  });

  it('the credit shares are rule-set data, checked at boot', () => {
    expect(validateRuleSet(mentorCounts)).toEqual([]);
    const broken = { ...rs, development: { ...rs.development, mentoring: { menteeCreditPercent: 120, mentorCreditPercent: -1, maxRelationMonths: 0 } } };
    expect(validateRuleSet(broken)).toEqual([
      'development.mentoring.menteeCreditPercent: must be 0..100',
      'development.mentoring.mentorCreditPercent: must be 0..100',
      'development.mentoring.maxRelationMonths: must be >= 1',
    ]);
  });
});

describe('mentoring permissions (policy.ts)', () => {
  const subject = (relations: ('MENTORING_PARTY' | 'SELF')[] = []) => ({ nip: MENTEE, agencyId: 'DISDUKCAPIL', relations });
  it('HR of the mentee\'s agency or BKPSDM registers, never for themself as mentee or mentor', () => {
    expect(decideAccess({ id: 'a', role: 'ADMIN_OPD', agencyId: 'DISDUKCAPIL' } as never, subject(), CAREER_POLICY.startMentoring).allowed).toBe(true);
    expect(decideAccess({ id: 'b', role: 'ADMIN_CITY' } as never, subject(), CAREER_POLICY.startMentoring).allowed).toBe(true);
    expect(decideAccess({ id: 'a', role: 'ADMIN_OPD', agencyId: 'DINKES' } as never, subject(), CAREER_POLICY.startMentoring).allowed).toBe(false);
    expect(decideAccess({ id: MENTOR, role: 'ADMIN_OPD', agencyId: 'DISDUKCAPIL' } as never, subject(['MENTORING_PARTY']), CAREER_POLICY.startMentoring).allowed).toBe(false);
    expect(decideAccess({ id: MENTOR, role: 'PPK', agencyId: 'DISDUKCAPIL' } as never, subject(), CAREER_POLICY.startMentoring).allowed).toBe(false);
  });
  it('the mentor or the mentee records a session; HR does not', () => {
    expect(decideAccess({ id: MENTOR, role: 'EMPLOYEE' } as never, subject(['MENTORING_PARTY']), CAREER_POLICY.recordMentoringSession).allowed).toBe(true);
    expect(decideAccess({ id: 'a', role: 'ADMIN_OPD', agencyId: 'DISDUKCAPIL' } as never, subject(), CAREER_POLICY.recordMentoringSession)).toMatchObject({ allowed: false, error: { code: 'NOT_MENTORING_PARTY' } });
  });
});
