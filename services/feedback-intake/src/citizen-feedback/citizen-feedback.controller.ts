import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, ZodValidationPipe } from '@kinerja/platform';
import { FeedbackIntakeConfig } from '../config';
import { FeedbackAccess } from '../access';
import { addDays, startOfLocalDate } from '../sla/working-calendar.rules';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { CitizenFeedbackFilter, CitizenFeedbackResponse, GetCitizenFeedbackQuery } from './get-citizen-feedback/get-citizen-feedback.query';

const nip = z.string().regex(/^[0-9]{18}$/, 'NIP terdiri atas 18 angka.');
const code = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'Kode: huruf, angka, titik, garis bawah atau tanda hubung.');
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Tanggal tidak ada di kalender');
const listQuery = z
  .object({
    from: localDate.optional().describe('First day (YYYY-MM-DD, in the city time zone), inclusive'),
    to: localDate.optional().describe('Last day (YYYY-MM-DD, in the city time zone), inclusive'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/**
 * Citizens' ratings and comments reach the people they are about (issue 14 §4): the employee a
 * citizen named (and their pejabat penilai), and the head of the unit rated. Never the citizen's
 * contact or identity: the read model does not hold them.
 */
@ApiTags('citizen feedback')
@Controller()
export class CitizenFeedbackController {
  constructor(
    private readonly access: FeedbackAccess,
    private readonly query: GetCitizenFeedbackQuery,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
  ) {}

  @Get('employees/:nip/citizen-feedback')
  @ApiOperation({ summary: "Citizens' ratings and comments naming the employee, with a summary: the employee, their pejabat penilai, their agency's admin, city admins and auditors." })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'limit', required: false, description: '1-200, default 50' })
  @ApiQuery({ name: 'offset', required: false })
  async forEmployee(
    @Param('nip', new ZodValidationPipe(nip)) employeeId: string,
    @Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<CitizenFeedbackResponse> {
    await this.access.assertOnEmployee(actor, 'readEmployeeCitizenFeedback', employeeId);
    return this.query.forEmployee(employeeId, this.filter(query));
  }

  @Get('units/:unitId/citizen-feedback')
  @ApiOperation({ summary: "Citizens' ratings and comments about a unit, with a summary: the head of the unit, its agency's admin, city admins and auditors." })
  @ApiQuery({ name: 'from', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'limit', required: false, description: '1-200, default 50' })
  @ApiQuery({ name: 'offset', required: false })
  async forUnit(
    @Param('unitId', new ZodValidationPipe(code)) unitId: string,
    @Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<CitizenFeedbackResponse> {
    await this.access.assertOnUnitHead(actor, 'readUnitCitizenFeedback', unitId);
    return this.query.forUnit(unitId, this.filter(query));
  }

  private filter(query: z.infer<typeof listQuery>): CitizenFeedbackFilter {
    const zone = this.config.calendar.timeZone;
    return {
      ...(query.from ? { from: startOfLocalDate(query.from, zone) } : {}),
      ...(query.to ? { before: startOfLocalDate(addDays(query.to, 1), zone) } : {}),
      limit: query.limit,
      offset: query.offset,
    };
  }
}
