import { actorFor, deciderSpec } from '@kinerja/testing';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { RuleSet } from '../rule-sets/rule-set';
import { ChangeFillDeadline, evaluationCalendarDecider, planPeriods, SetUpEvaluationCalendar } from './evaluation-calendar.decider';
import { EvaluationCalendarEvent } from './evaluation-calendar.events';

const { given } = deciderSpec(evaluationCalendarDecider);
const NOW = new Date('2024-01-03T08:00:00+07:00');
const ADMIN = 'admin-opd-1';

const setUp = (o: Partial<SetUpEvaluationCalendar['data']> & { adminScope?: 'ALL' | string[]; ruleSet?: RuleSet } = {}): SetUpEvaluationCalendar => {
  const { adminScope = ['opd-1'], ruleSet = RULE_SET_2022_1, ...data } = o;
  return {
    type: 'SetUpEvaluationCalendar',
    data: { agencyId: 'opd-1', year: 2024, cadence: 'QUARTERLY', ...data },
    lookups: { ruleSet, adminScope },
    metadata: { now: NOW, actor: actorFor(ADMIN) },
  };
};

const change = (periodId: string, fillDeadline: string, adminScope: 'ALL' | string[] = ['opd-1']): ChangeFillDeadline => ({
  type: 'ChangeFillDeadline',
  data: { calendarId: 'opd-1:2024', periodId, fillDeadline },
  lookups: { adminScope },
  metadata: { now: NOW, actor: actorFor(ADMIN) },
});

const setUpEvents = (): EvaluationCalendarEvent[] => evaluationCalendarDecider.decide(setUp(), evaluationCalendarDecider.initialState());

describe('planned periods', () => {
  it('quarterly: four triwulan and the annual evaluation, deadlines on the 10th of the next month', () => {
    expect(planPeriods(RULE_SET_2022_1, 'opd-1', 2024, 'QUARTERLY')).toEqual([
      { periodId: 'opd-1:2024:Q1', code: 'Q1', kind: 'PERIODIC', name: 'Triwulan I 2024', startDate: '2024-01-01', endDate: '2024-03-31', fillDeadline: '2024-04-10' },
      { periodId: 'opd-1:2024:Q2', code: 'Q2', kind: 'PERIODIC', name: 'Triwulan II 2024', startDate: '2024-04-01', endDate: '2024-06-30', fillDeadline: '2024-07-10' },
      { periodId: 'opd-1:2024:Q3', code: 'Q3', kind: 'PERIODIC', name: 'Triwulan III 2024', startDate: '2024-07-01', endDate: '2024-09-30', fillDeadline: '2024-10-10' },
      { periodId: 'opd-1:2024:Q4', code: 'Q4', kind: 'PERIODIC', name: 'Triwulan IV 2024', startDate: '2024-10-01', endDate: '2024-12-31', fillDeadline: '2025-01-10' },
      { periodId: 'opd-1:2024:ANNUAL', code: 'ANNUAL', kind: 'ANNUAL', name: 'Tahunan 2024', startDate: '2024-01-01', endDate: '2024-12-31', fillDeadline: '2025-01-10' },
    ]);
  });

  it('monthly: twelve months (February of a leap year ends on the 29th)', () => {
    const periods = planPeriods(RULE_SET_2022_1, 'opd-1', 2024, 'MONTHLY');
    expect(periods.map((p) => p.code)).toEqual(['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12', 'ANNUAL']);
    expect(periods[1]).toMatchObject({ name: 'Februari 2024', endDate: '2024-02-29', fillDeadline: '2024-03-10' });
  });

  it('semester: two halves', () => {
    expect(planPeriods(RULE_SET_2022_1, 'opd-1', 2025, 'SEMESTER').map((p) => [p.code, p.startDate, p.endDate])).toEqual([
      ['S1', '2025-01-01', '2025-06-30'],
      ['S2', '2025-07-01', '2025-12-31'],
      ['ANNUAL', '2025-01-01', '2025-12-31'],
    ]);
  });

  it('takes the deadline day from the rule set', () => {
    const day5: RuleSet = { ...RULE_SET_2022_1, periods: { ...RULE_SET_2022_1.periods, fillDeadline: { periodic: { dayOfFollowingMonth: 5 }, annual: { dayOfFollowingMonth: 20 } } } };
    const periods = planPeriods(day5, 'opd-1', 2024, 'SEMESTER');
    expect(periods.map((p) => p.fillDeadline)).toEqual(['2024-07-05', '2025-01-05', '2025-01-20']);
  });
});

describe('evaluation calendar, not set up', () => {
  it('an agency admin sets up the year', () => {
    const [event] = given().when(setUp()).events();
    expect(event).toEqual({
      type: 'EvaluationCalendarSetUp',
      data: {
        calendarId: 'opd-1:2024',
        agencyId: 'opd-1',
        year: 2024,
        cadence: 'QUARTERLY',
        periods: planPeriods(RULE_SET_2022_1, 'opd-1', 2024, 'QUARTERLY'),
        ruleSetVersion: '2022.1',
        setUpBy: ADMIN,
        setUpAt: '2024-01-03T01:00:00.000Z',
      },
    });
  });

  it('accepts fill-deadline overrides by period code', () => {
    const [event] = given().when(setUp({ fillDeadlines: { ANNUAL: '2025-01-31' } })).events();
    expect(event.type === 'EvaluationCalendarSetUp' && event.data.periods.find((p) => p.code === 'ANNUAL')?.fillDeadline).toBe('2025-01-31');
  });

  it('a city-wide admin (BKPSDM) sets up any agency', () => {
    expect(given().when(setUp({ adminScope: 'ALL' })).events()).toHaveLength(1);
  });

  it('an admin of another agency may not', () => {
    given().when(setUp({ adminScope: ['opd-2'] })).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
    given().when(setUp({ adminScope: [] })).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
  });

  it.each([
    ['an unknown cadence', { cadence: 'WEEKLY' as never }, 'INVALID_CADENCE'],
    ['a year out of range', { year: 1999 }, 'INVALID_YEAR'],
    ['a deadline override for an unknown period', { fillDeadlines: { Q5: '2024-12-31' } }, 'UNKNOWN_PERIOD'],
    ['a deadline before the period ends', { fillDeadlines: { Q1: '2024-03-30' } }, 'FILL_DEADLINE_BEFORE_PERIOD_END'],
    ['a deadline that is no date', { fillDeadlines: { Q1: '2024-04-31' } }, 'INVALID_DATE'],
  ])('refuses %s', (_name, data, code) => {
    given().when(setUp(data)).thenThrows('invalid', code);
  });

  it('refuses a cadence the rule set does not allow', () => {
    const quarterlyOnly: RuleSet = { ...RULE_SET_2022_1, periods: { ...RULE_SET_2022_1.periods, allowedCadences: ['QUARTERLY'] } };
    given().when(setUp({ cadence: 'MONTHLY', ruleSet: quarterlyOnly })).thenThrows('invalid', 'CADENCE_NOT_ALLOWED');
  });

  it('has no deadline to change yet', () => {
    given().when(change('opd-1:2024:Q1', '2024-04-15')).thenThrows('not_found', 'CALENDAR_NOT_FOUND');
  });
});

describe('evaluation calendar, set up', () => {
  it('is set up only once', () => {
    given(...setUpEvents()).when(setUp()).thenThrows('conflict', 'CALENDAR_EXISTS');
  });

  it('an admin moves a fill deadline', () => {
    given(...setUpEvents())
      .when(change('opd-1:2024:Q1', '2024-04-15'))
      .then([
        {
          type: 'FillDeadlineChanged',
          data: {
            calendarId: 'opd-1:2024',
            periodId: 'opd-1:2024:Q1',
            fillDeadline: '2024-04-15',
            previousFillDeadline: '2024-04-10',
            changedBy: ADMIN,
            changedAt: '2024-01-03T01:00:00.000Z',
          },
        },
      ]);
  });

  it('the same deadline again changes nothing', () => {
    given(...setUpEvents()).when(change('opd-1:2024:Q1', '2024-04-10')).thenNothing();
  });

  it('a moved deadline is what the next change starts from', () => {
    const moved = evaluationCalendarDecider.decide(change('opd-1:2024:Q1', '2024-04-15'), setUpState());
    expect(given(...setUpEvents(), ...moved).when(change('opd-1:2024:Q1', '2024-04-20')).events()[0].data).toMatchObject({
      previousFillDeadline: '2024-04-15',
    });
  });

  it('refuses an unknown period, a deadline before the period ends, and other agencies\' admins', () => {
    given(...setUpEvents()).when(change('opd-1:2024:Q9', '2024-04-15')).thenThrows('not_found', 'PERIOD_NOT_FOUND');
    given(...setUpEvents()).when(change('opd-1:2024:Q2', '2024-06-29')).thenThrows('invalid', 'FILL_DEADLINE_BEFORE_PERIOD_END');
    given(...setUpEvents()).when(change('opd-1:2024:Q1', '2024-04-15', ['opd-2'])).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
  });
});

function setUpState() {
  return setUpEvents().reduce(evaluationCalendarDecider.evolve, evaluationCalendarDecider.initialState());
}
