import { LocalDate } from '../local-date';

/**
 * Who reported to whom in one agency on a date, from the local copy of the organisation. Pure.
 * The pejabat penilai is the holder of the parent position (definitive, else PLT/PLH, walking up
 * past vacancies); the atasan pejabat penilai is found the same way from the pejabat penilai's
 * position. A unit's leader holds its head position (the one reporting outside the unit).
 */
export interface OrgUnitRow {
  unitId: string;
  name: string;
  parentUnitId: string | null;
}
export interface OrgPositionRow {
  positionId: string;
  name: string;
  unitId: string;
}
export interface OrgReportingLineRow {
  positionId: string;
  effectiveFrom: LocalDate;
  parentPositionId: string | null;
}
export interface OrgAssignmentRow {
  assignmentId: string;
  nip: string;
  positionId: string;
  type: 'DEFINITIVE' | 'PLT' | 'PLH';
  from: LocalDate;
  to: LocalDate | null;
}

export interface Holding {
  nip: string;
  positionId: string;
  type: OrgAssignmentRow['type'];
}

export interface ReportingChain {
  nip: string;
  date: LocalDate;
  /** The employee's own position (definitive first) and its unit; null when they hold none that day. */
  position: Holding | null;
  unitId: string | null;
  pejabatPenilaiId: string | null;
  atasanPejabatPenilaiId: string | null;
}

/**
 * Positions and holders of other agencies that this agency's reporting lines lead to (the Sekda in
 * the Sekretariat Daerah), with ids qualified as `<agencyId>/<positionId>` so they never collide
 * with this agency's. They answer who rates whom; they are never counted as this agency's people.
 */
export interface ExternalOrg {
  positions: readonly OrgPositionRow[];
  lines: readonly OrgReportingLineRow[];
  assignments: readonly OrgAssignmentRow[];
}

/** A reporting line's parent that is a city official (the kepala daerah as PPK), not a position: `official:<id>`. */
export const OFFICIAL_PREFIX = 'official:';
export const officialParent = (officialId: string) => `${OFFICIAL_PREFIX}${officialId}`;

const END = '9999-12-31';
const active = (a: OrgAssignmentRow, date: LocalDate) => a.from <= date && date <= (a.to ?? END);

export class OrgChart {
  private readonly positions = new Map<string, OrgPositionRow>();
  private readonly lines = new Map<string, OrgReportingLineRow[]>();
  private readonly byPosition = new Map<string, OrgAssignmentRow[]>();
  private readonly byNip = new Map<string, OrgAssignmentRow[]>();

  constructor(
    readonly agencyId: string,
    readonly units: readonly OrgUnitRow[],
    positions: readonly OrgPositionRow[],
    lines: readonly OrgReportingLineRow[],
    assignments: readonly OrgAssignmentRow[],
    readonly date: LocalDate,
    external: ExternalOrg = { positions: [], lines: [], assignments: [] },
  ) {
    for (const p of [...positions, ...external.positions]) this.positions.set(p.positionId, p);
    for (const l of [...lines, ...external.lines].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))) {
      if (!this.lines.has(l.positionId)) this.lines.set(l.positionId, []);
      this.lines.get(l.positionId)!.push(l);
    }
    const own = new Set(assignments);
    for (const a of [...assignments, ...external.assignments]) {
      if (!active(a, date) || !this.positions.has(a.positionId)) continue;
      if (!this.byPosition.has(a.positionId)) this.byPosition.set(a.positionId, []);
      this.byPosition.get(a.positionId)!.push(a);
      if (!own.has(a)) continue;
      if (!this.byNip.has(a.nip)) this.byNip.set(a.nip, []);
      this.byNip.get(a.nip)!.push(a);
    }
  }

  /** Everyone holding a position in the agency on the date (never the holders of other agencies' posts above it). */
  employees(): string[] {
    return [...this.byNip.keys()].sort();
  }

  positionOf(nip: string): Holding | null {
    const held = (this.byNip.get(nip) ?? []).sort((a, b) => Number(b.type === 'DEFINITIVE') - Number(a.type === 'DEFINITIVE'));
    return held[0] ? { nip, positionId: held[0].positionId, type: held[0].type } : null;
  }

  unitOfPosition(positionId: string): string | null {
    return this.positions.get(positionId)?.unitId ?? null;
  }

  parentOf(positionId: string): string | null {
    const line = this.lines.get(positionId) ?? [];
    let parent = line[0]?.parentPositionId ?? null;
    for (const l of line) if (l.effectiveFrom <= this.date) parent = l.parentPositionId;
    return parent;
  }

  holderOf(positionId: string, exclude: ReadonlySet<string> = new Set()): Holding | null {
    if (positionId.startsWith(OFFICIAL_PREFIX)) {
      const officialId = positionId.slice(OFFICIAL_PREFIX.length);
      return exclude.has(officialId) ? null : { nip: officialId, positionId, type: 'DEFINITIVE' };
    }
    const holders = (this.byPosition.get(positionId) ?? []).filter((a) => !exclude.has(a.nip));
    const chosen = holders.find((a) => a.type === 'DEFINITIVE') ?? holders[0];
    return chosen ? { nip: chosen.nip, positionId, type: chosen.type } : null;
  }

  superiorAbove(positionId: string, exclude: ReadonlySet<string>): Holding | null {
    const seen = new Set([positionId]);
    let current = this.parentOf(positionId);
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      const holder = this.holderOf(current, exclude);
      if (holder) return holder;
      current = this.parentOf(current);
    }
    return null;
  }

  chainOf(nip: string): ReportingChain {
    const position = this.positionOf(nip);
    if (!position) return { nip, date: this.date, position: null, unitId: null, pejabatPenilaiId: null, atasanPejabatPenilaiId: null };
    const penilai = this.superiorAbove(position.positionId, new Set([nip]));
    const atasan = penilai ? this.superiorAbove(penilai.positionId, new Set([nip, penilai.nip])) : null;
    return {
      nip,
      date: this.date,
      position,
      unitId: this.unitOfPosition(position.positionId),
      pejabatPenilaiId: penilai?.nip ?? null,
      atasanPejabatPenilaiId: atasan?.nip ?? null,
    };
  }

  /** The unit's head position: in the unit, reporting to a position outside it (or to none). */
  headPositionOf(unitId: string): string | null {
    const inUnit = [...this.positions.values()].filter((p) => p.unitId === unitId).sort((a, b) => (a.positionId < b.positionId ? -1 : 1));
    const head = inUnit.find((p) => {
      const parent = this.parentOf(p.positionId);
      return parent === null || this.unitOfPosition(parent) !== unitId;
    });
    return head?.positionId ?? null;
  }

  /** The unit's leader and the leader one level up (who sets the unit's organisation predicate, docs/regulations.md §4.1). */
  leadershipOf(unitId: string): { unitLeaderId: string | null; leaderOneLevelUpId: string | null } {
    const head = this.headPositionOf(unitId);
    if (head === null) return { unitLeaderId: null, leaderOneLevelUpId: null };
    const leader = this.holderOf(head);
    const up = this.superiorAbove(head, new Set(leader ? [leader.nip] : []));
    return { unitLeaderId: leader?.nip ?? null, leaderOneLevelUpId: up?.nip ?? null };
  }

  /** The unit the employee leads on the date, if any (for the leader rule). */
  unitLedBy(nip: string): string | null {
    for (const unit of this.units) if (this.leadershipOf(unit.unitId).unitLeaderId === nip) return unit.unitId;
    return null;
  }

  /** Everyone whose own position is in the unit on the date. */
  membersOf(unitId: string): string[] {
    return this.employees().filter((nip) => {
      const position = this.positionOf(nip);
      return position !== null && this.unitOfPosition(position.positionId) === unitId;
    });
  }
}
