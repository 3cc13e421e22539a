import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Clock, CLOCK, Public, RuleSetCatalogue, ruleSetCatalogue, ruleSetDateQuery, ZodValidationPipe } from '@kinerja/platform';
import { notFound } from '@kinerja/domain';
import { CareerConfig } from '../../config';
import { utcDateOf } from '../../local-date';
import { CAREER_CONFIG } from '../../tokens';
import { RuleSet } from '../rule-set';
import { RuleSetLookups } from '../rule-set-lookups';

/**
 * The career rule sets (eligibility conditions, legacy bands, 20 JP, 9-box), readable by anyone
 * (issue 14 §5): no personal data, and every decision names the version it rests on.
 */
@ApiTags('rule sets')
@Public()
@Controller('rule-sets')
export class CareerRuleSetsController {
  constructor(
    @Inject(CAREER_CONFIG) private readonly config: CareerConfig,
    private readonly lookups: RuleSetLookups,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every career rule-set version with its first day in force, marking the one in force on the date (default today). No account needed.' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD' })
  list(@Query(new ZodValidationPipe(ruleSetDateQuery)) query: z.infer<typeof ruleSetDateQuery>): RuleSetCatalogue {
    return ruleSetCatalogue(this.config.ruleSets, query.date ?? utcDateOf(this.clock.now()));
  }

  @Get('in-force')
  @ApiOperation({ summary: 'The whole career rule set in force on the date (default today). No account needed.' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD' })
  inForce(@Query(new ZodValidationPipe(ruleSetDateQuery)) query: z.infer<typeof ruleSetDateQuery>): RuleSet {
    return query.date === undefined ? this.lookups.now(this.clock.now()) : this.lookups.on(query.date);
  }

  @Get(':version')
  @ApiOperation({ summary: 'One career rule-set version, whole. No account needed.' })
  version(@Param('version') version: string): RuleSet {
    const found = this.config.ruleSets.find((r) => r.version === version);
    if (found === undefined) throw notFound('RULE_SET_NOT_FOUND', `Versi aturan karier ${version} tidak ditemukan`);
    return found;
  }
}
