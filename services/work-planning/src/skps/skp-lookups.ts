import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { invalid } from '@kinerja/domain';
import { EventStore, readFolded, StreamRead } from '@kinerja/event-store';
import { IsoDate } from '../organisation/dates';
import { GetSupervisorQuery } from '../organisation/get-supervisor/get-supervisor.query';
import { PositionKind } from '../organisation/organisation.events';
import { EVENT_STORE } from '../tokens';
import { linkKey, RhkTargetStatus } from './rhk-links.rules';
import { currentVersion, LinkLookup, skpDecider, SkpState } from './skp.decider';
import { Rhk, SkpHeader, skpStream } from './skp.events';

/** The date an SKP's organisation questions are asked for: today, clamped to the SKP's period. */
export const referenceDate = (today: IsoDate, period: { periodStart: IsoDate; periodEnd: IsoDate }): IsoDate =>
  today < period.periodStart ? period.periodStart : today > period.periodEnd ? period.periodEnd : today;

/**
 * The look-ups the SKP decider is given (STYLE §4): the employee's position for the header, the
 * pejabat penilai of the period per the organisation as of the reference date, and the state of
 * every superior RHK a link points at, read from the superior SKP's own stream (never stale).
 */
@Injectable()
export class SkpLookups {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly organisation: GetSupervisorQuery,
  ) {}

  async skp(skpId: string): Promise<SkpState> {
    return (await this.read(skpId)).state;
  }

  /** The SKP's stream read and folded, with its revision: a command on it decides on this read (`Commands.run`). */
  read(skpId: string): Promise<StreamRead<SkpState>> {
    return readFolded(this.store, skpStream(skpId), skpDecider);
  }

  async header(nip: string, periodStart: IsoDate, periodEnd: IsoDate, today: IsoDate): Promise<Omit<SkpHeader, 'skpId'>> {
    const on = referenceDate(today, { periodStart, periodEnd });
    const held = (await this.organisation.positionsOf(nip, on))[0] ?? (await this.organisation.positionsOf(nip, periodStart))[0];
    if (!held) throw invalid('SKP_NO_POSITION', 'Pegawai tidak memegang jabatan pada periode SKP ini; SKP disusun untuk jabatan yang dipegang.', 'periodStart');
    const [position] = await this.dataSource.query(`SELECT kind, unit_id FROM position_view WHERE agency_id = $1 AND position_id = $2`, [
      held.agencyId,
      held.positionId,
    ]);
    return {
      nip,
      agencyId: held.agencyId,
      positionId: held.positionId,
      positionKind: position.kind as PositionKind,
      unitId: position.unit_id,
      periodStart,
      periodEnd,
    };
  }

  async otherSkps(nip: string): Promise<{ skpId: string; periodStart: IsoDate; periodEnd: IsoDate }[]> {
    const rows = await this.dataSource.query(
      `SELECT skp_id, period_start::text AS period_start, period_end::text AS period_end FROM skp_view WHERE nip = $1`,
      [nip],
    );
    return rows.map((r: { skp_id: string; period_start: string; period_end: string }) => ({ skpId: r.skp_id, periodStart: r.period_start, periodEnd: r.period_end }));
  }

  async pejabatPenilai(state: SkpState, today: IsoDate): Promise<string | null> {
    if (state.status === 'NONE') return null;
    return (await this.organisation.chainOf(state.header.nip, referenceDate(today, state.header))).pejabatPenilai?.id ?? null;
  }

  async link(rhk: Rhk, state: SkpState, today: IsoDate): Promise<LinkLookup | null> {
    if (rhk.link?.kind !== 'ATASAN_RHK' || state.status === 'NONE') return null;
    const target = await this.skp(rhk.link.skpId);
    const rhkId = rhk.link.rhkId;
    const targetExists =
      target.status !== 'NONE' && (target.rhk.some((r) => r.rhkId === rhkId) || target.versions.some((v) => v.rhk.some((r) => r.rhkId === rhkId)));
    const penilai = await this.pejabatPenilai(state, today);
    return { targetExists, targetOwnedByPejabatPenilai: target.status !== 'NONE' && penilai !== null && target.header.nip === penilai };
  }

  /** For each superior RHK linked from the working copy: APPROVED (in the version in force), DRAFT, or MISSING. */
  async linkTargets(state: SkpState): Promise<Record<string, RhkTargetStatus>> {
    if (state.status === 'NONE') return {};
    const out: Record<string, RhkTargetStatus> = {};
    const targets = new Map<string, SkpState>();
    for (const r of state.rhk) {
      if (r.link?.kind !== 'ATASAN_RHK') continue;
      if (!targets.has(r.link.skpId)) targets.set(r.link.skpId, await this.skp(r.link.skpId));
      out[linkKey(r.link)] = statusOf(targets.get(r.link.skpId)!, r.link.rhkId);
    }
    return out;
  }
}

export function statusOf(target: SkpState, rhkId: string): RhkTargetStatus {
  if (target.status === 'NONE') return 'MISSING';
  if (currentVersion(target)?.rhk.some((r) => r.rhkId === rhkId)) return 'APPROVED';
  return target.rhk.some((r) => r.rhkId === rhkId) ? 'DRAFT' : 'MISSING';
}
