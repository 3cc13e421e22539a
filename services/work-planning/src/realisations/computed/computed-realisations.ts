import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, handle } from '@kinerja/event-store';
import { Clock, CLOCK } from '@kinerja/platform';
import { addDays } from '../../organisation/dates';
import { SkpLookups } from '../../skps/skp-lookups';
import { currentVersion, SkpState } from '../../skps/skp.decider';
import type { IkiSource } from '../../skps/skp.events';
import { EVENT_STORE } from '../../tokens';
import { realisationDecider } from '../realisation.decider';
import { realisationStream } from '../realisation.events';
import { ComplaintFact, computedPeriods, computedValue, ServiceFact } from './computed-realisation.rules';

type Query = <Row = Record<string, unknown>>(sql: string, parameters?: unknown[]) => Promise<Row[]>;

const ACTOR = { id: 'system:service-facts', role: 'SYSTEM' };
/** Local dates are the city's (WIB, as the realisation deadlines are). */
const startOf = (date: string) => `${date}T00:00:00+07:00`;

/**
 * Recomputes the realisations of the IKIs bound to service records or complaints (issue 19) for
 * an officer: for each of their approved SKPs, each bound IKI and each period it is computed for,
 * the value from the facts copied from feedback-intake, recorded as a realisation revision when
 * it changed (RecordComputedRealisation: the employee's narrative and evidence are kept).
 */
@Injectable()
export class ComputedRealisations {
  private readonly logger = new Logger('ComputedRealisations');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly lookups: SkpLookups,
  ) {}

  /** `query` reads the copies: the consumer passes its transaction's, so facts it just copied count. */
  async forOfficer(nip: string, query: Query = (sql, p) => this.dataSource.query(sql, p)): Promise<number> {
    const skps = await query<{ skp_id: string }>(`SELECT skp_id FROM skp_view WHERE nip = $1`, [nip]);
    let recorded = 0;
    for (const { skp_id } of skps) recorded += await this.forSkp(skp_id, query);
    return recorded;
  }

  /** `known`: the SKP's state as its caller holds it (the approval just decided), else read from its stream. */
  async forSkp(skpId: string, query: Query = (sql, p) => this.dataSource.query(sql, p), known?: SkpState): Promise<number> {
    const state = known ?? (await this.lookups.skp(skpId));
    const approved = currentVersion(state);
    if (state.status === 'NONE' || !approved) return 0;
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    let recorded = 0;
    for (const iki of approved.rhk.flatMap((r) => r.indicators)) {
      if (!iki.source) continue;
      for (const period of computedPeriods(state.header, (iki.periodTargets ?? []).map((p) => p.periodId), today)) {
        const facts = await this.facts(query, state.header.nip, iki.source, period.from, period.to);
        const result = computedValue(iki.source, facts);
        if (!result) continue;
        const { events } = await handle(
          this.store,
          realisationStream(skpId, period.periodId),
          realisationDecider,
          {
            type: 'RecordComputedRealisation',
            data: { skpId, periodId: period.periodId, ikiId: iki.ikiId, value: result.value, computed: { source: iki.source, recordCount: result.recordCount, computedAt: now.toISOString() }, occurredOn: period.to < today ? period.to : today },
            lookups: { skp: { nip: state.header.nip }, period: { finalized: false } },
            metadata: { now, actor: ACTOR },
          },
          { actorId: ACTOR.id, actorRole: ACTOR.role, agencyId: state.header.agencyId, occurredAt: now.toISOString() },
        );
        recorded += events.length;
      }
    }
    if (recorded > 0) this.logger.log(`recorded ${recorded} computed realisation(s) of SKP ${skpId}`);
    return recorded;
  }

  private async facts(query: Query, nip: string, source: IkiSource, from: string, to: string): Promise<ServiceFact[] | ComplaintFact[]> {
    const range = [startOf(from), startOf(addDays(to, 1))];
    if (source.kind === 'SERVICE_STANDARD') {
      const rows = await query<{ within_standard: boolean; elapsed: string }>(
        `SELECT within_standard, elapsed FROM service_record_copy WHERE officer_nip = $1 AND service_code = $2 AND completed_at >= $3 AND completed_at < $4`,
        [nip, source.serviceCode, ...range],
      );
      return rows.map((r) => ({ withinStandard: r.within_standard, elapsed: Number(r.elapsed) }));
    }
    const rows = await query<{ within_sla: boolean }>(
      `SELECT within_sla FROM complaint_resolution_copy WHERE resolved_by = $1 AND ($2::text IS NULL OR category = $2) AND resolved_at >= $3 AND resolved_at < $4`,
      [nip, source.category, ...range],
    );
    return rows.map((r) => ({ withinSla: r.within_sla }));
  }
}
