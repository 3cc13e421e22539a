import { actorFor, deciderSpec } from '@kinerja/testing';
import { RecordAssessment, RecordDisciplinaryPenalty, talentFactsDecider } from './talent-facts.decider';

const spec = deciderSpec(talentFactsDecider);
const nip = '199001012015011001';
const metadata = { now: new Date('2024-06-02T00:00:00Z'), actor: actorFor('admin-opd', 'ADMIN_OPD') };
const authority = { approves: [], proposes: ['DISKOMINFO'] };
const assessment = (score: number, agencyId = 'DISKOMINFO'): RecordAssessment => ({
  type: 'RecordAssessment',
  data: { nip, agencyId, assessmentId: 'CACT-2024', score, assessedOn: '2024-06-01' },
  lookups: { authority },
  metadata,
});
const penalty = (until: string | null): RecordDisciplinaryPenalty => ({
  type: 'RecordDisciplinaryPenalty',
  data: { nip, agencyId: 'DISKOMINFO', penaltyId: 'HD-1', level: 'SEDANG', from: '2023-03-01', until },
  lookups: { authority },
  metadata,
});

describe('talent facts', () => {
  it('records an assessment once; another score under the same id is refused', () => {
    const events = spec.given().when(assessment(88)).events();
    expect(events[0]).toMatchObject({ type: 'AssessmentRecorded', data: { score: 88, factId: `assessment:${nip}:CACT-2024` } });
    spec.given(...events).when(assessment(88)).thenNothing();
    spec.given(...events).when(assessment(70)).thenThrows('conflict', 'ASSESSMENT_EXISTS');
  });

  it('refuses a score outside 0–100 and another agency', () => {
    spec.given().when(assessment(101)).thenThrows('invalid', 'INVALID_SCORE');
    spec.given().when(assessment(80, 'DINKES')).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
  });

  it('records a penalty; an end before the start is refused', () => {
    expect(spec.given().when(penalty('2023-08-31')).events()).toHaveLength(1);
    spec.given().when(penalty('2023-02-01')).thenThrows('invalid', 'INVALID_PERIOD');
  });
});
