import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { notFound } from '@kinerja/domain';
import { readState } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { CareerAccess } from '../access';
import { CORE_VALUES } from '../predikat';
import { RuleSetLookups } from '../rule-sets/rule-set-lookups';
import { GetMentoringRecordQuery, MentoringRecordResponse } from './get-mentoring/get-mentoring-record.query';
import { mentoringDecider, mentoringStream, RecordMentoringSession, StartMentoringRelation } from './mentoring.decider';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD');
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'Kode: huruf, angka, titik, garis bawah atau tanda hubung (paling banyak 100)');
const relationBody = z
  .object({
    relationId: code,
    mentorNip: z.string().regex(/^[0-9]{18}$/, 'NIP mentor harus 18 angka'),
    startDate: localDate,
    endDate: localDate,
    goals: z.array(z.string().min(1).max(500)).min(1).max(10),
  })
  .strict();
const sessionBody = z
  .object({
    sessionId: code,
    date: localDate,
    minutes: z.number().int().min(15).max(480),
    topic: z.string().min(1).max(300),
    coreValues: z.array(z.enum(CORE_VALUES)).max(CORE_VALUES.length).default([]),
  })
  .strict();
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

export interface MentoringSessionResponse {
  relationId: string;
  sessionId: string;
  factId: string;
  menteeNip: string;
  mentorNip: string;
  /** Minutes credited toward each person's yearly JP minimum by the rule set in force. */
  menteeCreditMinutes: number;
  mentorCreditMinutes: number;
  ruleSetVersion: string;
}

/**
 * Mentoring as development (issue 19): HR registers a relation (senior mentor, mentee, period,
 * goals); the mentor or the mentee records its sessions, credited toward the 20 JP as the rule set
 * says and published for the mentor's BerAKHLAK evidence; both people see it in their record.
 */
@ApiTags('development')
@Controller('agencies/:agencyId/employees/:nip')
export class MentoringController {
  constructor(
    private readonly commands: Commands,
    private readonly ruleSets: RuleSetLookups,
    private readonly access: CareerAccess,
    private readonly query: GetMentoringRecordQuery,
  ) {}

  @RouteWithBody(Post('mentoring-relations'), 'Register a mentoring relation for the employee (the mentee): a known senior mentor, the period, the goals. Admin OPD of the mentee\'s agency or BKPSDM, never for oneself. The same again changes nothing; an overlapping relation with the same mentor is 409.', relationBody)
  async start(
    @Param('agencyId') agencyId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(relationBody)) body: z.infer<typeof relationBody>,
    @CurrentActor() actor: Actor,
  ): Promise<MentoringRecordResponse> {
    const subject = await this.access.assertOnEmployee(actor, 'startMentoring', nip, agencyId, actor.id === body.mentorNip ? ['MENTORING_PARTY'] : []);
    const now = this.commands.now();
    const ruleSet = this.ruleSets.now(now);
    const command: StartMentoringRelation = {
      type: 'StartMentoringRelation',
      data: { ...body, menteeNip: nip, menteeAgencyId: subject.agencyId ?? agencyId },
      lookups: { ruleSet, mentorAgencyId: await this.access.agencyOf(body.mentorNip) },
      metadata: { now, actor },
    };
    await this.commands.run(mentoringStream(nip), mentoringDecider, command, eventMetadata(actor, { now, agencyId, ruleSetVersion: ruleSet.version }));
    return this.query.run(nip, Number(body.startDate.slice(0, 4)), ruleSet);
  }

  @RouteWithBody(Post('mentoring-relations/:relationId/sessions'), 'Record a session of the relation (date within its period, minutes, topic, BerAKHLAK values practised). The mentor or the mentee. Credited toward the 20 JP as the rule set says; the same again changes nothing.', sessionBody)
  async session(
    @Param('agencyId') agencyId: string,
    @Param('nip') nip: string,
    @Param('relationId') relationId: string,
    @Body(new ZodValidationPipe(sessionBody)) body: z.infer<typeof sessionBody>,
    @CurrentActor() actor: Actor,
  ): Promise<MentoringSessionResponse> {
    const state = await readState(this.commands.store, mentoringStream(nip), mentoringDecider);
    const relation = state.relations.find((r) => r.relationId === relationId);
    const party = relation !== undefined && (actor.id === relation.mentorNip || actor.id === relation.menteeNip);
    await this.access.assertOnEmployee(actor, 'recordMentoringSession', nip, agencyId, party ? ['MENTORING_PARTY'] : []);
    if (relation === undefined) throw notFound('RELATION_NOT_FOUND', `Relasi mentoring ${relationId} tidak ditemukan`);
    const now = this.commands.now();
    const ruleSet = this.ruleSets.now(now);
    const command: RecordMentoringSession = { type: 'RecordMentoringSession', data: { relationId, ...body }, lookups: { ruleSet }, metadata: { now, actor } };
    await this.commands.run(mentoringStream(nip), mentoringDecider, command, eventMetadata(actor, { now, agencyId, ruleSetVersion: ruleSet.version }));
    const after = await readState(this.commands.store, mentoringStream(nip), mentoringDecider);
    const session = after.relations.find((r) => r.relationId === relationId)!.sessions.find((s) => s.sessionId === body.sessionId)!;
    return {
      relationId,
      sessionId: session.sessionId,
      factId: session.factId,
      menteeNip: relation.menteeNip,
      mentorNip: relation.mentorNip,
      menteeCreditMinutes: session.menteeCreditMinutes,
      mentorCreditMinutes: session.mentorCreditMinutes,
      ruleSetVersion: session.ruleSetVersion,
    };
  }

  @Get('mentoring')
  @ApiOperation({ summary: "The employee's mentoring in a year: relations as mentee and as mentor, with both names, the sessions, and the JP credited. The employee, or readers of the agency." })
  async record(
    @Param('agencyId') agencyId: string,
    @Param('nip') nip: string,
    @Query(new ZodValidationPipe(yearQuery)) query: z.infer<typeof yearQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<MentoringRecordResponse> {
    await this.access.assertOnEmployee(actor, 'readEmployee', nip, agencyId);
    return this.query.run(nip, query.year, this.ruleSets.now(this.commands.now()));
  }
}
