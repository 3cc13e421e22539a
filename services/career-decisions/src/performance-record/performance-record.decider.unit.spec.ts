import { deciderSpec } from '@kinerja/testing';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { PerformanceRecordEvent } from './performance-record.events';
import { ImportLegacyPredicate, performanceRecordDecider, RecordFinalPredicate } from './performance-record.decider';

const spec = deciderSpec(performanceRecordDecider);
const nip = '199001012015011001';
const now = new Date('2024-02-01T03:00:00Z');
const metadata = { now, actorId: 'system:evaluation-consumer' };

const final = (year: number, predicate: RecordFinalPredicate['data']['predicate'], factId: string, via: RecordFinalPredicate['data']['via'] = 'WINDOW_ENDED'): RecordFinalPredicate => ({
  type: 'RecordFinalPredicate',
  data: { nip, agencyId: 'DISKOMINFO', year, predicate, factId, via },
  metadata,
});
const recorded = (year: number, predicate: RecordFinalPredicate['data']['predicate'], factId: string): PerformanceRecordEvent => ({
  type: 'AnnualPredicateRecorded',
  data: { nip, agencyId: 'DISKOMINFO', year, predicate, factId, source: 'EVALUATION', legacyScore: null, recordedAt: now.toISOString() },
});
const legacy = (year: number, score: number, predicate: ImportLegacyPredicate['data']['predicate']): ImportLegacyPredicate => ({
  type: 'ImportLegacyPredicate',
  data: { nip, year, score, predicate },
  lookup: { ruleSet: RULE_SET_2022_1 },
  metadata: { now, actorId: 'admin-bkpsdm' },
});

describe('performance record', () => {
  describe('given no predicate for the year', () => {
    it('records a finalised annual predicate with the event id it came from', () =>
      spec.given().when(final(2023, 'BAIK', 'evt-1')).then([recorded(2023, 'BAIK', 'evt-1')]));
  });

  describe('given a recorded predicate', () => {
    it('a redelivered event changes nothing', () => spec.given(recorded(2023, 'BAIK', 'evt-1')).when(final(2023, 'BAIK', 'evt-1')).thenNothing());

    it('an objection that changes it records the change, naming the previous fact', () =>
      spec
        .given(recorded(2023, 'BAIK', 'evt-1'))
        .when(final(2023, 'BUTUH_PERBAIKAN', 'evt-2', 'OBJECTION_DECIDED'))
        .then([
          {
            type: 'AnnualPredicateChanged',
            data: {
              nip,
              year: 2023,
              predicate: 'BUTUH_PERBAIKAN',
              factId: 'evt-2',
              source: 'EVALUATION',
              legacyScore: null,
              previousPredicate: 'BAIK',
              previousFactId: 'evt-1',
              reason: 'OBJECTION',
              recordedAt: now.toISOString(),
            },
          },
        ]));

    it('an objection that keeps the predicate changes nothing', () =>
      spec.given(recorded(2023, 'BAIK', 'evt-1')).when(final(2023, 'BAIK', 'evt-2', 'OBJECTION_DECIDED')).thenNothing());
  });

  describe('legacy history', () => {
    it('imports a pre-2022 year with its PP 30/2019 score', () =>
      spec
        .given()
        .when(legacy(2021, 95, 'BAIK'))
        .then([
          {
            type: 'AnnualPredicateRecorded',
            data: { nip, year: 2021, predicate: 'BAIK', factId: `legacy:${nip}:2021`, source: 'LEGACY_IMPORT', legacyScore: 95, agencyId: null, recordedAt: now.toISOString() },
          },
        ]));

    it('importing the same row again changes nothing', () => {
      const first = spec.given().when(legacy(2021, 95, 'BAIK')).events();
      spec.given(...first).when(legacy(2021, 95, 'BAIK')).thenNothing();
    });

    it('another score for an imported year is refused', () => {
      const first = spec.given().when(legacy(2021, 95, 'BAIK')).events();
      spec.given(...first).when(legacy(2021, 80, 'BUTUH_PERBAIKAN')).thenThrows('conflict', 'legacy_year_recorded');
    });

    it('a year under PermenPANRB 6/2022 cannot be imported', () => {
      spec.given().when(legacy(2022, 95, 'BAIK')).thenThrows('invalid', 'legacy_year_too_late');
    });
  });
});

describe('employment facts', () => {
  const employment = (agencyId: string, proposes: string[] = ['DISKOMINFO']) => ({
    type: 'RecordEmployment' as const,
    data: { nip, agencyId, employmentKind: 'PNS' as const, golongan: 'III/b', rankSince: '2021-04-01' },
    lookup: { authority: { approves: [], proposes } },
    metadata: { now, actorId: 'admin-opd' },
  });

  it('an HR admin of the agency records the rank with its TMT; the same again changes nothing', () => {
    const events = spec.given().when(employment('DISKOMINFO')).events();
    expect(events[0]).toMatchObject({ type: 'EmploymentRecorded', data: { golongan: 'III/b', rankSince: '2021-04-01', factId: `rank:${nip}:III/b:2021-04-01` } });
    spec.given(...events).when(employment('DISKOMINFO')).thenNothing();
  });

  it('not in another agency', () => {
    spec.given().when(employment('DINKES')).thenThrows('forbidden', 'not_agency_admin');
  });
});

describe('pegawai teladan', () => {
  const name = (year: number, approves: string[] = ['DISKOMINFO']) => ({
    type: 'NamePegawaiTeladan' as const,
    data: { nip, agencyId: 'DISKOMINFO', year, decreeNumber: '800/12/2024' },
    lookup: { authority: { approves, proposes: [] }, ruleSet: RULE_SET_2022_1 },
    metadata: { now, actorId: 'ppk' },
  });

  it('the PPK names a Sangat Baik employee for the year, once', () => {
    const events = spec.given(recorded(2023, 'SANGAT_BAIK', 'evt-9')).when(name(2023)).events();
    expect(events[0]).toMatchObject({ type: 'PegawaiTeladanNamed', data: { year: 2023, factId: `teladan:${nip}:2023` } });
    spec.given(recorded(2023, 'SANGAT_BAIK', 'evt-9'), ...events).when(name(2023)).thenNothing();
  });

  it('not for a year below Sangat Baik, and not by an HR admin', () => {
    spec.given(recorded(2023, 'BAIK', 'evt-9')).when(name(2023)).thenThrows('conflict', 'not_award_candidate');
    spec.given(recorded(2023, 'SANGAT_BAIK', 'evt-9')).when(name(2023, [])).thenThrows('forbidden', 'not_ppk');
  });
});
