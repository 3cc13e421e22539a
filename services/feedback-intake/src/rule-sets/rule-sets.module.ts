import { Module } from '@nestjs/common';
import { FeedbackRuleSetsController } from './get-rule-sets/rule-sets.controller';

/** The rule sets in force, readable by anyone. */
@Module({ controllers: [FeedbackRuleSetsController] })
export class FeedbackRuleSetsModule {}
