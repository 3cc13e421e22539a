import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { notFound } from '@kinerja/domain';
import { handle, readState } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { CareerAccess } from '../access';
import { utcDateOf } from '../local-date';
import { PerformanceRecordLookups } from '../performance-record/performance-record-lookups';
import { CORE_VALUE_ASSESSMENTS, CORE_VALUES, RATINGS } from '../predikat';
import { RuleSetLookups } from '../rule-sets/rule-set-lookups';
import { DevelopmentItem, JpProgress, jpProgress, proposeDevelopmentPlan } from './development.rules';
import { creditedSessions, creditOf, GetMentoringRecordQuery, MentoringCredit } from './get-mentoring/get-mentoring-record.query';
import { RecordTraining, trainingLogDecider, TrainingLogState, trainingLogStream } from './training-log.decider';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD');
const trainingBody = z
  .object({
    trainingId: z.string().min(1).max(100),
    title: z.string().min(1).max(300),
    date: localDate,
    length: z.discriminatedUnion('unit', [z.object({ unit: z.literal('HOURS'), value: z.number().positive().max(2000) }), z.object({ unit: z.literal('JP'), value: z.number().positive().max(2000) })]),
    source: z.enum(['ENTERED', 'IMPORTED']).default('ENTERED'),
  })
  .strict();
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
const planBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    ratingHasil: z.enum(RATINGS),
    ratingPerilaku: z.enum(RATINGS),
    berakhlak: z.record(z.enum(CORE_VALUES), z.enum(CORE_VALUE_ASSESSMENTS)).default({}),
  })
  .strict();

export interface TrainingResponse {
  nip: string;
  trainings: TrainingLogState['trainings'];
  /** Mentoring sessions of the year credited to this person (as mentee, and as mentor when the rule set counts it). */
  mentoring: MentoringCredit;
  /** Trainings and credited mentoring together. */
  progress: JpProgress;
}

@ApiTags('development')
@Controller('agencies/:agencyId/employees/:nip')
export class DevelopmentController {
  constructor(
    private readonly commands: Commands,
    private readonly records: PerformanceRecordLookups,
    private readonly ruleSets: RuleSetLookups,
    private readonly access: CareerAccess,
    private readonly mentoring: GetMentoringRecordQuery,
  ) {}

  @RouteWithBody(Post('trainings'), 'Record a training (hours or JP; 1 JP = 45 minutes). Admin OPD of the agency or BKPSDM. The same again changes nothing.', trainingBody)
  async record(
    @Param('agencyId') agencyId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(trainingBody)) body: z.infer<typeof trainingBody>,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingResponse> {
    await this.access.assertOnEmployee(actor, 'proposeForEmployee', nip, agencyId);
    const now = this.commands.now();
    const ruleSet = this.ruleSets.now(now);
    const command: RecordTraining = { type: 'RecordTraining', data: { nip, ...body }, lookups: { ruleSet }, metadata: { now, actor } };
    await handle(this.commands.store, trainingLogStream(nip), trainingLogDecider, command, eventMetadata(actor, { now, agencyId, ruleSetVersion: ruleSet.version }));
    return this.progress(nip, Number(body.date.slice(0, 4)), now);
  }

  @Get('trainings')
  @ApiOperation({ summary: 'Trainings, credited mentoring and progress against 20 JP in a year, with the shortfall alert. The employee, or readers of the agency.' })
  async trainings(
    @Param('agencyId') agencyId: string,
    @Param('nip') nip: string,
    @Query(new ZodValidationPipe(yearQuery)) query: z.infer<typeof yearQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingResponse> {
    await this.access.assertOnEmployee(actor, 'readEmployee', nip, agencyId);
    return this.progress(nip, query.year, this.commands.now());
  }

  @RouteWithBody(Post('development-plans'), "Propose a development plan from the year's predicate, the ratings and the BerAKHLAK feedback. Admin OPD of the agency or BKPSDM.", planBody)
  async plan(
    @Param('agencyId') agencyId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(planBody)) body: z.infer<typeof planBody>,
    @CurrentActor() actor: Actor,
  ): Promise<{ nip: string; year: number; items: DevelopmentItem[]; factIds: string[]; ruleSetVersion: string }> {
    await this.access.assertOnEmployee(actor, 'proposeForEmployee', nip, agencyId);
    const record = await this.records.record(nip);
    const fact = record.byYear[body.year];
    if (fact === undefined) throw notFound('PREDICATE_MISSING', `Predikat tahun ${body.year} belum tercatat`);
    const plan = proposeDevelopmentPlan(
      { predicate: fact.predicate, predicateFactId: fact.factId, ratingHasil: body.ratingHasil, ratingPerilaku: body.ratingPerilaku, berakhlak: body.berakhlak },
      this.ruleSets.now(this.commands.now()),
    );
    return { nip, year: body.year, ...plan };
  }

  private async progress(nip: string, year: number, now: Date): Promise<TrainingResponse> {
    const log = await readState(this.commands.store, trainingLogStream(nip), trainingLogDecider);
    const trainings = log.trainings.filter((t) => t.date.startsWith(`${year}-`));
    const relations = (await this.mentoring.relations([nip])).get(nip) ?? [];
    const ruleSet = this.ruleSets.now(now);
    return {
      nip,
      trainings,
      mentoring: creditOf(relations, year, ruleSet),
      progress: jpProgress([...log.trainings, ...creditedSessions(relations, year)], year, utcDateOf(now), ruleSet),
    };
  }
}
