import { actorFor, deciderSpec } from '@kinerja/testing';
import {
  continuousFeedbackDecider,
  ContinuousFeedbackCommand,
  FeedbackLimits,
  GiveColleagueFeedback,
  GiveSupervisorFeedback,
} from './continuous-feedback.decider';
import { ContinuousFeedbackEvent } from './continuous-feedback.events';

const LIMITS: FeedbackLimits = { contentMaxLength: 1000, maxEvidenceItems: 2, evidenceDescriptionMaxLength: 100 };
const AT = new Date('2026-04-07T03:00:00Z');
const PERIOD = '2026';
const SUPERVISOR = 'e-kabid';
const EMPLOYEE = 'e-ani';

function supervisor(overrides: Partial<GiveSupervisorFeedback['data']> & { lookups?: GiveSupervisorFeedback['lookups'] } = {}): GiveSupervisorFeedback {
  const { lookups, ...data } = overrides;
  return {
    type: 'GiveSupervisorFeedback',
    data: {
      feedbackId: 'fb-1',
      periodId: PERIOD,
      employeeId: EMPLOYEE,
      giverId: SUPERVISOR,
      topic: { kind: 'RHK', rhkId: 'rhk-1' },
      content: 'Laporan triwulan I tepat waktu; perlu analisis penyebab keterlambatan izin.',
      evidence: [{ ref: 'file-17', description: 'Laporan triwulan I' }],
      ...data,
    },
    lookups: lookups ?? { pejabatPenilaiId: SUPERVISOR, employeeAgencyId: 'a-dpmptsp', rhk: { rhkId: 'rhk-1', employeeId: EMPLOYEE, periodId: PERIOD }, ...LIMITS },
    metadata: { now: AT, actor: actorFor(data.giverId ?? SUPERVISOR) },
  };
}

type Lookups = Omit<GiveColleagueFeedback['lookups'], keyof FeedbackLimits>;
const SAME_LEVEL: Lookups = {
  giver: { employeeId: 'e-budi', agencyId: 'a-dpmptsp', level: 'JF_AHLI_PERTAMA', directSupervisorId: SUPERVISOR },
  employee: { employeeId: EMPLOYEE, agencyId: 'a-dpmptsp', level: 'JF_AHLI_PERTAMA' },
  agencySettings: { peerFeedbackEnabled: true, subordinateFeedbackEnabled: true },
};
function colleague(lookups: Partial<Lookups> = {}, overrides: Partial<GiveColleagueFeedback['data']> = {}): GiveColleagueFeedback {
  const merged = { ...SAME_LEVEL, ...lookups };
  return {
    type: 'GiveColleagueFeedback',
    data: {
      feedbackId: 'fb-2',
      periodId: PERIOD,
      employeeId: merged.employee.employeeId,
      giverId: merged.giver.employeeId,
      value: 'KOLABORATIF',
      content: 'Selalu membantu tim saat layanan padat.',
      ...overrides,
    },
    lookups: { ...merged, ...LIMITS },
    metadata: { now: AT, actor: actorFor(overrides.giverId ?? merged.giver.employeeId) },
  };
}
const respond = (responderId = EMPLOYEE, response = 'Terima kasih, akan saya tindak lanjuti.'): ContinuousFeedbackCommand => ({
  type: 'RespondToContinuousFeedback',
  data: { feedbackId: 'fb-1', responderId, response },
  lookups: { responseMaxLength: 500 },
  metadata: { now: AT, actor: actorFor(responderId) },
});
const mark = (markedBy = SUPERVISOR, pejabatPenilaiId: string | null = SUPERVISOR): ContinuousFeedbackCommand => ({
  type: 'MarkFeedbackAsEvidence',
  data: { feedbackId: 'fb-1', markedBy },
  lookups: { pejabatPenilaiId },
  metadata: { now: AT, actor: actorFor(markedBy) },
});
const unmark = (removedBy = SUPERVISOR): ContinuousFeedbackCommand => ({
  type: 'UnmarkFeedbackAsEvidence',
  data: { feedbackId: 'fb-1', removedBy },
  lookups: { pejabatPenilaiId: SUPERVISOR },
  metadata: { now: AT, actor: actorFor(removedBy) },
});

const { given } = deciderSpec(continuousFeedbackDecider);
const then = (events: ContinuousFeedbackEvent[], command: ContinuousFeedbackCommand) => [...events, ...given(...events).when(command).events()];

describe('continuous feedback (umpan balik berkelanjutan) decider', () => {
  describe('given no feedback: from the pejabat penilai', () => {
    it('gives feedback on an RHK of the employee with evidence', () => {
      expect(given().when(supervisor()).events()).toEqual([
        {
          type: 'ContinuousFeedbackGiven',
          data: {
            feedbackId: 'fb-1',
            periodId: PERIOD,
            employeeId: EMPLOYEE,
            agencyId: 'a-dpmptsp',
            giverId: SUPERVISOR,
            source: 'PEJABAT_PENILAI',
            topic: { kind: 'RHK', rhkId: 'rhk-1' },
            content: 'Laporan triwulan I tepat waktu; perlu analisis penyebab keterlambatan izin.',
            evidence: [{ ref: 'file-17', description: 'Laporan triwulan I' }],
            givenAt: '2026-04-07T03:00:00.000Z',
          },
        },
      ]);
    });

    it('gives feedback on a BerAKHLAK value without evidence', () => {
      const [event] = given().when(supervisor({ topic: { kind: 'BERAKHLAK', value: 'BERORIENTASI_PELAYANAN' }, evidence: undefined })).events();
      expect(event.data).toMatchObject({ topic: { kind: 'BERAKHLAK', value: 'BERORIENTASI_PELAYANAN' }, evidence: [] });
    });

    it('is refused to anyone but the pejabat penilai of that period', () => {
      expect(given().when(supervisor({ giverId: 'e-kadis' })).error()).toMatchObject({ kind: 'forbidden', code: 'NOT_PEJABAT_PENILAI' });
      const noSupervisor = supervisor();
      noSupervisor.lookups = { ...noSupervisor.lookups, pejabatPenilaiId: null };
      expect(given().when(noSupervisor).error()).toMatchObject({ kind: 'forbidden', code: 'NOT_PEJABAT_PENILAI' });
    });

    it('is refused to oneself', () => {
      expect(given().when(supervisor({ employeeId: SUPERVISOR })).error()).toMatchObject({ kind: 'forbidden', code: 'SELF_FEEDBACK' });
    });

    it.each([
      ['an RHK that is not on the SKP', supervisor({ topic: { kind: 'RHK', rhkId: 'rhk-9' } }), 'UNKNOWN_RHK', 'topic.rhkId'],
      ['an RHK of another period', supervisor({ lookups: { pejabatPenilaiId: SUPERVISOR, employeeAgencyId: 'a', rhk: { rhkId: 'rhk-1', employeeId: EMPLOYEE, periodId: '2025' }, ...LIMITS } }), 'UNKNOWN_RHK', 'topic.rhkId'],
      ['an unknown BerAKHLAK value', supervisor({ topic: { kind: 'BERAKHLAK', value: 'DISIPLIN' as never } }), 'UNKNOWN_BERAKHLAK_VALUE', 'topic.value'],
      ['empty content', supervisor({ content: ' ' }), 'CONTENT_REQUIRED', 'content'],
      ['oversized content', supervisor({ content: 'x'.repeat(1001) }), 'CONTENT_TOO_LONG', 'content'],
      ['too much evidence', supervisor({ evidence: [{ ref: 'a' }, { ref: 'b' }, { ref: 'c' }] }), 'TOO_MUCH_EVIDENCE', 'evidence'],
      ['evidence without a reference', supervisor({ evidence: [{ ref: ' ' }] }), 'EVIDENCE_REF_REQUIRED', 'evidence.0.ref'],
      ['the same evidence twice', supervisor({ evidence: [{ ref: 'a' }, { ref: 'a' }] }), 'DUPLICATE_EVIDENCE', 'evidence.1.ref'],
      ['an oversized evidence description', supervisor({ evidence: [{ ref: 'a', description: 'x'.repeat(101) }] }), 'EVIDENCE_DESCRIPTION_TOO_LONG', 'evidence.0.description'],
    ])('rejects %s', (_label, command, code, field) => {
      expect(given().when(command).error()).toMatchObject({ kind: 'invalid', code, field });
    });
  });

  describe('given no feedback: from a colleague (360°)', () => {
    it('a peer at the same level in the same agency gives BerAKHLAK feedback', () => {
      const [event] = given().when(colleague()).events();
      expect(event.data).toMatchObject({ source: 'PEER', giverId: 'e-budi', agencyId: 'a-dpmptsp', topic: { kind: 'BERAKHLAK', value: 'KOLABORATIF' } });
    });

    it('a direct subordinate gives BerAKHLAK feedback to their supervisor', () => {
      const [event] = given().when(colleague({
          giver: { employeeId: EMPLOYEE, agencyId: 'a-dpmptsp', level: 'JF_AHLI_PERTAMA', directSupervisorId: SUPERVISOR },
          employee: { employeeId: SUPERVISOR, agencyId: 'a-dpmptsp', level: 'ADMINISTRATOR' },
        })).events();
      expect(event.data).toMatchObject({ source: 'DIRECT_SUBORDINATE', employeeId: SUPERVISOR });
    });

    it('is refused where the agency did not enable it', () => {
      const off = { peerFeedbackEnabled: false, subordinateFeedbackEnabled: false };
      expect(given().when(colleague({ agencySettings: off })).error()).toMatchObject({ kind: 'forbidden', code: 'PEER_FEEDBACK_DISABLED' });
      const subordinate = colleague({
        giver: { employeeId: EMPLOYEE, agencyId: 'a-dpmptsp', level: 'JF_AHLI_PERTAMA', directSupervisorId: SUPERVISOR },
        employee: { employeeId: SUPERVISOR, agencyId: 'a-dpmptsp', level: 'ADMINISTRATOR' },
        agencySettings: { peerFeedbackEnabled: true, subordinateFeedbackEnabled: false },
      });
      expect(given().when(subordinate).error()).toMatchObject({ kind: 'forbidden', code: 'SUBORDINATE_FEEDBACK_DISABLED' });
    });

    it('is refused to a peer of another agency', () => {
      const otherAgency = colleague({ giver: { ...SAME_LEVEL.giver, agencyId: 'a-dinkes' } });
      expect(given().when(otherAgency).error()).toMatchObject({ kind: 'forbidden', code: 'PEER_OUTSIDE_AGENCY' });
    });

    it('is refused to someone at another level who is not a direct subordinate (e.g. a supervisor two levels up)', () => {
      const other = colleague({ giver: { employeeId: 'e-kadis', agencyId: 'a-dpmptsp', level: 'JPT_PRATAMA', directSupervisorId: 'e-sekda' } });
      expect(given().when(other).error()).toMatchObject({ kind: 'forbidden', code: 'NOT_PEER_OR_SUBORDINATE' });
    });

    it('is refused to oneself, and when the lookups are about other people', () => {
      expect(given().when(colleague({}, { giverId: EMPLOYEE })).error()).toMatchObject({ kind: 'forbidden', code: 'SELF_FEEDBACK' });
      expect(given().when(colleague({}, { giverId: 'e-other' })).error()).toMatchObject({ kind: 'invalid', code: 'LOOKUP_MISMATCH' });
    });

    it('accepts only a BerAKHLAK value', () => {
      expect(given().when(colleague({}, { value: 'RHK' as never })).error()).toMatchObject({ kind: 'invalid', code: 'UNKNOWN_BERAKHLAK_VALUE' });
    });
  });

  describe('given feedback', () => {
    const history = given().when(supervisor()).events();

    it('cannot be given twice under the same id', () => {
      expect(given(...history).when(supervisor()).error()).toMatchObject({ kind: 'conflict', code: 'FEEDBACK_ALREADY_GIVEN' });
      expect(given(...history).when(colleague({}, { feedbackId: 'fb-1' })).error()).toMatchObject({ kind: 'conflict' });
    });

    it('the employee responds', () => {
      expect(given(...history).when(respond()).events()).toEqual([
        { type: 'ContinuousFeedbackResponded', data: { feedbackId: 'fb-1', employeeId: EMPLOYEE, response: 'Terima kasih, akan saya tindak lanjuti.', respondedAt: '2026-04-07T03:00:00.000Z' } },
      ]);
    });

    it('only the employee responds, with some text', () => {
      expect(given(...history).when(respond('e-budi')).error()).toMatchObject({ kind: 'forbidden', code: 'NOT_FEEDBACK_RECIPIENT' });
      expect(given(...history).when(respond(EMPLOYEE, '')).error()).toMatchObject({ kind: 'invalid', code: 'RESPONSE_REQUIRED' });
    });

    it('the pejabat penilai marks it as evidence for the evaluation', () => {
      expect(given(...history).when(mark()).events()).toEqual([
        { type: 'ContinuousFeedbackMarkedAsEvidence', data: { feedbackId: 'fb-1', periodId: PERIOD, employeeId: EMPLOYEE, markedBy: SUPERVISOR, markedAt: '2026-04-07T03:00:00.000Z' } },
      ]);
    });

    it('nobody else marks it', () => {
      expect(given(...history).when(mark(EMPLOYEE)).error()).toMatchObject({ kind: 'forbidden', code: 'NOT_PEJABAT_PENILAI' });
      expect(given(...history).when(mark(SUPERVISOR, 'e-new-supervisor')).error()).toMatchObject({ kind: 'forbidden', code: 'NOT_PEJABAT_PENILAI' });
    });

    it('removing a mark that is not there emits nothing', () => {
      expect(given(...history).when(unmark()).events()).toEqual([]);
    });
  });

  describe('given responded feedback', () => {
    const history = then(given().when(supervisor()).events(), respond());

    it('is not responded to twice', () => {
      expect(given(...history).when(respond()).error()).toMatchObject({ kind: 'conflict', code: 'ALREADY_RESPONDED' });
    });

    it('can still be marked as evidence', () => {
      expect(given(...history).when(mark()).events()[0].type).toBe('ContinuousFeedbackMarkedAsEvidence');
    });
  });

  describe('given feedback marked as evidence', () => {
    const history = then(given().when(supervisor()).events(), mark());

    it('marking again emits nothing', () => {
      expect(given(...history).when(mark()).events()).toEqual([]);
    });

    it('the pejabat penilai removes the mark', () => {
      expect(given(...history).when(unmark()).events()[0]).toMatchObject({ type: 'ContinuousFeedbackEvidenceMarkRemoved', data: { removedBy: SUPERVISOR } });
      expect(given(...history).when(unmark(EMPLOYEE)).error()).toMatchObject({ kind: 'forbidden' });
    });
  });

  it('answers not found for an unknown feedback', () => {
    expect(given().when(respond()).error()).toMatchObject({ kind: 'not_found', code: 'FEEDBACK_NOT_FOUND' });
    expect(given().when(mark()).error()).toMatchObject({ kind: 'not_found' });
  });
});
