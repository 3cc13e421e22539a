import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound } from '@kinerja/domain';
import { Public } from '@kinerja/platform';
import { FeedbackIntakeConfig } from '../../config';
import { IkmRuleSet } from '../../ikm/ikm.rules';
import { SlaPolicy } from '../../sla/sla-policy.rules';
import { WorkingCalendar } from '../../sla/working-calendar.rules';
import { FEEDBACK_INTAKE_CONFIG } from '../../tokens';

export type FeedbackRuleSet =
  | { kind: 'SLA_POLICY'; version: string; slaPolicy: SlaPolicy }
  | { kind: 'IKM'; version: string; ikm: IkmRuleSet }
  | { kind: 'WORKING_CALENDAR'; version: string; calendar: WorkingCalendar };

export interface FeedbackRuleSetsResponse {
  /** The versions in force; feedback-intake keeps one of each, from its configuration (every result records the version it used). */
  inForce: FeedbackRuleSet[];
}

/**
 * The rules feedback-intake applies, readable by anyone (issue 14 §5): complaint SLAs per category,
 * the IKM weighting and grade bands (PermenPANRB 14/2017), the working calendar of the SLA clock.
 * Nothing here is personal, so no account is needed.
 */
@ApiTags('rule sets')
@Public()
@Controller('rule-sets')
export class FeedbackRuleSetsController {
  constructor(@Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig) {}

  @Get()
  @ApiOperation({ summary: 'The rule sets in force: complaint SLA policy, IKM rule set, working calendar. No account needed.' })
  inForce(): FeedbackRuleSetsResponse {
    return { inForce: this.ruleSets() };
  }

  @Get(':version')
  @ApiOperation({ summary: 'One rule set by its version (as results record it). No account needed.' })
  version(@Param('version') version: string): FeedbackRuleSet {
    const found = this.ruleSets().find((r) => r.version === version);
    if (!found) throw notFound('RULE_SET_NOT_FOUND', `Versi aturan ${version} tidak dikenal layanan ini.`);
    return found;
  }

  private ruleSets(): FeedbackRuleSet[] {
    return [
      { kind: 'SLA_POLICY', version: this.config.slaPolicy.version, slaPolicy: this.config.slaPolicy },
      { kind: 'IKM', version: this.config.ikmRuleSet.version, ikm: this.config.ikmRuleSet },
      { kind: 'WORKING_CALENDAR', version: this.config.calendar.version, calendar: this.config.calendar },
    ];
  }
}

