import { IsoDate } from './dates';
import { AssignmentType, OrganisationEvent } from './organisation.events';
import { ReportingLineEntry, withReportingLine } from './organisation.decider';

/**
 * Who reported to whom on any date: an in-memory index over the organisation events of every
 * agency, to be persisted as a read model later (the same `apply` per event). Lookups are
 * O(log n) per level: positions index their definitive holders sorted by start date (binary
 * search), acting officials are few per position, and each NIP indexes its own assignments.
 */

export interface Holding {
  agencyId: string;
  positionId: string;
  assignmentId: string;
  nip: string;
  type: AssignmentType;
  from: IsoDate;
  to: IsoDate | null;
}

export interface Superior {
  nip: string;
  agencyId: string;
  /** The position whose holder this is; for an acting official, the position they act in. */
  positionId: string;
  via: AssignmentType;
}

export interface ReportingChain {
  nip: string;
  date: IsoDate;
  positions: Holding[];
  pejabatPenilai: Superior | null;
  atasanPejabatPenilai: Superior | null;
}

interface IndexedPosition {
  agencyId: string;
  positionId: string;
  reportingLine: readonly ReportingLineEntry[];
}

const key = (agencyId: string, positionId: string) => `${agencyId}/${positionId}`;
const END = '9999-12-31';
const active = (h: Holding, date: IsoDate) => h.from <= date && date <= (h.to ?? END);

function insertSorted(list: Holding[], holding: Holding): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].from <= holding.from) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, holding);
}

export class ReportingLines {
  private readonly positions = new Map<string, IndexedPosition>();
  private readonly definitive = new Map<string, Holding[]>();
  private readonly acting = new Map<string, Holding[]>();
  private readonly byNip = new Map<string, Holding[]>();
  private readonly byAssignment = new Map<string, Holding>();

  static from(events: Iterable<OrganisationEvent>): ReportingLines {
    const index = new ReportingLines();
    for (const e of events) index.apply(e);
    return index;
  }

  apply(event: OrganisationEvent): void {
    switch (event.type) {
      case 'UnitCreated':
        return;
      case 'PositionCreated': {
        const { agencyId, positionId, parentPositionId, establishedOn } = event.data;
        this.positions.set(key(agencyId, positionId), {
          agencyId,
          positionId,
          reportingLine: [{ from: establishedOn, parentPositionId }],
        });
        return;
      }
      case 'ReportingLineChanged': {
        const { agencyId, positionId, parentPositionId, effectiveFrom } = event.data;
        const p = this.positions.get(key(agencyId, positionId));
        if (p) p.reportingLine = withReportingLine(p.reportingLine, { from: effectiveFrom, parentPositionId });
        return;
      }
      case 'PositionAssigned': {
        const { agencyId, positionId, assignmentId, nip, type, from, to } = event.data;
        const holding: Holding = { agencyId, positionId, assignmentId, nip, type, from, to };
        const k = key(agencyId, positionId);
        const target = type === 'DEFINITIVE' ? this.definitive : this.acting;
        if (!target.has(k)) target.set(k, []);
        insertSorted(target.get(k)!, holding);
        if (!this.byNip.has(nip)) this.byNip.set(nip, []);
        this.byNip.get(nip)!.push(holding);
        this.byAssignment.set(`${agencyId}/${assignmentId}`, holding);
        return;
      }
      case 'AssignmentEnded': {
        const holding = this.byAssignment.get(`${event.data.agencyId}/${event.data.assignmentId}`);
        if (holding) holding.to = event.data.lastDay;
        return;
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }

  /** The positions NIP holds on the date, definitive first. */
  positionsOf(nip: string, date: IsoDate): Holding[] {
    return (this.byNip.get(nip) ?? [])
      .filter((h) => active(h, date))
      .sort((a, b) => Number(b.type === 'DEFINITIVE') - Number(a.type === 'DEFINITIVE'));
  }

  /** The parent of a position on the date (positions of one agency report within it). */
  parentOf(agencyId: string, positionId: string, date: IsoDate): string | null {
    const p = this.positions.get(key(agencyId, positionId));
    if (!p) return null;
    let parent = p.reportingLine[0]?.parentPositionId ?? null;
    for (const e of p.reportingLine) {
      if (e.from <= date) parent = e.parentPositionId;
      else break;
    }
    return parent;
  }

  /** The definitive holder on the date, else the PLT/PLH; `exclude` skips people (never one's own rater). */
  holderOf(agencyId: string, positionId: string, date: IsoDate, exclude: ReadonlySet<string> = new Set()): Holding | null {
    const k = key(agencyId, positionId);
    const definitive = this.definitive.get(k);
    if (definitive) {
      let lo = 0;
      let hi = definitive.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (definitive[mid].from <= date) lo = mid + 1;
        else hi = mid;
      }
      const candidate = lo > 0 ? definitive[lo - 1] : undefined;
      if (candidate && active(candidate, date) && !exclude.has(candidate.nip)) return candidate;
    }
    const acting = this.acting.get(k);
    return acting?.find((h) => active(h, date) && !exclude.has(h.nip)) ?? null;
  }

  /** The first holder above the position on the date, walking up past vacant positions. */
  superiorAbove(agencyId: string, positionId: string, date: IsoDate, exclude: ReadonlySet<string>): Holding | null {
    const seen = new Set<string>([positionId]);
    let current = this.parentOf(agencyId, positionId, date);
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      const holder = this.holderOf(agencyId, current, date, exclude);
      if (holder) return holder;
      current = this.parentOf(agencyId, current, date);
    }
    return null;
  }

  /**
   * The pejabat penilai of NIP on the date (the holder of the parent position: definitive, else
   * PLT/PLH, walking up past vacancies) and that person's own superior, found from the position
   * the pejabat penilai holds or acts in. Nobody is their own pejabat penilai: an employee acting
   * as PLT of their superior's post is skipped and the next level up answers.
   */
  chainOf(nip: string, date: IsoDate): ReportingChain {
    const positions = this.positionsOf(nip, date);
    const own = positions[0];
    if (!own) return { nip, date, positions, pejabatPenilai: null, atasanPejabatPenilai: null };
    const penilai = this.superiorAbove(own.agencyId, own.positionId, date, new Set([nip]));
    const atasan = penilai ? this.superiorAbove(penilai.agencyId, penilai.positionId, date, new Set([nip, penilai.nip])) : null;
    return { nip, date, positions, pejabatPenilai: penilai && toSuperior(penilai), atasanPejabatPenilai: atasan && toSuperior(atasan) };
  }

  pejabatPenilaiOf(nip: string, date: IsoDate): Superior | null {
    return this.chainOf(nip, date).pejabatPenilai;
  }
}

const toSuperior = (h: Holding): Superior => ({ nip: h.nip, agencyId: h.agencyId, positionId: h.positionId, via: h.type });
