import { Module } from '@nestjs/common';
import { OrganisationController } from './organisation.controller';
import { OrganisationDirectory } from './organisation.service';

/** The local copy of work-planning's organisation: who rates whom on a date. */
@Module({ controllers: [OrganisationController], providers: [OrganisationDirectory], exports: [OrganisationDirectory] })
export class OrganisationModule {}
