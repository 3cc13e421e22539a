import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { GetAgencyQuery } from './get-agency/get-agency.query';

@Module({ controllers: [AgenciesController], providers: [GetAgencyQuery] })
export class AgenciesModule {}
