import { Controller, Get, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { notFound } from '@kinerja/domain';
import { Public, ZodValidationPipe } from '@kinerja/platform';
import { CitizenGuard } from '../citizen/citizen-gate';
import { FeedbackIntakeConfig } from '../config';
import { complaintCategories } from '../sla/sla-policy.rules';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { Directory, PublicUnit } from './directory';

const code = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'Kode: huruf, angka, titik, garis bawah atau tanda hubung.');
const unitsQuery = z
  .object({
    q: z.string().trim().min(1).max(100).optional().describe('Part of the unit name, of what it serves, or of the agency name'),
    agencyId: code.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export interface PublicUnitList {
  total: number;
  limit: number;
  offset: number;
  units: PublicUnit[];
}

export interface ComplaintCategoryList {
  policyVersion: string;
  categories: { category: string; label: string; slaWorkingDays: number }[];
}

/**
 * What a citizen needs before rating or complaining, without an account (issue 14 §4): the service
 * units (to find a unit's id), and the complaint categories with their SLA.
 */
@ApiTags('citizens: directory')
@Public()
@UseGuards(CitizenGuard)
@Controller('public')
export class PublicDirectoryController {
  constructor(
    private readonly directory: Directory,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
  ) {}

  @Get('units')
  @ApiOperation({ summary: 'List or search the service units of the city: agency, name, what the unit serves, its counters. No account needed.' })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the unit name, of what it serves, or of the agency name' })
  @ApiQuery({ name: 'agencyId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 20' })
  @ApiQuery({ name: 'offset', required: false })
  async units(@Query(new ZodValidationPipe(unitsQuery)) query: z.infer<typeof unitsQuery>): Promise<PublicUnitList> {
    const { total, units } = await this.directory.publicUnits(query);
    return { total, limit: query.limit, offset: query.offset, units };
  }

  @Get('units/:unitId')
  @ApiOperation({ summary: 'One service unit as the public directory shows it. No account needed.' })
  async unit(@Param('unitId', new ZodValidationPipe(code)) unitId: string): Promise<PublicUnit> {
    const unit = await this.directory.publicUnit(unitId);
    if (!unit) throw notFound('UNIT_NOT_FOUND', 'Unit layanan tidak ditemukan.');
    return unit;
  }

  @Get('complaint-categories')
  @ApiOperation({ summary: 'The complaint categories a citizen can choose, each with its label and SLA in working days. No account needed.' })
  categories(): ComplaintCategoryList {
    return { policyVersion: this.config.slaPolicy.version, categories: complaintCategories(this.config.slaPolicy) };
  }
}
