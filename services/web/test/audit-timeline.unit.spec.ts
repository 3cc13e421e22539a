import { appraisalState, cityWallTimeToIso, diffStates, eventsBetween, formatInstant, isoToCityWallTime, mergeHistories, type ReplayedEvent } from '../console/src/audit-timeline';

const NIP = '197505052000031002';
const at = (minute: number) => `2026-07-01T03:${String(minute).padStart(2, '0')}:00.000Z`;
const event = (service: string, stream: string, revision: number, type: string, minute: number, data: Record<string, unknown>, extra: Partial<ReplayedEvent> = {}): ReplayedEvent => ({
  service,
  stream,
  revision,
  type,
  recordedAt: at(minute),
  occurredAt: null,
  actor: { id: null, role: null },
  ruleSetVersion: null,
  relation: 'own',
  data,
  ...extra,
});

const evaluationId = `DINKES:2026:S1:${NIP}`;
const stream = `evaluation-${evaluationId}`;
const rated = { evaluationId, employeeId: NIP, periodId: 'DINKES:2026:S1', assessorId: '197001011995031001', ratingHasil: 'DI_BAWAH', ratingPerilaku: 'SESUAI' };
const history = [
  event('work-planning', `skp-${NIP}-2026-01-01`, 0, 'SkpCreated', 1, { skpId: `${NIP}-2026-01-01`, nip: NIP }),
  event('work-planning', `skp-${NIP}-2026-01-01`, 1, 'SkpApproved', 2, { skpId: `${NIP}-2026-01-01`, document: { version: 1, approvedBy: '197001011995031001', approvedAt: at(2), rhk: [{}] } }),
  event('work-planning', `realisations-${NIP}-2026-01-01-2026-S1`, 0, 'RealisationRecorded', 3, {
    nip: NIP, periodId: '2026-S1', ikiId: 'B1-1', revision: 1, outcome: { value: 80, narrative: null }, late: false,
    evidence: [{ kind: 'FILE', fileName: 'rekap.pdf', sha256: 'x', sizeBytes: 1, mediaType: 'application/pdf' }],
  }),
  event('feedback-intake', 'continuous-feedback-f1', 0, 'ContinuousFeedbackGiven', 4, { feedbackId: 'f1', periodId: '2026', employeeId: NIP, giverId: '197001011995031001', topic: { kind: 'BERAKHLAK', value: 'KOLABORATIF' }, content: 'Baik.' }, { relation: 'mentions' }),
  // Feedback the employee gave someone else: not part of their appraisal.
  event('feedback-intake', 'continuous-feedback-f2', 0, 'ContinuousFeedbackGiven', 4, { feedbackId: 'f2', periodId: '2026', employeeId: '198003032005011003', giverId: NIP, topic: { kind: 'BERAKHLAK', value: 'ADAPTIF' }, content: 'Lain.' }, { relation: 'mentions' }),
  event('evaluation', stream, 0, 'EvaluationSubmitted', 5, rated),
  event('evaluation', stream, 1, 'PredicateSet', 5, { ...rated, predicate: 'BUTUH_PERBAIKAN', ruleSetVersion: 'permenpanrb-6-2022@1' }),
  event('evaluation', stream, 2, 'ObjectionFiled', 6, { evaluationId, employeeId: NIP, periodId: 'DINKES:2026:S1', reasons: 'x', atasanId: '196805121990031002' }),
  event('evaluation', stream, 3, 'ObjectionDecided', 8, { ...rated, outcome: 'CHANGE', decidedBy: '196805121990031002', ratingHasil: 'SESUAI', predicate: 'BAIK', ruleSetVersion: 'permenpanrb-6-2022@1' }),
  event('evaluation', stream, 4, 'PredicateFinalized', 8, { ...rated, ratingHasil: 'SESUAI', predicate: 'BAIK', ruleSetVersion: 'permenpanrb-6-2022@1', finalizedVia: 'OBJECTION_DECIDED' }),
];

describe("the auditor's appraisal timeline", () => {
  it('adds the events up to what was recorded at an instant: SKP version, evidence, feedback, ratings, predikat, assessor, rule set', () => {
    const before = appraisalState(NIP, history.filter((e) => e.recordedAt <= at(6)));
    expect(before.skps).toEqual([{ skpId: `${NIP}-2026-01-01`, status: 'APPROVED', version: 1, approvedBy: '197001011995031001', approvedAt: at(2), rhk: 1 }]);
    expect(before.realisations).toEqual([expect.objectContaining({ ikiId: 'B1-1', value: 80, evidence: ['rekap.pdf'] })]);
    expect(before.feedback.map((f) => f.feedbackId)).toEqual(['f1']);
    expect(before.evaluations).toEqual([
      expect.objectContaining({ status: 'OBJECTED', predicate: 'BUTUH_PERBAIKAN', ratingHasil: 'DI_BAWAH', assessorId: '197001011995031001', ruleSetVersion: 'permenpanrb-6-2022@1' }),
    ]);
    const after = appraisalState(NIP, history);
    expect(after.evaluations).toEqual([expect.objectContaining({ status: 'FINAL', predicate: 'BAIK', ratingHasil: 'SESUAI', objection: { outcome: 'CHANGE', decidedBy: '196805121990031002' } })]);
  });

  it('shows the difference between two instants, and the events recorded between them', () => {
    const changes = diffStates(appraisalState(NIP, history.filter((e) => e.recordedAt <= at(6))), appraisalState(NIP, history));
    expect(changes).toEqual(
      expect.arrayContaining([
        { area: 'evaluation', key: evaluationId, field: 'predicate', before: 'BUTUH_PERBAIKAN', after: 'BAIK' },
        { area: 'evaluation', key: evaluationId, field: 'status', before: 'OBJECTED', after: 'FINAL' },
        { area: 'evaluation', key: evaluationId, field: 'objectionOutcome', before: null, after: 'CHANGE' },
      ]),
    );
    expect(changes.some((c) => c.area === 'skp')).toBe(false);
    expect(eventsBetween(history, at(6), at(8)).map((e) => e.type)).toEqual(['ObjectionDecided', 'PredicateFinalized']);
    expect(eventsBetween(history, at(8), at(6)).map((e) => e.type)).toEqual(['ObjectionDecided', 'PredicateFinalized']);
  });

  it("merges the services' parts by recording time", () => {
    const merged = mergeHistories([
      { service: 'evaluation', nip: NIP, asOf: at(9), events: history.filter((e) => e.service === 'evaluation'), chains: { ok: true, streams: 1, breaks: [] } },
      { service: 'work-planning', nip: NIP, asOf: at(9), events: history.filter((e) => e.service === 'work-planning'), chains: { ok: true, streams: 2, breaks: [] } },
    ]);
    expect(merged.map((e) => e.recordedAt)).toEqual([...merged.map((e) => e.recordedAt)].sort());
    expect(merged).toHaveLength(8);
  });

  it("reads a date and time on the city's clock as the end of that minute, and back", () => {
    expect(cityWallTimeToIso('2026-07-01T10:05', 'Asia/Jakarta')).toBe('2026-07-01T03:05:59.999Z');
    expect(cityWallTimeToIso('2026-07-01T10:05', 'Asia/Jayapura')).toBe('2026-07-01T01:05:59.999Z');
    expect(cityWallTimeToIso('2026-07-01', 'Asia/Jakarta')).toBeNull();
    expect(isoToCityWallTime('2026-07-01T03:05:30.000Z', 'Asia/Makassar')).toBe('2026-07-01T11:05');
    expect(formatInstant('2026-07-01T03:05:09.000Z', 'Asia/Jakarta')).toMatch(/^1 Juli 2026.*10\.05\.09 WIB$/);
  });
});
