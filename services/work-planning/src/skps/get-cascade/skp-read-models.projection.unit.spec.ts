import { project, Recorded } from '@kinerja/domain';
import { skpViewProjection } from '../get-skp/skp-view.projection';
import { Rhk, SkpDocument, SkpEvent, SkpHeader } from '../skp.events';
import { rhkViewProjection } from './rhk-view.projection';

const NIP = '199003152015031002';
const SKP = `${NIP}-2024-01-01`;
const header: SkpHeader = { skpId: SKP, nip: NIP, agencyId: 'DINKES', positionId: 'P', positionKind: 'PELAKSANA', unitId: 'U', periodStart: '2024-01-01', periodEnd: '2024-12-31' };
const rhk = (rhkId: string, target = 12): Rhk => ({
  rhkId,
  jenis: 'UTAMA',
  text: `RHK ${rhkId}`,
  link: { kind: 'ATASAN_RHK', skpId: 'KASI-2024-01-01', rhkId: 'S1' },
  perspektif: null,
  indicators: [{ ikiId: `${rhkId}-1`, aspect: 'KUANTITAS', indicator: 'Jumlah', target: { kind: 'QUANTITATIVE', value: target, unit: 'dok' }, direction: 'HIGHER_IS_BETTER', periodTargets: [] }],
});
const document = (version: number, r: Rhk[]): SkpDocument => ({
  ...header,
  version,
  approach: 'KUANTITATIF',
  rhk: r,
  perilaku: [],
  lampiran: { dukunganSumberDaya: [], skemaPertanggungjawaban: [], konsekuensi: [] },
  approvedBy: 'KASI',
  approvedAt: '2024-01-20T00:00:00.000Z',
});

let n = 0;
const rec = (e: SkpEvent): Recorded<SkpEvent> =>
  ({ ...e, id: `e${++n}`, stream: `skp-${SKP}`, revision: n, position: String(n), metadata: {}, recordedAt: new Date(Date.UTC(2024, 0, n)) }) as Recorded<SkpEvent>;

const events = [
  rec({ type: 'SkpCreated', data: { ...header, approach: 'KUANTITATIF', createdAt: 't', createdBy: NIP } }),
  rec({ type: 'RhkAdded', data: { skpId: SKP, rhk: rhk('T1'), addedAt: 't' } }),
  rec({ type: 'RhkAdded', data: { skpId: SKP, rhk: rhk('T2'), addedAt: 't' } }),
  rec({ type: 'RhkRemoved', data: { skpId: SKP, rhkId: 'T2', removedAt: 't' } }),
  rec({ type: 'SkpSubmitted', data: { skpId: SKP, nip: NIP, version: 1, submittedAt: 't' } }),
  rec({ type: 'SkpApproved', data: { skpId: SKP, document: document(1, [rhk('T1')]) } }),
  rec({ type: 'SkpAmendmentStarted', data: { skpId: SKP, fromVersion: 1, startedAt: 't' } }),
  rec({ type: 'RhkRevised', data: { skpId: SKP, rhk: rhk('T1', 30), revisedAt: 't' } }),
];

describe('SKP read-model projections', () => {
  it('skp_view folds with the decider: status, versions kept, the same when replayed twice', () => {
    const once = project(skpViewProjection, events);
    expect(project(skpViewProjection, [...events, ...events])).toEqual(once);
    const row = once.get(SKP)!;
    expect(row).toMatchObject({ skpId: SKP, nip: NIP, status: 'AMENDING', versions: 1 });
    expect(row.state.status !== 'NONE' && row.state.rhk[0].indicators[0].target).toEqual({ kind: 'QUANTITATIVE', value: 30, unit: 'dok' });
  });

  it('rhk_view indexes each RHK by the superior RHK it intervenes on; removed drafts disappear; approval marks it', () => {
    const once = project(rhkViewProjection, events);
    expect(project(rhkViewProjection, [...events, ...events])).toEqual(once);
    expect(once.get(`${SKP}/T2`)).toBeNull();
    expect(once.get(`${SKP}/T1`)).toMatchObject({ parentSkpId: 'KASI-2024-01-01', parentRhkId: 'S1', approved: true, inDraft: true, nip: NIP });
  });
});
