import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Clock, CLOCK, Public, RuleSetCatalogue, ruleSetCatalogue, ruleSetDateQuery, ZodValidationPipe } from '@kinerja/platform';
import { localDateOf } from '../../local-date';
import { PeriodLookups } from '../../periods/period-lookups';
import { RuleSet, ruleSetByVersion, ruleSetInForce } from '../rule-set';

/**
 * The evaluation rule sets (predikat matrix, curve, suggestion thresholds, keberatan window,
 * periods), readable by anyone (issue 14 §5): they hold no personal data, and every result names
 * the version it was decided under.
 */
@ApiTags('rule sets')
@Public()
@Controller('rule-sets')
export class EvaluationRuleSetsController {
  constructor(
    private readonly periods: PeriodLookups,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every rule-set version with its first day in force, marking the one in force on the date (default today). No account needed.' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD' })
  list(@Query(new ZodValidationPipe(ruleSetDateQuery)) query: z.infer<typeof ruleSetDateQuery>): RuleSetCatalogue {
    return ruleSetCatalogue(this.periods.ruleSets, query.date ?? this.today());
  }

  @Get('in-force')
  @ApiOperation({ summary: 'The whole rule set in force on the date (default today): matrix, curve, thresholds. No account needed.' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD' })
  inForce(@Query(new ZodValidationPipe(ruleSetDateQuery)) query: z.infer<typeof ruleSetDateQuery>): RuleSet {
    return ruleSetInForce(this.periods.ruleSets, query.date ?? this.today());
  }

  @Get(':version')
  @ApiOperation({ summary: 'One rule-set version, whole (as evaluations record it in ruleSetVersion). No account needed.' })
  version(@Param('version') version: string): RuleSet {
    return ruleSetByVersion(this.periods.ruleSets, version);
  }

  private today(): string {
    return localDateOf(this.clock.now(), this.periods.timeZone);
  }
}
