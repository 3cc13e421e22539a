import { fold } from '@kinerja/domain';
import { Authority, NO_AUTHORITY } from '../command';
import { actorFor, deciderSpec } from '@kinerja/testing';
import { kenaikanPangkat } from '../eligibility/eligibility.rules';
import { performanceRecordDecider, RecordFinalPredicate } from '../performance-record/performance-record.decider';
import { PerformanceRecordEvent } from '../performance-record/performance-record.events';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { Basis, decisionDecider, DecisionCommand, reEvaluate } from './decision.decider';
import { DecisionEvent } from './decision.events';

const spec = deciderSpec(decisionDecider);
const nip = '199001012015011001';
const now = new Date('2023-03-01T02:00:00Z');
const hrAdmin: Authority = { approves: [], proposes: ['DISKOMINFO'] };
const ppk: Authority = { approves: ['DISKOMINFO'], proposes: [] };
const bkpsdm: Authority = { approves: [], proposes: 'ALL' };
const eligible: Basis = { eligible: true, unmet: [], factIds: ['pf-2021', 'pf-2022'], ruleSetVersion: '2022.1' };

const propose = (authority: Authority = hrAdmin, basis: Basis = eligible, agencyId = 'DISKOMINFO'): DecisionCommand => ({
  type: 'ProposeDecision',
  data: { decisionId: 'KP-2023-04-001', kind: 'KENAIKAN_PANGKAT', nip, agencyId, effectiveDate: '2023-04-01' },
  lookups: { authority, basis },
  metadata: { now, actor: actorFor('admin-opd') },
});
const approve = (authority: Authority = ppk): DecisionCommand => ({
  type: 'ApproveDecision',
  data: { decisionId: 'KP-2023-04-001' },
  lookups: { authority },
  metadata: { now, actor: actorFor('ppk') },
});
const reject = (authority: Authority = ppk, reason = 'Berkas belum lengkap'): DecisionCommand => ({
  type: 'RejectDecision',
  data: { decisionId: 'KP-2023-04-001', reason },
  lookups: { authority },
  metadata: { now, actor: actorFor('ppk') },
});
/** Issued by another HR admin: proposer, approver and issuer are three people. */
const issue = (authority: Authority = hrAdmin, by = 'admin-opd-2'): DecisionCommand => ({
  type: 'IssueDecision',
  data: { decisionId: 'KP-2023-04-001' },
  lookups: { authority },
  metadata: { now, actor: actorFor(by) },
});

const proposed = spec.given().when(propose()).events();
const approved = [...proposed, ...spec.given(...proposed).when(approve()).events()];
const issued = [...approved, ...spec.given(...approved).when(issue()).events()];

describe('decision', () => {
  describe('given nothing', () => {
    it('an HR admin of the agency proposes, with the facts it rests on', () => {
      expect(proposed).toEqual([
        {
          type: 'DecisionProposed',
          data: {
            decisionId: 'KP-2023-04-001',
            kind: 'KENAIKAN_PANGKAT',
            nip,
            agencyId: 'DISKOMINFO',
            effectiveDate: '2023-04-01',
            placement: null,
            factIds: ['pf-2021', 'pf-2022'],
            ruleSetVersion: '2022.1',
            note: null,
            proposedBy: 'admin-opd',
            proposedAt: now.toISOString(),
          },
        },
      ]);
    });

    it('BKPSDM proposes in any agency', () => expect(spec.given().when(propose(bkpsdm)).events()).toHaveLength(1));

    it('an HR admin of another agency, or the PPK, may not propose', () => {
      spec.given().when(propose(hrAdmin, eligible, 'DINKES')).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
      spec.given().when(propose(ppk)).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
    });

    it('an employee who is not eligible cannot be proposed', () => {
      const error = spec
        .given()
        .when(propose(hrAdmin, { ...eligible, eligible: false, unmet: ['Predikat tahun 2021 Butuh Perbaikan, disyaratkan paling rendah Baik'] }))
        .thenThrows('conflict', 'NOT_ELIGIBLE');
      expect(error.message).toContain('Butuh Perbaikan');
    });

    it('a placement names the post; a temporary one its last day', () => {
      const placement = (kind: 'ROTASI' | 'PENEMPATAN_SEMENTARA', until: string | null, positionId = 'POS-9'): DecisionCommand => ({
        type: 'ProposeDecision',
        data: { decisionId: 'P-1', kind, nip, agencyId: 'DISKOMINFO', effectiveDate: '2023-04-01', placement: { positionId, until } },
        lookups: { authority: hrAdmin, basis: eligible },
        metadata: { now, actor: actorFor('admin-opd') },
      });
      spec.given().when(placement('ROTASI', null, ' ')).thenThrows('invalid', 'PLACEMENT_REQUIRED');
      spec.given().when(placement('PENEMPATAN_SEMENTARA', null)).thenThrows('invalid', 'PLACEMENT_UNTIL_REQUIRED');
      expect(spec.given().when(placement('PENEMPATAN_SEMENTARA', '2024-03-31')).events()).toHaveLength(1);
    });
  });

  describe('given a proposal', () => {
    it('only the PPK or its delegate approves', () => {
      spec.given(...proposed).when(approve(hrAdmin)).thenThrows('forbidden', 'NOT_PPK');
      spec.given(...proposed).when(approve({ approves: ['DINKES'], proposes: [] })).thenThrows('forbidden', 'NOT_PPK');
      spec.given(...proposed).when(approve(NO_AUTHORITY)).thenThrows('forbidden', 'NOT_PPK');
      spec
        .given(...proposed)
        .when(approve())
        .then([{ type: 'DecisionApproved', data: { decisionId: 'KP-2023-04-001', approvedBy: 'ppk', approvedAt: now.toISOString() } }]);
    });

    it('the PPK rejects with a reason', () => {
      spec.given(...proposed).when(reject(ppk, '  ')).thenThrows('invalid', 'REASON_REQUIRED');
      spec.given(...proposed).when(reject(hrAdmin)).thenThrows('forbidden', 'NOT_PPK');
      expect(spec.given(...proposed).when(reject()).events()[0].type).toBe('DecisionRejected');
    });

    it('cannot be issued before approval', () => {
      spec.given(...proposed).when(issue()).thenThrows('conflict', 'DECISION_NOT_APPROVED');
    });

    it('the same proposal again changes nothing; another decision under the same id is refused', () => {
      spec.given(...proposed).when(propose()).thenNothing();
      spec.given(...proposed).when({ ...propose(), metadata: { now, actor: actorFor('someone-else') } } as DecisionCommand).thenThrows('conflict', 'DECISION_EXISTS');
    });
  });

  describe('given an approval', () => {
    it('is issued with its facts', () => {
      const [event] = spec.given(...approved).when(issue()).events();
      expect(event).toMatchObject({ type: 'DecisionIssued', data: { issue: 1, factIds: ['pf-2021', 'pf-2022'], replacedFactId: null } });
    });

    it('issuing twice changes nothing', () => spec.given(...issued).when(issue()).thenNothing());
  });

  describe('separation of duties (issue 15)', () => {
    it('nobody proposes a decision about themself', () => {
      spec.given().when({ ...propose(), metadata: { now, actor: actorFor(nip) } } as DecisionCommand).thenThrows('forbidden', 'OWN_DECISION');
    });

    it('the proposer does not approve or reject; the subject does not approve', () => {
      const asProposer = { ...approve(), metadata: { now, actor: actorFor('admin-opd') } } as DecisionCommand;
      spec.given(...proposed).when(asProposer).thenThrows('forbidden', 'DUTIES_NOT_SEPARATED');
      spec.given(...proposed).when({ ...reject(), metadata: { now, actor: actorFor('admin-opd') } } as DecisionCommand).thenThrows('forbidden', 'DUTIES_NOT_SEPARATED');
      spec.given(...proposed).when({ ...approve(), metadata: { now, actor: actorFor(nip) } } as DecisionCommand).thenThrows('forbidden', 'OWN_DECISION');
    });

    it('neither the proposer nor the approver issues', () => {
      spec.given(...approved).when(issue(hrAdmin, 'admin-opd')).thenThrows('forbidden', 'DUTIES_NOT_SEPARATED');
      spec.given(...approved).when(issue(ppk, 'ppk')).thenThrows('forbidden', 'DUTIES_NOT_SEPARATED');
      spec.given(...approved).when(issue(hrAdmin, nip)).thenThrows('forbidden', 'OWN_DECISION');
    });

    it('one live decision of a kind per employee and year; placements may follow one another', () => {
      const withOther = { ...propose(), lookups: { authority: hrAdmin, basis: eligible, liveSameKindSameYear: ['KP-2023-01-009'] } } as DecisionCommand;
      spec.given().when(withOther).thenThrows('conflict', 'DECISION_ALREADY_THIS_YEAR');
      const itself = { ...propose(), lookups: { authority: hrAdmin, basis: eligible, liveSameKindSameYear: ['KP-2023-04-001'] } } as DecisionCommand;
      expect(spec.given().when(itself).events()).toHaveLength(1);
      const rotation = {
        ...propose(),
        data: { decisionId: 'ROT-2', kind: 'ROTASI', nip, agencyId: 'DISKOMINFO', effectiveDate: '2023-04-01', placement: { positionId: 'P-9', until: null } },
        lookups: { authority: hrAdmin, basis: eligible, liveSameKindSameYear: ['ROT-1'] },
      } as DecisionCommand;
      expect(spec.given().when(rotation).events()).toHaveLength(1);
    });
  });

  describe('given a rejection', () => {
    it('cannot be approved or issued', () => {
      const rejected = [...proposed, ...spec.given(...proposed).when(reject()).events()];
      spec.given(...rejected).when(approve()).thenThrows('conflict', 'DECISION_CLOSED');
      spec.given(...rejected).when(issue()).thenThrows('conflict', 'DECISION_CLOSED');
    });
  });
});

describe('decisions that follow their facts', () => {
  const rs = RULE_SET_2022_1;
  const metadata = { now: new Date('2023-02-01T00:00:00Z'), actor: actorFor('system:evaluation-consumer', 'SYSTEM') };
  const finalPredicate = (year: number, predicate: RecordFinalPredicate['data']['predicate'], factId: string, via: RecordFinalPredicate['data']['via']): RecordFinalPredicate => ({
    type: 'RecordFinalPredicate',
    data: { nip, agencyId: 'DISKOMINFO', year, predicate, factId, via },
    metadata,
  });
  const record = (events: PerformanceRecordEvent[], command: RecordFinalPredicate) => [
    ...events,
    ...performanceRecordDecider.decide(command, fold(performanceRecordDecider, events)),
  ];
  const eligibilityOn = (events: PerformanceRecordEvent[]) =>
    kenaikanPangkat({ nip, years: fold(performanceRecordDecider, events).byYear, rankSince: '2019-04-01', rankFactId: null }, '2023-04-01', rs);
  const reEvaluateCommand = (changedFactId: string, basis: Basis): DecisionCommand => ({
    type: 'ReEvaluateDecision',
    data: { decisionId: 'KP-2023-04-001', changedFactId, reason: 'Predikat tahun 2022 diubah karena keberatan' },
    lookups: { basis },
    metadata: { now, actor: actorFor('system:re-evaluation') },
  });

  const before = record(record([], finalPredicate(2021, 'BAIK', 'pf-2021', 'WINDOW_ENDED')), finalPredicate(2022, 'BAIK', 'pf-2022', 'WINDOW_ENDED'));
  const decisionOn = (basis: Basis): DecisionEvent[] => {
    const p = spec.given().when(propose(hrAdmin, basis)).events();
    const a = [...p, ...spec.given(...p).when(approve()).events()];
    return [...a, ...spec.given(...a).when(issue()).events()];
  };

  it('an objection that lowers a predicate to Butuh Perbaikan revokes the issued kenaikan pangkat, with the reason', () => {
    const original = eligibilityOn(before);
    expect(original.eligible).toBe(true);
    const decision = decisionOn(original);

    const after = record(before, finalPredicate(2022, 'BUTUH_PERBAIKAN', 'pf-2022-objection', 'OBJECTION_DECIDED'));
    const change = after[after.length - 1];
    expect(change).toMatchObject({ type: 'AnnualPredicateChanged', data: { previousFactId: 'pf-2022', factId: 'pf-2022-objection' } });
    const recomputed = eligibilityOn(after);
    expect(recomputed.eligible).toBe(false);

    spec
      .given(...decision)
      .when(reEvaluateCommand('pf-2022', recomputed))
      .then([
        {
          type: 'DecisionRevoked',
          data: {
            decisionId: 'KP-2023-04-001',
            kind: 'KENAIKAN_PANGKAT',
            nip,
            agencyId: 'DISKOMINFO',
            wasIssued: true,
            reason: 'Predikat tahun 2022 diubah karena keberatan: Predikat tahun 2022 Butuh Perbaikan, disyaratkan paling rendah Baik',
            changedFactId: 'pf-2022',
            revokedBy: 'system:re-evaluation',
            revokedAt: now.toISOString(),
          },
        },
      ]);
  });

  it('a change that keeps it eligible re-issues it on the new facts', () => {
    const decision = decisionOn(eligibilityOn(before));
    const after = record(before, finalPredicate(2022, 'SANGAT_BAIK', 'pf-2022-correction', 'CORRECTION'));
    const [event] = spec.given(...decision).when(reEvaluateCommand('pf-2022', eligibilityOn(after))).events();
    expect(event).toMatchObject({ type: 'DecisionIssued', data: { issue: 2, factIds: ['pf-2021', 'pf-2022-correction'], replacedFactId: 'pf-2022' } });
  });

  it('never acts twice: once the changed fact is replaced, re-evaluating again changes nothing', () => {
    const decision = decisionOn(eligibilityOn(before));
    const after = record(before, finalPredicate(2022, 'BUTUH_PERBAIKAN', 'pf-2022-objection', 'OBJECTION_DECIDED'));
    const revoked = [...decision, ...spec.given(...decision).when(reEvaluateCommand('pf-2022', eligibilityOn(after))).events()];
    spec.given(...revoked).when(reEvaluateCommand('pf-2022', eligibilityOn(after))).thenNothing();
    const corrected = { ...eligible, factIds: ['pf-2021', 'pf-2022-correction'] };
    const reissued = [...decision, ...spec.given(...decision).when(reEvaluateCommand('pf-2022', corrected)).events()];
    spec.given(...reissued).when(reEvaluateCommand('pf-2022', { ...eligible, factIds: ['pf-2021', 'pf-2022-x'] })).thenNothing();
  });

  it('a decision not resting on the changed fact is untouched', () => {
    const decision = decisionOn(eligibilityOn(before));
    spec.given(...decision).when(reEvaluateCommand('pf-2019', { ...eligible, eligible: false })).thenNothing();
  });

  it('a proposal not yet issued keeps going on the new facts, or is revoked before issue', () => {
    const p = spec.given().when(propose()).events();
    expect(reEvaluate(fold(decisionDecider, p), 'pf-2022', eligible)).toBe('UPDATE_FACTS');
    expect(reEvaluate(fold(decisionDecider, p), 'pf-2022', { ...eligible, eligible: false })).toBe('REVOKE');
    const [revoked] = spec.given(...p).when(reEvaluateCommand('pf-2022', { ...eligible, eligible: false, unmet: ['x'] })).events();
    expect(revoked).toMatchObject({ type: 'DecisionRevoked', data: { wasIssued: false } });
  });
});
