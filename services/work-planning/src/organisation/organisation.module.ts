import { Global, Module } from '@nestjs/common';
import { GetOrgTreeQuery } from './get-org-tree/get-org-tree.query';
import { GetSupervisorQuery } from './get-supervisor/get-supervisor.query';
import { OrganisationController } from './organisation.controller';

@Global()
@Module({ controllers: [OrganisationController], providers: [GetSupervisorQuery, GetOrgTreeQuery], exports: [GetSupervisorQuery, GetOrgTreeQuery] })
export class OrganisationModule {}
