import { Module } from '@nestjs/common';
import { RuleSetLookups } from './rule-set-lookups';

/** The configured career rule sets (RULE_SETS_JSON added to the built-in versions). */
@Module({ providers: [RuleSetLookups], exports: [RuleSetLookups] })
export class RuleSetsModule {}
