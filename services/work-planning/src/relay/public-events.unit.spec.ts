import { assertPublicEvent, keyOf } from '@kinerja/contracts';
import type { RecordedEvent } from '@kinerja/event-store';
import { CORE_VALUES, BERAKHLAK } from '../skps/berakhlak';
import { SkpDocument } from '../skps/skp.events';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './public-events';

const NIP = '199003152015031002';
const recorded = (type: string, data: unknown): RecordedEvent =>
  ({ id: 'e', stream: 's', revision: 0, position: '1', type, data, metadata: {}, recordedAt: new Date(), hash: '' }) as unknown as RecordedEvent;

const document: SkpDocument = {
  skpId: `${NIP}-2024-01-01`,
  nip: NIP,
  agencyId: 'DINKES',
  positionId: 'EPID-1',
  positionKind: 'FUNGSIONAL',
  unitId: 'BID-P2P',
  periodStart: '2024-01-01',
  periodEnd: '2024-12-31',
  version: 1,
  approach: 'KUANTITATIF',
  rhk: [
    {
      rhkId: 'r1',
      jenis: 'UTAMA',
      text: 'Terlaksananya surveilans',
      link: { kind: 'ATASAN_RHK', skpId: 'x-2024-01-01', rhkId: 'k1' },
      perspektif: null,
      indicators: [{ ikiId: 'i1', aspect: 'KUANTITAS', indicator: 'Jumlah laporan', target: { kind: 'QUANTITATIVE', value: 12, unit: 'laporan' }, direction: 'HIGHER_IS_BETTER', periodTargets: [] }],
    },
  ],
  perilaku: CORE_VALUES.map((c) => ({ coreValue: c, label: BERAKHLAK[c].label, panduanPerilaku: [...BERAKHLAK[c].panduanPerilaku], ekspektasiKhusus: null })),
  lampiran: { dukunganSumberDaya: ['Laptop'], skemaPertanggungjawaban: [], konsekuensi: [] },
  approvedBy: '198003032005011003',
  approvedAt: '2024-01-20T03:00:00.000Z',
};

const samples: Record<string, unknown> = {
  AgencyRegistered: { agencyId: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan', registeredAt: 't', registeredBy: 'a' },
  EmployeeRegistered: { nip: NIP, name: 'Budi', status: 'PNS', agencyId: 'DINKES', pangkat: null, golongan: 'III/a', birthDate: '1990-03-15', gender: 'MALE', appointmentYear: 2015, appointmentMonth: 3, registeredAt: 't', registeredBy: 'a' },
  EmployeeUpdated: { nip: NIP, name: 'Budi', status: 'PNS', agencyId: 'DINKES', pangkat: 'Penata', golongan: 'III/c', email: 'budi@dinkes.example.go.id', updatedAt: 't', updatedBy: 'a' },
  UnitCreated: { agencyId: 'DINKES', unitId: 'U', name: 'Unit', parentUnitId: null, createdAt: 't' },
  PositionCreated: { agencyId: 'DINKES', positionId: 'P', name: 'Pos', kind: 'PELAKSANA', unitId: 'U', parentPositionId: 'Q', establishedOn: '2024-01-01', createdAt: 't' },
  ReportingLineChanged: { agencyId: 'DINKES', positionId: 'P', parentPositionId: null, effectiveFrom: '2024-01-01', changedAt: 't' },
  PositionAssigned: { agencyId: 'DINKES', assignmentId: 'a1', nip: NIP, positionId: 'P', type: 'PLT', from: '2024-01-01', to: '2024-03-31', assignedAt: 't' },
  AssignmentEnded: { agencyId: 'DINKES', assignmentId: 'a1', nip: NIP, positionId: 'P', lastDay: '2024-02-01', endedAt: 't' },
  SkpSubmitted: { skpId: document.skpId, nip: NIP, version: 1, submittedAt: '2024-01-10T03:00:00.000Z' },
  SkpWithdrawn: { skpId: document.skpId, nip: NIP, version: 1, withdrawnAt: '2024-01-11T03:00:00.000Z' },
  SkpReturned: { skpId: document.skpId, nip: NIP, version: 1, notes: 'Perjelas target', returnedBy: '198001012005011001', returnedAt: '2024-01-11T03:00:00.000Z' },
  SkpApproved: { skpId: document.skpId, document },
  SkpAmended: { skpId: document.skpId, document: { ...document, version: 2 } },
  RealisationRecorded: {
    skpId: document.skpId,
    periodId: '2024-Q1',
    ikiId: 'i1',
    nip: NIP,
    revision: 1,
    outcome: { value: 3, narrative: null },
    evidence: [
      { kind: 'LINK', url: 'https://example.go.id/laporan', title: null },
      { kind: 'FILE', sha256: 'a'.repeat(64), sizeBytes: 10, fileName: 'bukti.pdf', mediaType: 'application/pdf' },
    ],
    occurredOn: '2024-03-01',
    recordedAt: '2024-03-02T03:00:00.000Z',
    late: false,
    recordedBy: NIP,
  },
  RoleGranted: { nip: NIP, role: 'ADMIN_OPD', agencyId: 'DINKES', grantedBy: '197001012000031001', grantedAt: '2024-03-02T03:00:00.000Z', reason: 'SK 1/2024' },
  RoleRevoked: { nip: NIP, role: 'ADMIN_CITY', agencyId: null, revokedBy: '197001012000031001', revokedAt: '2024-03-03T03:00:00.000Z', reason: null },
};

describe('work-planning public event mapping', () => {
  it.each(RELAYED_EVENT_TYPES.map((t) => [t]))('maps %s to a public event its contract accepts (produce mode)', (type) => {
    const drafts = toPublicEvents(recorded(type, samples[type]));
    expect(drafts).toHaveLength(1);
    for (const d of drafts) {
      expect(() => assertPublicEvent(d.type, d.data, 'produce')).not.toThrow();
      expect(d.type).toBe(`${type}.v1`);
    }
  });

  it('keys employee facts by NIP and the agency structure by agency', () => {
    const key = (type: string) => toPublicEvents(recorded(type, samples[type])).map((d) => keyOf(d.type, d.data))[0];
    expect(key('PositionAssigned')).toBe(NIP);
    expect(key('SkpApproved')).toBe(NIP);
    expect(key('PositionCreated')).toBe('DINKES');
  });

  it('publishes the whole approved plan with the pejabat penilai', () => {
    const [draft] = toPublicEvents(recorded('SkpApproved', samples.SkpApproved));
    expect(draft.data).toMatchObject({ rhk: document.rhk, perilaku: document.perilaku, pejabatPenilaiNip: '198003032005011003' });
  });

  it('keeps internal-only events inside', () => {
    expect(toPublicEvents(recorded('RhkAdded', {}))).toEqual([]);
  });
});
