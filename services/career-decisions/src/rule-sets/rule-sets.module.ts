import { Module } from '@nestjs/common';
import { CareerRuleSetsController } from './get-rule-sets/rule-sets.controller';
import { RuleSetLookups } from './rule-set-lookups';

/** The configured career rule sets (RULE_SETS_JSON added to the built-in versions), readable by anyone. */
@Module({ controllers: [CareerRuleSetsController], providers: [RuleSetLookups], exports: [RuleSetLookups] })
export class RuleSetsModule {}
