import { Module } from '@nestjs/common';
import { GetIkmQuery } from './get-ikm/get-ikm.query';
import { PublicSurveysController, SurveysController } from './surveys.controller';

@Module({ controllers: [SurveysController, PublicSurveysController], providers: [GetIkmQuery] })
export class SurveysModule {}
