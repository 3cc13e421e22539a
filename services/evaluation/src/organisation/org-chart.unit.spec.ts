import { officialParent, OrgAssignmentRow, OrgChart, OrgPositionRow, OrgReportingLineRow, OrgUnitRow } from './org-chart.rules';

const units: OrgUnitRow[] = [
  { unitId: 'U-DINAS', name: 'Dinas', parentUnitId: null },
  { unitId: 'U-SEK', name: 'Sekretariat', parentUnitId: 'U-DINAS' },
  { unitId: 'U-UMUM', name: 'Subbagian Umum', parentUnitId: 'U-SEK' },
];
const positions: OrgPositionRow[] = [
  { positionId: 'P-KADIS', name: 'Kepala Dinas', unitId: 'U-DINAS' },
  { positionId: 'P-SEK', name: 'Sekretaris', unitId: 'U-SEK' },
  { positionId: 'P-KAUMUM', name: 'Kasubbag Umum', unitId: 'U-UMUM' },
  { positionId: 'P-STAF', name: 'Pengadministrasi', unitId: 'U-UMUM' },
];
const lines: OrgReportingLineRow[] = [
  { positionId: 'P-KADIS', effectiveFrom: '2020-01-01', parentPositionId: null },
  { positionId: 'P-SEK', effectiveFrom: '2020-01-01', parentPositionId: 'P-KADIS' },
  { positionId: 'P-KAUMUM', effectiveFrom: '2020-01-01', parentPositionId: 'P-SEK' },
  { positionId: 'P-STAF', effectiveFrom: '2020-01-01', parentPositionId: 'P-KAUMUM' },
  // From July the staff post reports straight to the Sekretaris.
  { positionId: 'P-STAF', effectiveFrom: '2026-07-01', parentPositionId: 'P-SEK' },
];
const definitive = (nip: string, positionId: string, to: string | null = null): OrgAssignmentRow => ({
  assignmentId: `A-${nip}`,
  nip,
  positionId,
  type: 'DEFINITIVE',
  from: '2020-01-01',
  to,
});
const assignments: OrgAssignmentRow[] = [
  definitive('kadis', 'P-KADIS'),
  definitive('sek', 'P-SEK'),
  definitive('kaumum', 'P-KAUMUM', '2026-03-31'),
  definitive('staf', 'P-STAF'),
  { assignmentId: 'A-plt', nip: 'plt', positionId: 'P-KAUMUM', type: 'PLT', from: '2026-04-01', to: '2026-05-31' },
];
const chart = (date: string) => new OrgChart('DINKES', units, positions, lines, assignments, date);

describe('who rates whom on a date', () => {
  it('gives the pejabat penilai (parent post holder) and the atasan (one level further)', () => {
    expect(chart('2026-02-01').chainOf('staf')).toMatchObject({ unitId: 'U-UMUM', pejabatPenilaiId: 'kaumum', atasanPejabatPenilaiId: 'sek' });
  });

  it('lets a PLT rate while the post is vacant, and walks up past a vacancy', () => {
    expect(chart('2026-04-15').chainOf('staf').pejabatPenilaiId).toBe('plt');
    expect(chart('2026-06-15').chainOf('staf')).toMatchObject({ pejabatPenilaiId: 'sek', atasanPejabatPenilaiId: 'kadis' });
  });

  it('follows an effective-dated reporting-line change', () => {
    expect(chart('2026-06-30').chainOf('staf').pejabatPenilaiId).toBe('sek');
    expect(chart('2026-07-01').chainOf('staf').pejabatPenilaiId).toBe('sek');
  });

  it("knows a unit's leader, the leader one level up, the unit someone leads and its members", () => {
    const feb = chart('2026-02-01');
    expect(feb.leadershipOf('U-UMUM')).toEqual({ unitLeaderId: 'kaumum', leaderOneLevelUpId: 'sek' });
    expect(feb.leadershipOf('U-DINAS')).toEqual({ unitLeaderId: 'kadis', leaderOneLevelUpId: null });
    expect(feb.unitLedBy('kaumum')).toBe('U-UMUM');
    expect(feb.unitLedBy('staf')).toBeNull();
    expect(feb.membersOf('U-UMUM')).toEqual(['kaumum', 'staf']);
  });

  it('has no chain for someone without a position that day', () => {
    expect(chart('2026-02-01').chainOf('nobody')).toMatchObject({ position: null, pejabatPenilaiId: null, atasanPejabatPenilaiId: null });
  });
});

describe('who rates the Kepala OPD and the Sekda (docs/regulations.md §4.5, issue 14)', () => {
  // The Sekretariat Daerah as seen from DINKES: its ids qualified, the kepala daerah as an official at the top.
  const external = {
    positions: [{ positionId: 'SETDA/P-SEKDA', name: 'Sekretaris Daerah', unitId: 'SETDA/U-SETDA' }],
    lines: [
      { positionId: 'SETDA/P-SEKDA', effectiveFrom: '2020-01-01', parentPositionId: officialParent('walikota') },
    ],
    assignments: [{ assignmentId: 'A-sekda', nip: 'sekda', positionId: 'SETDA/P-SEKDA', type: 'DEFINITIVE' as const, from: '2020-01-01', to: null }],
  };
  const kadisToSekda = { positionId: 'P-KADIS', effectiveFrom: '2025-01-01', parentPositionId: 'SETDA/P-SEKDA' };
  const withLeadership = new OrgChart('DINKES', units, positions, [...lines, kadisToSekda], assignments, '2026-02-01', external);

  it("the Sekda in the Sekretariat Daerah rates the Kepala OPD, the kepala daerah is the atasan", () => {
    expect(withLeadership.chainOf('kadis')).toMatchObject({ pejabatPenilaiId: 'sekda', atasanPejabatPenilaiId: 'walikota' });
    expect(withLeadership.chainOf('sek')).toMatchObject({ pejabatPenilaiId: 'kadis', atasanPejabatPenilaiId: 'sekda' });
    expect(withLeadership.leadershipOf('U-DINAS')).toEqual({ unitLeaderId: 'kadis', leaderOneLevelUpId: 'sekda' });
  });

  it("counts only the agency's own people", () => {
    expect(withLeadership.employees()).toEqual(['kadis', 'kaumum', 'sek', 'staf']);
    expect(withLeadership.chainOf('sekda').position).toBeNull();
  });

  it('the kepala daerah rates the Sekda in the chart of the Sekretariat Daerah', () => {
    const setda = new OrgChart(
      'SETDA',
      [{ unitId: 'U-SETDA', name: 'Sekretariat Daerah', parentUnitId: null }],
      [{ positionId: 'P-SEKDA', name: 'Sekretaris Daerah', unitId: 'U-SETDA' }],
      [{ positionId: 'P-SEKDA', effectiveFrom: '2020-01-01', parentPositionId: officialParent('walikota') }],
      [{ assignmentId: 'A-sekda', nip: 'sekda', positionId: 'P-SEKDA', type: 'DEFINITIVE', from: '2020-01-01', to: null }],
      '2026-02-01',
    );
    expect(setda.chainOf('sekda')).toMatchObject({ pejabatPenilaiId: 'walikota', atasanPejabatPenilaiId: null });
    expect(setda.leadershipOf('U-SETDA')).toEqual({ unitLeaderId: 'sekda', leaderOneLevelUpId: 'walikota' });
  });
});
