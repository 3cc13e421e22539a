import { Module } from '@nestjs/common';
import { BodyTooLargeHandler } from './body-too-large';
import { ChallengeController } from './challenge.controller';
import { CitizenGate, CitizenGuard } from './citizen-gate';

/** The protections of every citizens' endpoint (one gate for the whole service: limits count across slices). */
@Module({ controllers: [ChallengeController], providers: [CitizenGate, CitizenGuard, BodyTooLargeHandler], exports: [CitizenGate, CitizenGuard] })
export class CitizenModule {}
