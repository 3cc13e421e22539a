import { deciderSpec } from '@kinerja/testing';
import { CommandActor, fold } from '@kinerja/domain';
import { CreateSkp, SkpCommand, currentVersion, skpDecider } from './skp.decider';
import { Rhk, SkpEvent, SkpHeader, skpIdFor } from './skp.events';

const NIP = '199002022015032004';
const PENILAI = '198001012005011003';
const OTHER = '197505052000031002';
const SKP_ID = skpIdFor(NIP, '2024-01-01');
const NOW = '2024-01-15T03:00:00.000Z';
const LATER = '2024-02-01T03:00:00.000Z';

const employee: CommandActor = { id: NIP, role: 'EMPLOYEE', agencyId: 'DINKES' };
const penilai: CommandActor = { id: PENILAI, role: 'EMPLOYEE', agencyId: 'DINKES' };
const meta = (actor: CommandActor = employee, now = NOW) => ({ now: new Date(now), actor });

const header: SkpHeader = {
  skpId: SKP_ID,
  nip: NIP,
  agencyId: 'DINKES',
  positionId: 'STAF',
  positionKind: 'PELAKSANA',
  unitId: 'U1',
  periodStart: '2024-01-01',
  periodEnd: '2024-12-31',
};
const jptHeader: SkpHeader = { ...header, positionId: 'KADIS', positionKind: 'JPT_PRATAMA' };

const rhk = (rhkId: string, over: Partial<Rhk> = {}): Rhk => ({
  rhkId,
  jenis: 'UTAMA',
  text: `Tersusunnya laporan ${rhkId}`,
  link: { kind: 'ATASAN_RHK', skpId: 'ATASAN-SKP', rhkId: 'A1' },
  perspektif: null,
  indicators: [
    {
      ikiId: `${rhkId}-1`,
      aspect: 'KUANTITAS',
      indicator: 'Jumlah laporan',
      target: { kind: 'QUANTITATIVE', value: 12, unit: 'laporan' },
      direction: 'HIGHER_IS_BETTER',
      periodTargets: [],
    },
  ],
  ...over,
});

const created = (h: SkpHeader = header): SkpEvent => ({ type: 'SkpCreated', data: { ...h, approach: 'KUANTITATIF', createdAt: NOW, createdBy: NIP } });
const added = (r: Rhk): SkpEvent => ({ type: 'RhkAdded', data: { skpId: SKP_ID, rhk: r, addedAt: NOW } });
const submitted = (version = 1): SkpEvent => ({ type: 'SkpSubmitted', data: { skpId: SKP_ID, nip: NIP, version, submittedAt: NOW } });
const returned: SkpEvent = { type: 'SkpReturned', data: { skpId: SKP_ID, nip: NIP, version: 1, notes: 'Perjelas target', returnedBy: PENILAI, returnedAt: NOW } };

const goodLink = { targetExists: true, targetOwnedByPejabatPenilai: true };
const approvedTargets = { 'ATASAN-SKP/A1': 'APPROVED' as const, 'ATASAN-SKP/A2': 'APPROVED' as const };

const cmd = {
  add: (r: Rhk, actor = employee, linkLookup: { targetExists: boolean; targetOwnedByPejabatPenilai: boolean } | null = goodLink): SkpCommand => ({
    type: 'AddRhk',
    data: { skpId: SKP_ID, rhk: r },
    lookups: { linkLookup },
    metadata: meta(actor),
  }),
  submit: (actor = employee, linkTargets: Record<string, 'APPROVED' | 'DRAFT' | 'MISSING'> = approvedTargets, pejabatPenilaiNip: string | null = PENILAI): SkpCommand => ({
    type: 'SubmitSkp',
    data: { skpId: SKP_ID },
    lookups: { pejabatPenilaiNip, linkTargets },
    metadata: meta(actor),
  }),
  withdraw: (actor = employee): SkpCommand => ({ type: 'WithdrawSkp', data: { skpId: SKP_ID }, metadata: meta(actor) }),
  approve: (actor = penilai, linkTargets: Record<string, 'APPROVED' | 'DRAFT' | 'MISSING'> = approvedTargets, pejabatPenilaiNip: string | null = PENILAI): SkpCommand => ({
    type: 'ApproveSkp',
    data: { skpId: SKP_ID },
    lookups: { pejabatPenilaiNip, linkTargets },
    metadata: meta(actor, LATER),
  }),
  return: (notes = 'Perjelas target', actor = penilai, pejabatPenilaiNip: string | null = PENILAI): SkpCommand => ({
    type: 'ReturnSkp',
    data: { skpId: SKP_ID, notes },
    lookups: { pejabatPenilaiNip },
    metadata: meta(actor),
  }),
};

const { given } = deciderSpec(skpDecider);

const create = (over: Partial<CreateSkp['data'] & CreateSkp['lookups']> = {}, actor = employee): SkpCommand => {
  const { skpId: _s, ...h } = header;
  const { otherSkpsOfEmployee = [], ...data } = over;
  return { type: 'CreateSkp', data: { skpId: SKP_ID, ...h, approach: 'KUANTITATIF', ...data }, lookups: { otherSkpsOfEmployee }, metadata: meta(actor) };
};

describe('SKP decider', () => {
  describe('given no SKP', () => {
    it('the employee creates their annual SKP', () => {
      given().when(create()).then([created()]);
    });
    it('an admin of the agency may create it (e.g. after a mid-year move)', () => {
      given().when(create({}, { id: 'adm', role: 'ADMIN_OPD', agencyId: 'DINKES' })).thenTypes(['SkpCreated']);
    });
    it('someone else may not create it', () => {
      given().when(create({}, penilai)).thenThrows('forbidden', 'SKP_CREATE_FORBIDDEN');
    });
    it('rejects a period crossing the year', () => {
      given().when(create({ periodStart: '2024-07-01', periodEnd: '2025-06-30' })).thenThrows('invalid', 'SKP_PERIOD_INVALID');
    });
    it('rejects a period that ends before it starts', () => {
      given().when(create({ periodStart: '2024-07-01', periodEnd: '2024-06-30' })).thenThrows('invalid', 'SKP_PERIOD_INVALID');
    });
    it('rejects an unknown approach', () => {
      given().when(create({ approach: 'CAMPURAN' as never })).thenThrows('invalid', 'SKP_APPROACH_INVALID');
    });
    it('rejects a second SKP overlapping another of the same employee (lookup)', () => {
      given()
        .when(create({ otherSkpsOfEmployee: [{ skpId: 'other', periodStart: '2024-01-01', periodEnd: '2024-12-31' }] }))
        .thenThrows('conflict', 'SKP_PERIOD_OVERLAP');
    });
    it('accepts a new SKP from a mid-year assignment change once the old one is cut', () => {
      given()
        .when(create({ periodStart: '2024-07-01', otherSkpsOfEmployee: [{ skpId: 'old', periodStart: '2024-01-01', periodEnd: '2024-06-30' }] }))
        .thenTypes(['SkpCreated']);
    });
    it('commands on a missing SKP are not found', () => {
      given().when(cmd.submit()).thenThrows('not_found', 'SKP_NOT_FOUND');
    });
  });

  describe('given a draft', () => {
    it('creating it again is a conflict', () => {
      given(created()).when(create()).thenThrows('conflict', 'SKP_EXISTS');
    });
    it('the employee adds an RHK that intervenes on the superior’s RHK', () => {
      given(created()).when(cmd.add(rhk('R1'))).then([added(rhk('R1'))]);
    });
    it('may draft against the superior’s draft RHK (not blocked by a late superior)', () => {
      given(created()).when(cmd.add(rhk('R1'), employee, { targetExists: true, targetOwnedByPejabatPenilai: true })).thenTypes(['RhkAdded']);
    });
    it('may park an RHK on the unit’s Perjanjian Kinerja, or leave it unlinked', () => {
      given(created()).when(cmd.add(rhk('R1', { link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: 'PK-2024', sasaranId: 'S1' } }))).thenTypes(['RhkAdded']);
      given(created()).when(cmd.add(rhk('R1', { link: null }), employee, null)).thenTypes(['RhkAdded']);
    });
    it('only the employee edits their draft — not the supervisor', () => {
      given(created()).when(cmd.add(rhk('R1'), penilai)).thenThrows('forbidden', 'SKP_OWNER_ONLY');
    });
    it('rejects a link to an RHK that does not exist', () => {
      given(created()).when(cmd.add(rhk('R1'), employee, { targetExists: false, targetOwnedByPejabatPenilai: false })).thenThrows('invalid', 'RHK_LINK_TARGET_UNKNOWN');
    });
    it('rejects a link to an RHK of someone who is not the direct superior', () => {
      given(created()).when(cmd.add(rhk('R1'), employee, { targetExists: true, targetOwnedByPejabatPenilai: false })).thenThrows('invalid', 'RHK_LINK_NOT_SUPERIOR');
    });
    it('rejects a link to its own SKP', () => {
      given(created()).when(cmd.add(rhk('R1', { link: { kind: 'ATASAN_RHK', skpId: SKP_ID, rhkId: 'R0' } }))).thenThrows('invalid', 'RHK_LINK_SELF');
    });
    it('rejects a Perjanjian Kinerja link without its sasaran', () => {
      given(created()).when(cmd.add(rhk('R1', { link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: 'PK-2024', sasaranId: '' } }), employee, null)).thenThrows('invalid', 'RHK_LINK_INVALID');
    });
    it('rejects a perspective on a non-JPT RHK', () => {
      given(created()).when(cmd.add(rhk('R1', { perspektif: 'ANGGARAN' }))).thenThrows('invalid', 'RHK_PERSPEKTIF_JPT_ONLY');
    });
    it('rejects an RHK without indicators', () => {
      given(created()).when(cmd.add(rhk('R1', { indicators: [] }))).thenThrows('invalid', 'RHK_IKI_REQUIRED');
    });
    it('rejects an indicator with an unknown aspect', () => {
      const r = rhk('R1');
      given(created()).when(cmd.add({ ...r, indicators: [{ ...r.indicators[0], aspect: 'BIAYA_X' as never }] })).thenThrows('invalid', 'IKI_ASPECT_INVALID');
    });
    it('rejects a quantitative target without a unit', () => {
      const r = rhk('R1');
      given(created()).when(cmd.add({ ...r, indicators: [{ ...r.indicators[0], target: { kind: 'QUANTITATIVE', value: 5, unit: '' } }] })).thenThrows('invalid', 'IKI_TARGET_INVALID');
    });
    it('rejects an indicator id already used elsewhere in the SKP', () => {
      const r2 = rhk('R2');
      given(created(), added(rhk('R1')))
        .when(cmd.add({ ...r2, indicators: [{ ...r2.indicators[0], ikiId: 'R1-1' }] }))
        .thenThrows('invalid', 'IKI_ID_DUPLICATE');
    });
    it('records the direction of each IKI: given, or by its aspect (WAKTU and BIAYA lower is better)', () => {
      const r = rhk('R1');
      const { direction: _d, periodTargets: _p, ...bare } = r.indicators[0];
      const waktu = { ...bare, ikiId: 'R1-2', aspect: 'WAKTU' as const, indicator: 'Waktu layanan', target: { kind: 'QUANTITATIVE' as const, value: 1, unit: 'hari' } };
      const [event] = given(created()).when(cmd.add({ ...r, indicators: [bare, waktu] as never })).thenTypes(['RhkAdded']);
      expect((event.data as { rhk: Rhk }).rhk.indicators.map((i) => [i.ikiId, i.direction, i.periodTargets])).toEqual([
        ['R1-1', 'HIGHER_IS_BETTER', []],
        ['R1-2', 'LOWER_IS_BETTER', []],
      ]);
      given(created()).when(cmd.add({ ...r, indicators: [{ ...r.indicators[0], direction: 'SIDEWAYS' as never }] })).thenThrows('invalid', 'IKI_DIRECTION_INVALID');
    });
    it('reads IKI recorded before directions existed with the default of their aspect', () => {
      const r = rhk('R1');
      const { direction: _d, periodTargets: _p, ...bare } = r.indicators[0];
      const { state } = given(created(), added({ ...r, indicators: [{ ...bare, aspect: 'BIAYA' } as never] }));
      expect(state.status !== 'NONE' && state.rhk[0].indicators[0]).toMatchObject({ direction: 'LOWER_IS_BETTER', periodTargets: [] });
    });
    it('accepts targets per period of the SKP, like the annual target', () => {
      const r = rhk('R1');
      const periodTargets = [
        { periodId: '2024-S1', target: { kind: 'QUANTITATIVE' as const, value: 5, unit: 'laporan' } },
        { periodId: '2024-S2', target: { kind: 'QUANTITATIVE' as const, value: 7, unit: 'laporan' } },
      ];
      given(created()).when(cmd.add({ ...r, indicators: [{ ...r.indicators[0], periodTargets }] })).thenTypes(['RhkAdded']);
    });
    it('refuses period targets outside the vocabulary or the SKP, repeated, annual, or unlike the annual target', () => {
      const r = rhk('R1');
      const q = (periodId: string, value = 3, unit = 'laporan') => ({ periodId, target: { kind: 'QUANTITATIVE' as const, value, unit } });
      for (const periodTargets of [[q('2025-S1')], [q('2024-S1'), q('2024-S1')], [q('2024')], [q('DINKES:2024:S1')], [q('2024-13')]])
        given(created())
          .when(cmd.add({ ...r, indicators: [{ ...r.indicators[0], periodTargets }] }))
          .thenThrows('invalid', 'IKI_PERIOD_TARGET_PERIOD_INVALID');
      given(created())
        .when(cmd.add({ ...r, indicators: [{ ...r.indicators[0], periodTargets: [q('2024-Q1', 3, 'dokumen')] }] }))
        .thenThrows('invalid', 'IKI_PERIOD_TARGET_KIND');
      given(created())
        .when(cmd.add({ ...r, indicators: [{ ...r.indicators[0], periodTargets: [{ periodId: '2024-Q1', target: { kind: 'QUALITATIVE', description: 'x' } }] }] }))
        .thenThrows('invalid', 'IKI_PERIOD_TARGET_KIND');
    });
    it('rejects an RHK id already used', () => {
      given(created(), added(rhk('R1'))).when(cmd.add(rhk('R1'))).thenThrows('conflict', 'RHK_EXISTS');
    });
    it('revises and removes an RHK', () => {
      given(created(), added(rhk('R1')))
        .when({ type: 'ReviseRhk', data: { skpId: SKP_ID, rhk: rhk('R1', { jenis: 'TAMBAHAN' }), }, lookups: { linkLookup: goodLink }, metadata: meta() })
        .thenTypes(['RhkRevised']);
      given(created(), added(rhk('R1'))).when({ type: 'RemoveRhk', data: { skpId: SKP_ID, rhkId: 'R1' }, metadata: meta() }).thenTypes(['RhkRemoved']);
      given(created()).when({ type: 'RemoveRhk', data: { skpId: SKP_ID, rhkId: 'R9' }, metadata: meta() }).thenThrows('not_found', 'RHK_NOT_FOUND');
    });
    it('sets the lampiran', () => {
      const lampiran = { dukunganSumberDaya: ['Laptop'], skemaPertanggungjawaban: ['Laporan bulanan'], konsekuensi: ['Teguran'] };
      given(created()).when({ type: 'SetLampiran', data: { skpId: SKP_ID, lampiran }, metadata: meta() }).then([{ type: 'LampiranSet', data: { skpId: SKP_ID, lampiran, setAt: NOW } }]);
    });
    it('changing the approach to the same one changes nothing', () => {
      given(created()).when({ type: 'ChangeApproach', data: { skpId: SKP_ID, approach: 'KUANTITATIF' }, metadata: meta() }).then([]);
    });
    it('the pejabat penilai sets an ekspektasi khusus pimpinan', () => {
      given(created())
        .when({ type: 'SetEkspektasiKhusus', data: { skpId: SKP_ID, coreValue: 'KOLABORATIF', text: 'Aktif dalam tim lintas bidang' }, lookups: { pejabatPenilaiNip: PENILAI }, metadata: meta(penilai) })
        .then([{ type: 'EkspektasiKhususSet', data: { skpId: SKP_ID, coreValue: 'KOLABORATIF', text: 'Aktif dalam tim lintas bidang', setBy: PENILAI, setAt: NOW } }]);
    });
    it('the employee may not write their own ekspektasi khusus pimpinan', () => {
      given(created())
        .when({ type: 'SetEkspektasiKhusus', data: { skpId: SKP_ID, coreValue: 'LOYAL', text: 'x' }, lookups: { pejabatPenilaiNip: NIP }, metadata: meta(employee) })
        .thenThrows('forbidden', 'SKP_SELF_APPROVAL');
    });
    it('rejects an unknown core value', () => {
      given(created())
        .when({ type: 'SetEkspektasiKhusus', data: { skpId: SKP_ID, coreValue: 'JUJUR' as never, text: 'x' }, lookups: { pejabatPenilaiNip: PENILAI }, metadata: meta(penilai) })
        .thenThrows('invalid', 'CORE_VALUE_INVALID');
    });
    it('submits with at least one RHK utama', () => {
      given(created(), added(rhk('R1'))).when(cmd.submit()).then([submitted()]);
    });
    it('cannot submit without an RHK utama', () => {
      given(created(), added(rhk('R1', { jenis: 'TAMBAHAN' }))).when(cmd.submit()).thenThrows('invalid', 'SKP_NO_RHK_UTAMA');
    });
    it('cannot submit a quantitative SKP with a qualitative target', () => {
      const r = rhk('R1');
      given(created(), added({ ...r, indicators: [{ ...r.indicators[0], target: { kind: 'QUALITATIVE', description: 'Tepat waktu' } }] }))
        .when(cmd.submit())
        .thenThrows('invalid', 'SKP_TARGET_NOT_QUANTITATIVE');
    });
    it('a qualitative SKP accepts qualitative targets', () => {
      const r = rhk('R1');
      const approach: SkpEvent = { type: 'SkpApproachChanged', data: { skpId: SKP_ID, approach: 'KUALITATIF', changedAt: NOW } };
      given(created(), approach, added({ ...r, indicators: [{ ...r.indicators[0], target: { kind: 'QUALITATIVE', description: 'Tepat waktu' } }] }))
        .when(cmd.submit())
        .thenTypes(['SkpSubmitted']);
    });
    it('submit refuses what approval would refuse: a link to an unapproved or missing RHK, an unlinked RHK, with the reason', () => {
      const refused = given(created(), added(rhk('R1')))
        .when(cmd.submit(employee, { 'ATASAN-SKP/A1': 'DRAFT' }))
        .thenThrows('conflict', 'SKP_LINKS_UNRESOLVED');
      expect(refused.message).toMatch(/R1 \(TARGET_NOT_APPROVED\) RHK atasan yang diintervensi belum disetujui/);
      given(created(), added(rhk('R1'))).when(cmd.submit(employee, {})).thenThrows('conflict', 'SKP_LINKS_UNRESOLVED');
      given(created(), added(rhk('R1', { link: null }))).when(cmd.submit()).thenThrows('conflict', 'SKP_LINKS_UNRESOLVED');
    });
    it('submit is refused while the employee has no pejabat penilai to decide', () => {
      given(created(), added(rhk('R1'))).when(cmd.submit(employee, approvedTargets, null)).thenThrows('conflict', 'SKP_NO_PEJABAT_PENILAI');
    });
    it('only the employee submits', () => {
      given(created(), added(rhk('R1'))).when(cmd.submit(penilai)).thenThrows('forbidden', 'SKP_OWNER_ONLY');
    });
    it('cannot be approved before it is submitted', () => {
      given(created(), added(rhk('R1'))).when(cmd.approve()).thenThrows('conflict', 'SKP_NOT_SUBMITTED');
    });
  });

  describe('given a JPT draft', () => {
    const pkLink = { kind: 'PERJANJIAN_KINERJA' as const, perjanjianKinerjaId: 'PK-2024', sasaranId: 'S1' };
    it('an RHK from the Perjanjian Kinerja with a perspective', () => {
      given(created(jptHeader)).when(cmd.add(rhk('J1', { link: pkLink, perspektif: 'PENERIMA_LAYANAN' }), employee, null)).thenTypes(['RhkAdded']);
    });
    it('needs one of the four perspectives', () => {
      given(created(jptHeader)).when(cmd.add(rhk('J1', { link: pkLink }), employee, null)).thenThrows('invalid', 'RHK_PERSPEKTIF_REQUIRED');
      given(created(jptHeader)).when(cmd.add(rhk('J1', { link: pkLink, perspektif: 'KEUANGAN' as never }), employee, null)).thenThrows('invalid', 'RHK_PERSPEKTIF_INVALID');
    });
    it('does not intervene on an RHK of a superior', () => {
      given(created(jptHeader)).when(cmd.add(rhk('J1', { perspektif: 'ANGGARAN' }))).thenThrows('invalid', 'RHK_JPT_LINK');
    });
    it('is approved with Perjanjian Kinerja links and no RHK lookups', () => {
      given(created(jptHeader), added(rhk('J1', { link: pkLink, perspektif: 'PROSES_BISNIS' })), submitted())
        .when(cmd.approve(penilai, {}))
        .thenTypes(['SkpApproved']);
    });
  });

  describe('given a submitted SKP', () => {
    const SUBMITTED = [created(), added(rhk('R1')), added(rhk('R2', { jenis: 'TAMBAHAN', link: { kind: 'ATASAN_RHK', skpId: 'ATASAN-SKP', rhkId: 'A2' } })), submitted()];
    it('the pejabat penilai approves: version 1 with the whole plan and the seven BerAKHLAK values', () => {
      const [event] = given(...SUBMITTED).when(cmd.approve()).thenTypes(['SkpApproved']);
      const document = event.type === 'SkpApproved' ? event.data.document : undefined;
      expect(document).toMatchObject({ skpId: SKP_ID, nip: NIP, version: 1, approach: 'KUANTITATIF', approvedBy: PENILAI, approvedAt: LATER });
      expect(document?.rhk.map((r) => r.rhkId)).toEqual(['R1', 'R2']);
      expect(document?.perilaku.map((p) => p.coreValue)).toEqual(['BERORIENTASI_PELAYANAN', 'AKUNTABEL', 'KOMPETEN', 'HARMONIS', 'LOYAL', 'ADAPTIF', 'KOLABORATIF']);
      expect(document?.perilaku.every((p) => p.panduanPerilaku.length === 3)).toBe(true);
    });
    it('approval requires every link to point at an approved RHK', () => {
      given(...SUBMITTED).when(cmd.approve(penilai, { 'ATASAN-SKP/A1': 'APPROVED', 'ATASAN-SKP/A2': 'DRAFT' })).thenThrows('conflict', 'SKP_LINKS_UNRESOLVED');
      given(...SUBMITTED).when(cmd.approve(penilai, { 'ATASAN-SKP/A1': 'APPROVED' })).thenThrows('conflict', 'SKP_LINKS_UNRESOLVED');
    });
    it('an unlinked or Perjanjian-Kinerja-parked RHK blocks approval of a non-JPT SKP', () => {
      given(created(), added(rhk('R1', { link: null })), submitted()).when(cmd.approve()).thenThrows('conflict', 'SKP_LINKS_UNRESOLVED');
      given(created(), added(rhk('R1', { link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: 'PK', sasaranId: 'S' } })), submitted())
        .when(cmd.approve())
        .thenThrows('conflict', 'SKP_LINKS_UNRESOLVED');
    });
    it('only the pejabat penilai of the period approves', () => {
      given(...SUBMITTED).when(cmd.approve({ id: OTHER, role: 'EMPLOYEE' })).thenThrows('forbidden', 'SKP_PEJABAT_PENILAI_ONLY');
      given(...SUBMITTED).when(cmd.approve(penilai, approvedTargets, null)).thenThrows('forbidden', 'SKP_PEJABAT_PENILAI_ONLY');
    });
    it('the employee never approves their own SKP, even as PLT of their superior', () => {
      given(...SUBMITTED).when(cmd.approve(employee, approvedTargets, NIP)).thenThrows('forbidden', 'SKP_SELF_APPROVAL');
    });
    it('the pejabat penilai returns it with notes', () => {
      given(...SUBMITTED).when(cmd.return()).then([returned]);
    });
    it('returning needs notes', () => {
      given(...SUBMITTED).when(cmd.return('  ')).thenThrows('invalid', 'SKP_RETURN_NOTES_REQUIRED');
    });
    it('the employee returning their own SKP is refused', () => {
      given(...SUBMITTED).when(cmd.return('x', employee, NIP)).thenThrows('forbidden', 'SKP_SELF_APPROVAL');
    });
    it('the employee withdraws it until it is decided; it is a draft again', () => {
      const [event] = given(...SUBMITTED).when(cmd.withdraw()).thenTypes(['SkpWithdrawn']);
      expect(event.data).toMatchObject({ skpId: SKP_ID, nip: NIP, version: 1 });
      const { state } = given(...SUBMITTED, event);
      expect(state.status).toBe('DRAFT');
      given(...SUBMITTED, event).when(cmd.add(rhk('R3'))).thenTypes(['RhkAdded']);
    });
    it('only the employee withdraws, and only a submitted SKP', () => {
      given(...SUBMITTED).when(cmd.withdraw(penilai)).thenThrows('forbidden', 'SKP_OWNER_ONLY');
      given(created(), added(rhk('R1'))).when(cmd.withdraw()).thenThrows('conflict', 'SKP_NOT_WITHDRAWABLE');
      given(created(), added(rhk('R1')), returned).when(cmd.withdraw()).thenThrows('conflict', 'SKP_NOT_WITHDRAWABLE');
    });
    it('the employee cannot edit it while it is submitted', () => {
      given(...SUBMITTED).when(cmd.add(rhk('R3'))).thenThrows('conflict', 'SKP_NOT_EDITABLE');
    });
  });

  describe('given a returned SKP', () => {
    const RETURNED = [created(), added(rhk('R1')), submitted(), returned];
    it('keeps the notes', () => {
      const { state } = given(...RETURNED);
      expect(state.status === 'RETURNED' && state.returnNotes).toBe('Perjelas target');
    });
    it('cannot be resubmitted before it is revised', () => {
      given(...RETURNED).when(cmd.submit()).thenThrows('conflict', 'SKP_NOT_REVISED');
    });
    it('an edit makes it revised, and then it can be submitted', () => {
      const revised: SkpEvent = { type: 'RhkRevised', data: { skpId: SKP_ID, rhk: rhk('R1', { text: 'Tersusunnya 12 laporan' }), revisedAt: NOW } };
      expect(given(...RETURNED, revised).state.status).toBe('REVISED');
      given(...RETURNED, revised).when(cmd.submit()).then([submitted()]);
    });
    it('cannot be approved while returned', () => {
      given(...RETURNED).when(cmd.approve()).thenThrows('conflict', 'SKP_NOT_SUBMITTED');
    });
  });

  describe('given an approved SKP', () => {
    const approvedV1 = (rhks: Rhk[]): SkpEvent => {
      const state = fold(skpDecider, [created(), ...rhks.map(added), submitted()]);
      return skpDecider.decide(cmd.approve(), state)[0];
    };
    const APPROVED = [created(), added(rhk('R1')), submitted(), approvedV1([rhk('R1')])];
    const startAmend: SkpEvent = { type: 'SkpAmendmentStarted', data: { skpId: SKP_ID, fromVersion: 1, startedAt: NOW } };
    it('cannot be edited directly', () => {
      given(...APPROVED).when(cmd.add(rhk('R2'))).thenThrows('conflict', 'SKP_NOT_EDITABLE');
    });
    it('the employee starts an amendment', () => {
      given(...APPROVED).when({ type: 'StartAmendment', data: { skpId: SKP_ID }, metadata: meta() }).then([startAmend]);
    });
    it('an amendment cannot start from a draft', () => {
      given(created()).when({ type: 'StartAmendment', data: { skpId: SKP_ID }, metadata: meta() }).thenThrows('conflict', 'SKP_NOT_APPROVED');
    });
    it('an amended plan is approved as version 2, and version 1 stays readable', () => {
      const history = [...APPROVED, startAmend, added(rhk('R2')), submitted(2)];
      const { state } = given(...history);
      expect(state.status).toBe('SUBMITTED');
      expect(currentVersion(state)?.version).toBe(1);
      const [event] = given(...history).when(cmd.approve()).thenTypes(['SkpAmended']);
      const after = fold(skpDecider, [...history, event]);
      expect(after.status === 'APPROVED' && after.versions.map((v) => [v.version, v.rhk.map((r) => r.rhkId)])).toEqual([
        [1, ['R1']],
        [2, ['R1', 'R2']],
      ]);
    });
    it('an approved SKP cannot be withdrawn; a withdrawn amendment goes back to amending with version 1 in force', () => {
      given(...APPROVED).when(cmd.withdraw()).thenThrows('conflict', 'SKP_NOT_WITHDRAWABLE');
      const history = [...APPROVED, startAmend, added(rhk('R2')), submitted(2)];
      const [event] = given(...history).when(cmd.withdraw()).thenTypes(['SkpWithdrawn']);
      const { state } = given(...history, event);
      expect([state.status, currentVersion(state)?.version]).toEqual(['AMENDING', 1]);
    });
    it('an amendment can be returned and revised like a draft', () => {
      given(...APPROVED, startAmend, added(rhk('R2')), submitted(2))
        .when(cmd.return())
        .then([{ type: 'SkpReturned', data: { ...returned.data, version: 2 } as never }]);
    });
  });

  describe('closing', () => {
    const system: CommandActor = { id: 'scheduler', role: 'SYSTEM' };
    const close = (reason: 'PERIOD_ENDED' | 'ASSIGNMENT_CHANGED', closedOn: string, now = '2025-01-01T00:00:00.000Z', actor = system): SkpCommand => ({
      type: 'CloseSkp',
      data: { skpId: SKP_ID, reason, closedOn },
      metadata: meta(actor, now),
    });
    it('closes at period end once the period is over', () => {
      given(created()).when(close('PERIOD_ENDED', '2024-12-31')).then([
        { type: 'SkpClosed', data: { skpId: SKP_ID, nip: NIP, closedOn: '2024-12-31', reason: 'PERIOD_ENDED', closedAt: '2025-01-01T00:00:00.000Z' } },
      ]);
    });
    it('not before the period is over', () => {
      given(created()).when(close('PERIOD_ENDED', '2024-12-31', '2024-12-31T10:00:00.000Z')).thenThrows('conflict', 'SKP_PERIOD_NOT_ENDED');
    });
    it('closes early when the assignment changes, cutting the period', () => {
      const [event] = given(created()).when(close('ASSIGNMENT_CHANGED', '2024-06-30', '2024-07-01T00:00:00.000Z')).thenTypes(['SkpClosed']);
      const state = fold(skpDecider, [created(), event]);
      expect(state.status === 'CLOSED' && state.header.periodEnd).toBe('2024-06-30');
    });
    it('rejects a closing date outside the period', () => {
      given(created()).when(close('ASSIGNMENT_CHANGED', '2025-02-01')).thenThrows('invalid', 'SKP_CLOSE_DATE_INVALID');
    });
    it('only an admin or the system closes', () => {
      given(created()).when(close('PERIOD_ENDED', '2024-12-31', undefined, employee)).thenThrows('forbidden', 'SKP_CLOSE_FORBIDDEN');
    });

    describe('given a closed SKP', () => {
      const CLOSED = [created(), { type: 'SkpClosed', data: { skpId: SKP_ID, nip: NIP, closedOn: '2024-12-31', reason: 'PERIOD_ENDED', closedAt: NOW } } as SkpEvent];
      it('closing again changes nothing', () => {
        given(...CLOSED).when(close('PERIOD_ENDED', '2024-12-31')).then([]);
      });
      it('nothing can be edited', () => {
        given(...CLOSED).when(cmd.add(rhk('R1'))).thenThrows('conflict', 'SKP_CLOSED');
      });
    });
  });
});
