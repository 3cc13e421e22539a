import { Inject, Injectable } from '@nestjs/common';
import { CareerConfig } from '../config';
import { LocalDate, utcDateOf } from '../local-date';
import { CAREER_CONFIG } from '../tokens';
import { RuleSet, ruleSetInForce } from './rule-set';

/** The career rule set in force on a date (STYLE §4: looked up at the edge, passed to the decider). */
@Injectable()
export class RuleSetLookups {
  constructor(@Inject(CAREER_CONFIG) private readonly config: CareerConfig) {}

  on(date: LocalDate): RuleSet {
    return ruleSetInForce(this.config.ruleSets, date);
  }

  now(now: Date): RuleSet {
    return this.on(utcDateOf(now));
  }
}
