import { Module } from '@nestjs/common';
import { CitizenModule } from '../citizen/citizen.module';
import { DirectoryModule } from '../directory/directory.module';
import { GetIkmQuery } from './get-ikm/get-ikm.query';
import { PublicSurveysController, SurveysController } from './surveys.controller';

@Module({ imports: [CitizenModule, DirectoryModule], controllers: [SurveysController, PublicSurveysController], providers: [GetIkmQuery] })
export class SurveysModule {}
