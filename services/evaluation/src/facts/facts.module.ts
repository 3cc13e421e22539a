import { Module } from '@nestjs/common';
import { FactsLookups } from './facts-lookups';

/** Facts consumed from work-planning and feedback-intake (SKP targets, realisations, feedback, IKM) for the suggested rating. */
@Module({ providers: [FactsLookups], exports: [FactsLookups] })
export class FactsModule {}
