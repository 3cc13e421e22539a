import { actorFor, deciderSpec } from '@kinerja/testing';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { PerformanceRecordEvent } from './performance-record.events';
import { ImportLegacyPredicate, ImportPredicate, initialState, performanceRecordDecider, RecordFinalPredicate, RecordOrganisationEmployment, RecordProvisionalPredicate } from './performance-record.decider';

const spec = deciderSpec(performanceRecordDecider);
const nip = '199001012015011001';
const now = new Date('2024-02-01T03:00:00Z');
const metadata = { now, actor: actorFor('system:evaluation-consumer', 'SYSTEM') };

const final = (year: number, predicate: RecordFinalPredicate['data']['predicate'], factId: string, via: RecordFinalPredicate['data']['via'] = 'WINDOW_ENDED'): RecordFinalPredicate => ({
  type: 'RecordFinalPredicate',
  data: { nip, agencyId: 'DISKOMINFO', year, predicate, factId, via },
  metadata,
});
const set = (year: number, predicate: RecordProvisionalPredicate['data']['predicate'], factId: string): RecordProvisionalPredicate => ({
  type: 'RecordProvisionalPredicate',
  data: { nip, agencyId: 'DISKOMINFO', year, predicate, factId },
  metadata,
});
const recorded = (year: number, predicate: RecordFinalPredicate['data']['predicate'], factId: string, final = true): PerformanceRecordEvent => ({
  type: 'AnnualPredicateRecorded',
  data: { nip, agencyId: 'DISKOMINFO', year, predicate, factId, source: 'EVALUATION', legacyScore: null, final, recordedAt: now.toISOString() },
});
const changed = (
  year: number,
  [previousPredicate, previousFactId]: [RecordFinalPredicate['data']['predicate'], string],
  [predicate, factId]: [RecordFinalPredicate['data']['predicate'], string],
  final: boolean,
  reason: 'OBJECTION' | 'CORRECTION',
): PerformanceRecordEvent => ({
  type: 'AnnualPredicateChanged',
  data: { nip, year, predicate, factId, source: 'EVALUATION', legacyScore: null, final, previousPredicate, previousFactId, reason, recordedAt: now.toISOString() },
});
const legacy = (year: number, score: number, predicate: ImportLegacyPredicate['data']['predicate']): ImportLegacyPredicate => ({
  type: 'ImportLegacyPredicate',
  data: { nip, year, score, predicate },
  lookups: { ruleSet: RULE_SET_2022_1 },
  metadata: { now, actor: actorFor('admin-bkpsdm') },
});

describe('performance record', () => {
  describe('given no predicate for the year', () => {
    it('records a finalised annual predicate with the event id it came from', () =>
      spec.given().when(final(2023, 'BAIK', 'evt-1')).then([recorded(2023, 'BAIK', 'evt-1')]));
  });

  describe('given a recorded predicate', () => {
    it('a redelivered event changes nothing', () => spec.given(recorded(2023, 'BAIK', 'evt-1')).when(final(2023, 'BAIK', 'evt-1')).thenNothing());

    it('another finalised predicate for a final year records the change, naming the previous fact', () =>
      spec
        .given(recorded(2023, 'BAIK', 'evt-1'))
        .when(final(2023, 'BUTUH_PERBAIKAN', 'evt-2', 'OBJECTION_DECIDED'))
        .then([changed(2023, ['BAIK', 'evt-1'], ['BUTUH_PERBAIKAN', 'evt-2'], true, 'OBJECTION')]));

    it('the same predicate finalised again changes nothing', () =>
      spec.given(recorded(2023, 'BAIK', 'evt-1')).when(final(2023, 'BAIK', 'evt-2', 'OBJECTION_DECIDED')).thenNothing());

    it('a set predicate never overrides a final year', () => spec.given(recorded(2023, 'BAIK', 'evt-1')).when(set(2023, 'SANGAT_BAIK', 'set-9')).thenNothing());
  });

  describe('given no predicate for the year, a set one (PredicateSet.v1)', () => {
    it('is recorded at once, not final, citing the PredicateSet event id', () =>
      spec.given().when(set(2022, 'BAIK', 'set-1')).then([recorded(2022, 'BAIK', 'set-1', false)]));
  });

  describe('given a set predicate, not final (keberatan window open or an objection pending)', () => {
    const provisional = recorded(2022, 'BAIK', 'set-1', false);

    it('finalised with the same predicate (window ended): the year only becomes final and keeps citing the set fact', () =>
      spec
        .given(provisional)
        .when(final(2022, 'BAIK', 'fin-1', 'WINDOW_ENDED'))
        .then([
          {
            type: 'AnnualPredicateFinalized',
            data: { nip, year: 2022, predicate: 'BAIK', factId: 'set-1', finalizedFactId: 'fin-1', via: 'WINDOW_ENDED', recordedAt: now.toISOString() },
          },
        ]));

    it('finalised with the same predicate (objection decided KEEP): the same', () => {
      const [event] = spec.given(provisional).when(final(2022, 'BAIK', 'fin-1', 'OBJECTION_DECIDED')).events();
      expect(event).toMatchObject({ type: 'AnnualPredicateFinalized', data: { factId: 'set-1', via: 'OBJECTION_DECIDED' } });
    });

    it('finalised with another predicate (objection decided CHANGE): a change from the set fact, final', () =>
      spec
        .given(provisional)
        .when(final(2022, 'BUTUH_PERBAIKAN', 'fin-1', 'OBJECTION_DECIDED'))
        .then([changed(2022, ['BAIK', 'set-1'], ['BUTUH_PERBAIKAN', 'fin-1'], true, 'OBJECTION')]));

    it('revised by the pejabat penilai before any objection (a new PredicateSet): a change, still not final', () =>
      spec.given(provisional).when(set(2022, 'SANGAT_BAIK', 'set-2')).then([changed(2022, ['BAIK', 'set-1'], ['SANGAT_BAIK', 'set-2'], false, 'CORRECTION')]));

    it('set again with the same predicate (a revision that kept it): nothing, the first fact stays', () =>
      spec.given(provisional).when(set(2022, 'BAIK', 'set-2')).thenNothing());

    it('the set event redelivered changes nothing', () => spec.given(provisional).when(set(2022, 'BAIK', 'set-1')).thenNothing());

    it('once finalised, the finalized event redelivered changes nothing, and so does the set one', () => {
      const finalized = spec.given(provisional).when(final(2022, 'BAIK', 'fin-1')).events();
      spec.given(provisional, ...finalized).when(final(2022, 'BAIK', 'fin-1')).thenNothing();
      spec.given(provisional, ...finalized).when(set(2022, 'BAIK', 'set-1')).thenNothing();
    });

    it('the fold shows the year provisional, then final with the set fact', () => {
      const finalized = spec.given(provisional).when(final(2022, 'BAIK', 'fin-1')).events();
      const fold = (events: PerformanceRecordEvent[]) => events.reduce(performanceRecordDecider.evolve, initialState());
      expect(fold([provisional]).byYear[2022]).toMatchObject({ predicate: 'BAIK', factId: 'set-1', final: false });
      expect(fold([provisional, ...finalized]).byYear[2022]).toMatchObject({ predicate: 'BAIK', factId: 'set-1', final: true });
    });
  });

  describe('events stored before PredicateSet.v1 was consumed (no `final`)', () => {
    it('fold as final', () => {
      const old = { type: 'AnnualPredicateRecorded', data: { nip, agencyId: 'DISKOMINFO', year: 2021, predicate: 'BAIK', factId: 'evt-0', source: 'EVALUATION', legacyScore: null, recordedAt: 't' } } as const;
      expect(performanceRecordDecider.evolve(initialState(), old).byYear[2021].final).toBe(true);
      spec.given(old).when(final(2021, 'BAIK', 'evt-5')).thenNothing();
    });
  });

  describe('legacy history', () => {
    it('imports a pre-2022 year with its PP 30/2019 score', () =>
      spec
        .given()
        .when(legacy(2021, 95, 'BAIK'))
        .then([
          {
            type: 'AnnualPredicateRecorded',
            data: { nip, year: 2021, predicate: 'BAIK', factId: `legacy:${nip}:2021`, source: 'LEGACY_IMPORT', legacyScore: 95, final: true, agencyId: null, recordedAt: now.toISOString() },
          },
        ]));

    it('importing the same row again changes nothing', () => {
      const first = spec.given().when(legacy(2021, 95, 'BAIK')).events();
      spec.given(...first).when(legacy(2021, 95, 'BAIK')).thenNothing();
    });

    it('another score for an imported year is refused', () => {
      const first = spec.given().when(legacy(2021, 95, 'BAIK')).events();
      spec.given(...first).when(legacy(2021, 80, 'BUTUH_PERBAIKAN')).thenThrows('conflict', 'LEGACY_YEAR_RECORDED');
    });

    it('a year under PermenPANRB 6/2022 cannot be imported', () => {
      spec.given().when(legacy(2022, 95, 'BAIK')).thenThrows('invalid', 'LEGACY_YEAR_TOO_LATE');
    });
  });
});

describe('predicates of 2022 on imported from e-Kinerja', () => {
  const imported = (year: number, predicate: ImportPredicate['data']['predicate'], at = now): ImportPredicate => ({
    type: 'ImportPredicate',
    data: { nip, year, predicate },
    lookups: { ruleSet: RULE_SET_2022_1 },
    metadata: { now: at, actor: actorFor('admin-bkpsdm') },
  });

  it('records an ended year final, citing import:<nip>:<year>', () =>
    spec
      .given()
      .when(imported(2023, 'SANGAT_BAIK'))
      .then([
        {
          type: 'AnnualPredicateRecorded',
          data: { nip, year: 2023, predicate: 'SANGAT_BAIK', factId: `import:${nip}:2023`, source: 'PREDICATE_IMPORT', legacyScore: null, final: true, agencyId: null, recordedAt: now.toISOString() },
        },
      ]));

  it('the same predikat again changes nothing, also over one set by evaluation', () => {
    const first = spec.given().when(imported(2023, 'BAIK')).events();
    spec.given(...first).when(imported(2023, 'BAIK')).thenNothing();
    spec.given(recorded(2023, 'BAIK', 'evt-1')).when(imported(2023, 'BAIK')).thenNothing();
  });

  it('another predikat for a recorded year is a conflict', () => {
    spec.given(recorded(2023, 'BAIK', 'evt-1')).when(imported(2023, 'SANGAT_BAIK')).thenThrows('conflict', 'YEAR_RECORDED');
  });

  it('refuses a year of the legacy scale and a year not ended, naming the year', () => {
    expect(spec.given().when(imported(2021, 'BAIK')).error()).toMatchObject({ kind: 'invalid', code: 'YEAR_TOO_EARLY', field: 'year' });
    expect(spec.given().when(imported(2024, 'BAIK')).error()).toMatchObject({ kind: 'invalid', code: 'YEAR_NOT_ENDED', field: 'year' });
  });

  it('a predicate set by evaluation later does not override the imported (final) year', () => {
    const first = spec.given().when(imported(2023, 'BAIK')).events();
    spec.given(...first).when(set(2023, 'SANGAT_BAIK', 'evt-9')).thenNothing();
  });
});

describe('employment facts', () => {
  const employment = (agencyId: string, proposes: string[] = ['DISKOMINFO']) => ({
    type: 'RecordEmployment' as const,
    data: { nip, agencyId, employmentKind: 'PNS' as const, golongan: 'III/b', rankSince: '2021-04-01' },
    lookups: { authority: { approves: [], proposes } },
    metadata: { now, actor: actorFor('admin-opd') },
  });

  it('an HR admin of the agency records the rank with its TMT; the same again changes nothing', () => {
    const events = spec.given().when(employment('DISKOMINFO')).events();
    expect(events[0]).toMatchObject({ type: 'EmploymentRecorded', data: { golongan: 'III/b', rankSince: '2021-04-01', factId: `rank:${nip}:III/b:2021-04-01` } });
    spec.given(...events).when(employment('DISKOMINFO')).thenNothing();
  });

  it('not in another agency', () => {
    spec.given().when(employment('DINKES')).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
  });

  it('refuses a golongan that does not exist for the employment kind', () => {
    const wrong = { ...employment('DISKOMINFO'), data: { ...employment('DISKOMINFO').data, golongan: 'IX' } };
    expect(spec.given().when(wrong).error()).toMatchObject({ kind: 'invalid', code: 'GOLONGAN_INVALID', field: 'golongan' });
  });

  describe("from work-planning's employee events", () => {
    const fromOrganisation = (golongan: string, rankSince: string): RecordOrganisationEmployment => ({
      type: 'RecordOrganisationEmployment',
      data: { nip, agencyId: 'DISKOMINFO', employmentKind: 'PNS', golongan, rankSince },
      metadata: { now, actor: actorFor('system:work-planning-consumer', 'SYSTEM') },
    });

    it('records the golongan and TMT without an HR admin, with the same fact id as typed by HR', () => {
      const events = spec.given().when(fromOrganisation('III/b', '2021-04-01')).events();
      expect(events[0]).toMatchObject({ type: 'EmploymentRecorded', data: { golongan: 'III/b', rankSince: '2021-04-01', factId: `rank:${nip}:III/b:2021-04-01`, recordedBy: 'system:work-planning-consumer' } });
      spec.given(...events).when(employment('DISKOMINFO')).thenNothing();
    });

    it('a redelivered event changes nothing; a promotion records the new rank', () => {
      const events = spec.given().when(fromOrganisation('III/b', '2021-04-01')).events();
      spec.given(...events).when(fromOrganisation('III/b', '2021-04-01')).thenNothing();
      expect(spec.given(...events).when(fromOrganisation('III/c', '2025-04-01')).events()[0].data).toMatchObject({ golongan: 'III/c', rankSince: '2025-04-01' });
    });
  });
});

describe('pegawai teladan', () => {
  const name = (year: number, approves: string[] = ['DISKOMINFO']) => ({
    type: 'NamePegawaiTeladan' as const,
    data: { nip, agencyId: 'DISKOMINFO', year, decreeNumber: '800/12/2024' },
    lookups: { authority: { approves, proposes: [] }, ruleSet: RULE_SET_2022_1 },
    metadata: { now, actor: actorFor('ppk') },
  });

  it('the PPK names a Sangat Baik employee for the year, once', () => {
    const events = spec.given(recorded(2023, 'SANGAT_BAIK', 'evt-9')).when(name(2023)).events();
    expect(events[0]).toMatchObject({ type: 'PegawaiTeladanNamed', data: { year: 2023, factId: `teladan:${nip}:2023` } });
    spec.given(recorded(2023, 'SANGAT_BAIK', 'evt-9'), ...events).when(name(2023)).thenNothing();
  });

  it('not for a year below Sangat Baik, and not by an HR admin', () => {
    spec.given(recorded(2023, 'BAIK', 'evt-9')).when(name(2023)).thenThrows('conflict', 'NOT_AWARD_CANDIDATE');
    spec.given(recorded(2023, 'SANGAT_BAIK', 'evt-9')).when(name(2023, [])).thenThrows('forbidden', 'NOT_PPK');
  });
});
