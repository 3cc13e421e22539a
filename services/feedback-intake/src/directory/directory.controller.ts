import { Body, Controller, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { invalid, notFound } from '@kinerja/domain';
import { Actor, Clock, CLOCK, CurrentActor, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { FeedbackAccess } from '../access';
import { Directory, EmployeeLookup, UnitLookup } from './directory';

const code = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'Kode: huruf, angka, titik, garis bawah atau tanda hubung.');
const nip = z.string().regex(/^[0-9]{18}$/, 'NIP terdiri atas 18 angka.');
const unitBody = z
  .object({
    agencyId: code,
    name: z.string().trim().min(1).max(300),
    counterIds: z.array(code).max(200).optional().describe('Service counters (loket) of the unit'),
    services: z.string().trim().min(1).max(2000).nullable().optional().describe('What the unit serves, shown in the public directory (e.g. "KTP-el, Kartu Keluarga, akta kelahiran")'),
  })
  .strict();
const employeeBody = z
  .object({
    agencyId: code,
    unitId: code.nullable().optional().describe('The unit the employee serves in (officers act for it)'),
    pejabatPenilaiNip: nip.nullable().optional().describe("The employee's pejabat penilai"),
  })
  .strict();

const settingsBody = z.object({ peerFeedbackEnabled: z.boolean(), subordinateFeedbackEnabled: z.boolean() }).strict();

/**
 * The directory admin endpoints: service counters (loket) of a unit, which work-planning does not
 * know, and, for employees the organisation events do not place (yet), their unit and pejabat
 * penilai. Where the organisation places an employee, its reporting lines win over these entries.
 */
@ApiTags('directory (admin)')
@Controller('directory')
export class DirectoryController {
  constructor(
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: FeedbackAccess,
  ) {}

  @HttpCode(200)
  @RouteWithBody(Put('units/:unitId'), 'Register or update a service unit and its counters (city admins, or the admin of its agency).', unitBody)
  async putUnit(@Param('unitId', new ZodValidationPipe(code)) unitId: string, @Body(new ZodValidationPipe(unitBody)) body: z.infer<typeof unitBody>, @CurrentActor() actor: Actor): Promise<UnitLookup> {
    const existing = await this.directory.unit(unitId);
    this.access.assertDirectory(actor, body.agencyId, existing?.agencyId);
    await this.directory.upsertUnit({ unitId, ...body }, this.clock.now());
    return (await this.directory.unit(unitId))!;
  }

  @HttpCode(200)
  @RouteWithBody(Put('employees/:nip'), "Place an employee in a unit and name their pejabat penilai (city admins, or the admin of the employee's agency).", employeeBody)
  async putEmployee(@Param('nip', new ZodValidationPipe(nip)) employeeNip: string, @Body(new ZodValidationPipe(employeeBody)) body: z.infer<typeof employeeBody>, @CurrentActor() actor: Actor): Promise<EmployeeLookup> {
    // The employee's agency as the organisation (or an earlier entry) knows it, and the unit's
    // agency: an admin places only their own agency's people, in their own agency's units.
    const existing = await this.directory.employee(employeeNip);
    const placed = await this.directory.agencyOn(employeeNip, this.directory.today());
    const unit = body.unitId ? await this.directory.unit(body.unitId) : null;
    if (body.unitId && unit === null) throw invalid('UNKNOWN_UNIT', 'Unit layanan tidak dikenal.', 'unitId');
    this.access.assertDirectory(actor, body.agencyId, existing?.agencyId, placed ?? undefined, unit?.agencyId);
    if (unit && unit.agencyId !== body.agencyId) throw invalid('UNIT_OUTSIDE_AGENCY', 'Unit layanan ini bukan milik instansi yang disebut.', 'unitId');
    if (placed && placed !== body.agencyId) throw invalid('EMPLOYEE_OUTSIDE_AGENCY', 'Menurut organisasi, pegawai ini bertugas di instansi lain.', 'agencyId');
    await this.directory.upsertEmployee({ nip: employeeNip, ...body }, this.clock.now());
    return (await this.directory.employee(employeeNip))!;
  }

  @HttpCode(200)
  @RouteWithBody(Put('agencies/:agencyId/feedback-settings'), 'Whether peers and direct subordinates may give BerAKHLAK feedback in the agency (PP 30/2019; off by default).', settingsBody)
  async putSettings(
    @Param('agencyId', new ZodValidationPipe(code)) agencyId: string,
    @Body(new ZodValidationPipe(settingsBody)) body: z.infer<typeof settingsBody>,
    @CurrentActor() actor: Actor,
  ): Promise<{ agencyId: string; peerFeedbackEnabled: boolean; subordinateFeedbackEnabled: boolean }> {
    this.access.assertDirectory(actor, agencyId);
    await this.directory.setAgencyFeedbackSettings(agencyId, body, actor.id, this.clock.now());
    return { agencyId, ...(await this.directory.agencyFeedbackSettings(agencyId)) };
  }

  @Get('units/:unitId')
  @ApiOperation({ summary: 'A service unit with its counters.' })
  async getUnit(@Param('unitId', new ZodValidationPipe(code)) unitId: string): Promise<UnitLookup> {
    const unit = await this.directory.unit(unitId);
    if (!unit) throw notFound('UNIT_NOT_FOUND', 'Unit layanan tidak ditemukan.');
    return unit;
  }
}
