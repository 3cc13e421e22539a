import { deciderSpec } from '@kinerja/testing';
import { CommandActor } from '@kinerja/domain';
import { RecordRealisation, realisationDecider } from './realisation.decider';
import { Evidence, RealisationEvent } from './realisation.events';

const NIP = '199002022015032004';
const SKP = `${NIP}-2024-01-01`;
const MAX = 5 * 1024 * 1024;
const SHA = 'a'.repeat(64);
const employee: CommandActor = { id: NIP, role: 'EMPLOYEE' };
const IN_TIME = '2024-04-05T02:00:00.000Z';
const AFTER_DEADLINE = '2024-04-11T02:00:00.000Z';

const record = (over: Partial<RecordRealisation['data'] & RecordRealisation['lookups']> = {}, now = IN_TIME, actor = employee): RecordRealisation => {
  const { skp, period, maxEvidenceFileBytes, ...data } = over;
  return {
    type: 'RecordRealisation',
    data: {
      skpId: SKP,
      periodId: '2024-Q1',
      ikiId: 'R1-1',
      outcome: { value: 3, narrative: null },
      evidence: [{ kind: 'LINK', url: 'https://drive.example.go.id/laporan-jan', title: 'Laporan Januari' }],
      occurredOn: '2024-03-28',
      ...data,
    },
    lookups: {
      skp: skp ?? { nip: NIP, periodStart: '2024-01-01', periodEnd: '2024-12-31', approvedIndicators: { 'R1-1': 'QUANTITATIVE', 'R2-1': 'QUALITATIVE' } },
      period: period ?? { start: '2024-01-01', end: '2024-03-31', deadline: '2024-04-10T16:59:59.999Z', finalized: false },
      maxEvidenceFileBytes: maxEvidenceFileBytes ?? MAX,
    },
    metadata: { now: new Date(now), actor },
  };
};

const recorded = (over: Partial<Extract<RealisationEvent, { type: 'RealisationRecorded' }>['data']> = {}): RealisationEvent => ({
  type: 'RealisationRecorded',
  data: {
    skpId: SKP,
    periodId: '2024-Q1',
    ikiId: 'R1-1',
    nip: NIP,
    revision: 1,
    outcome: { value: 3, narrative: null },
    evidence: [{ kind: 'LINK', url: 'https://drive.example.go.id/laporan-jan', title: 'Laporan Januari' }],
    occurredOn: '2024-03-28',
    recordedAt: IN_TIME,
    late: false,
    recordedBy: NIP,
    ...over,
  },
});

const { given } = deciderSpec(realisationDecider);

const file = (sizeBytes: number): Evidence => ({ kind: 'FILE', sha256: SHA, sizeBytes, fileName: 'foto.jpg', mediaType: 'image/jpeg' });

describe('realisation decider', () => {
  describe('given nothing recorded in the period', () => {
    it('records a value with a link, on time', () => {
      given().when(record()).then([recorded()]);
    });
    it('records after the deadline: allowed, but marked late', () => {
      given().when(record({}, AFTER_DEADLINE)).then([recorded({ recordedAt: AFTER_DEADLINE, late: true })]);
    });
    it('records a narrative for a qualitative indicator', () => {
      given()
        .when(record({ ikiId: 'R2-1', outcome: { value: null, narrative: 'Layanan berjalan tanpa keluhan' } }))
        .then([recorded({ ikiId: 'R2-1', outcome: { value: null, narrative: 'Layanan berjalan tanpa keluhan' } })]);
    });
    it('accepts a file up to the configured size, by content hash', () => {
      given().when(record({ evidence: [file(MAX)] })).then([recorded({ evidence: [file(MAX)] })]);
    });
    it('rejects a file over the configured size', () => {
      given().when(record({ evidence: [file(MAX + 1)] })).thenThrows('invalid', 'EVIDENCE_TOO_LARGE');
    });
    it('the limit is configuration, not a constant', () => {
      given().when(record({ evidence: [file(2_000)], maxEvidenceFileBytes: 1_000 })).thenThrows('invalid', 'EVIDENCE_TOO_LARGE');
    });
    it('rejects a file without a valid SHA-256', () => {
      given().when(record({ evidence: [{ ...file(10), sha256: 'abc' } as Evidence] })).thenThrows('invalid', 'EVIDENCE_FILE_INVALID');
    });
    it('rejects a link that is not http(s)', () => {
      given().when(record({ evidence: [{ kind: 'LINK', url: 'javascript:alert(1)', title: null }] })).thenThrows('invalid', 'EVIDENCE_LINK_INVALID');
    });
    it('only the SKP owner records', () => {
      given().when(record({}, IN_TIME, { id: '198001012005011003', role: 'EMPLOYEE' })).thenThrows('forbidden', 'REALISATION_OWNER_ONLY');
    });
    it('needs an approved SKP', () => {
      given()
        .when(record({ periodId: '2025-Q1', period: { start: '2025-01-01', end: '2025-03-31', deadline: '2025-04-10T16:59:59.999Z', finalized: false } }))
        .thenThrows('invalid', 'REALISATION_PERIOD_OUTSIDE_SKP');
      given().when(record({ skp: { nip: NIP, periodStart: '2024-01-01', periodEnd: '2024-12-31', approvedIndicators: null } })).thenThrows('conflict', 'SKP_NOT_APPROVED');
    });
    it('needs an indicator of the approved version', () => {
      given().when(record({ ikiId: 'R9-1' })).thenThrows('invalid', 'IKI_UNKNOWN');
    });
    it('a quantitative indicator needs a value', () => {
      given().when(record({ outcome: { value: null, narrative: 'sudah' } })).thenThrows('invalid', 'REALISATION_VALUE_REQUIRED');
      given().when(record({ outcome: { value: -1, narrative: null } })).thenThrows('invalid', 'REALISATION_VALUE_INVALID');
    });
    it('a qualitative indicator needs a narrative', () => {
      given().when(record({ ikiId: 'R2-1', outcome: { value: null, narrative: ' ' } })).thenThrows('invalid', 'REALISATION_NARRATIVE_REQUIRED');
    });
    it('what happened must fall inside the period, and not in the future', () => {
      given().when(record({ occurredOn: '2024-04-01' })).thenThrows('invalid', 'REALISATION_OUTSIDE_PERIOD');
      given().when(record({ occurredOn: '2024-03-30' }, '2024-03-20T00:00:00.000Z')).thenThrows('invalid', 'REALISATION_IN_FUTURE');
    });
    it('nothing can be recorded once the period is final', () => {
      given().when(record({ period: { start: '2024-01-01', end: '2024-03-31', deadline: '2024-04-10T16:59:59.999Z', finalized: true } })).thenThrows('conflict', 'PERIOD_FINALIZED');
    });
  });

  describe('given a realisation already recorded', () => {
    it('a correction is a new revision; the first stays in the history', () => {
      given(recorded()).when(record({ outcome: { value: 4, narrative: null } })).then([recorded({ revision: 2, outcome: { value: 4, narrative: null } })]);
    });
    it('recording the same again changes nothing', () => {
      given(recorded()).when(record({}, AFTER_DEADLINE)).then([]);
    });
    it('another indicator starts its own history', () => {
      given(recorded())
        .when(record({ ikiId: 'R2-1', outcome: { value: null, narrative: 'Selesai' } }))
        .then([recorded({ ikiId: 'R2-1', outcome: { value: null, narrative: 'Selesai' } })]);
    });
  });
});
