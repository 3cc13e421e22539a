import { DomainEvent, project, Recorded } from '@kinerja/domain';
import { decisionRegisterProjection } from './decisions/get-decisions/decision-register.projection';
import { replacedFactProjection } from './decisions/get-decisions/replaced-fact.projection';
import { employeeRecordProjection } from './performance-record/get-employee-record/employee-record.projection';
import { talentFactsProjection } from './talent/get-talent-map/talent-facts.projection';

const nip = '199001012015011001';
let position = 0;
const recorded = (type: string, data: unknown): Recorded<DomainEvent> => ({
  type,
  data,
  id: `e${++position}`,
  stream: 's',
  revision: position,
  position: String(position),
  metadata: {},
  recordedAt: new Date('2024-01-01T00:00:00Z'),
});

const history = [
  recorded('AnnualPredicateRecorded', { nip, agencyId: 'DISKOMINFO', year: 2022, predicate: 'BAIK', factId: 'f1', source: 'EVALUATION', legacyScore: null, recordedAt: 't' }),
  recorded('EmploymentRecorded', { nip, agencyId: 'DISKOMINFO', employmentKind: 'PNS', golongan: 'III/b', rankSince: '2021-04-01', factId: 'r1', recordedBy: 'a', recordedAt: 't' }),
  recorded('AnnualPredicateChanged', { nip, year: 2022, predicate: 'BUTUH_PERBAIKAN', factId: 'f2', source: 'EVALUATION', legacyScore: null, previousPredicate: 'BAIK', previousFactId: 'f1', reason: 'OBJECTION', recordedAt: 't' }),
  recorded('AnnualPredicateRecorded', { nip, agencyId: 'DISKOMINFO', year: 2023, predicate: 'BAIK', factId: 's1', source: 'EVALUATION', legacyScore: null, final: false, recordedAt: 't' }),
  recorded('AnnualPredicateFinalized', { nip, year: 2023, predicate: 'BAIK', factId: 's1', finalizedFactId: 'pf1', via: 'WINDOW_ENDED', recordedAt: 't' }),
  recorded('DecisionProposed', { decisionId: 'D1', kind: 'KENAIKAN_PANGKAT', nip, agencyId: 'DISKOMINFO', effectiveDate: '2023-04-01', placement: null, factIds: ['f1'], ruleSetVersion: '2022.1', note: null, proposedBy: 'a', proposedAt: 't1' }),
  recorded('DecisionApproved', { decisionId: 'D1', approvedBy: 'p', approvedAt: 't2' }),
  recorded('DecisionIssued', { decisionId: 'D1', kind: 'KENAIKAN_PANGKAT', nip, agencyId: 'DISKOMINFO', effectiveDate: '2023-04-01', placement: null, factIds: ['f1'], issue: 1, replacedFactId: null, issuedBy: 'a', issuedAt: 't3' }),
  recorded('DecisionRevoked', { decisionId: 'D1', kind: 'KENAIKAN_PANGKAT', nip, agencyId: 'DISKOMINFO', wasIssued: true, reason: 'r', changedFactId: 'f1', revokedBy: 's', revokedAt: 't4' }),
  recorded('AssessmentRecorded', { nip, agencyId: 'DISKOMINFO', assessmentId: 'A', score: 90, assessedOn: '2024-06-01', factId: 'a1', recordedBy: 'x', recordedAt: 't' }),
  recorded('AssessmentRecorded', { nip, agencyId: 'DISKOMINFO', assessmentId: 'B', score: 70, assessedOn: '2023-06-01', factId: 'a0', recordedBy: 'x', recordedAt: 't' }),
  recorded('DisciplinaryPenaltyRecorded', { nip, agencyId: 'DISKOMINFO', penaltyId: 'P', level: 'SEDANG', from: '2023-01-01', until: null, factId: 'p1', recordedBy: 'x', recordedAt: 't' }),
];

describe('projections', () => {
  it.each([employeeRecordProjection, decisionRegisterProjection, talentFactsProjection, replacedFactProjection] as const)('%# replayed twice gives the same rows', (projection) => {
    const once = project(projection as never, history);
    const twice = project(projection as never, history, project(projection as never, history));
    expect(twice).toEqual(once);
  });

  it('the performance record keeps the changed predicate, the register the revocation, talent facts the latest assessment', () => {
    expect(project(employeeRecordProjection, history).get(nip)).toMatchObject({
      agencyId: 'DISKOMINFO',
      years: { '2022': { predicate: 'BUTUH_PERBAIKAN', factId: 'f2', final: true }, '2023': { predicate: 'BAIK', factId: 's1', final: true } },
    });
    const provisional = history.filter((e) => e.type !== 'AnnualPredicateFinalized');
    expect(project(employeeRecordProjection, provisional).get(nip)?.years['2023']).toMatchObject({ factId: 's1', final: false });
    expect(project(decisionRegisterProjection, history).get('D1')).toMatchObject({
      status: 'REVOKED',
      reason: 'r',
      issue: 1,
      proposedBy: 'a',
      approvedBy: 'p',
      rejectedBy: null,
      issuedBy: 'a',
      changedFactId: 'f1',
    });
    expect(project(replacedFactProjection, history).get('f1')).toMatchObject({ factId: 'f2', year: 2022, reason: 'OBJECTION', previousPredicate: 'BAIK', predicate: 'BUTUH_PERBAIKAN' });
    expect(project(talentFactsProjection, history).get(nip)).toMatchObject({ assessment: { factId: 'a1', score: 90 }, penalties: [{ factId: 'p1' }] });
  });
});
