import { Module } from '@nestjs/common';
import { GetRoleGrantHistoryQuery } from './get-role-grants/get-role-grant-history.query';
import { GetRoleGrantsQuery } from './get-role-grants/get-role-grants.query';
import { RoleGrantsBootstrap } from './role-grants.bootstrap';
import { RoleGrantsController } from './role-grants.controller';

@Module({ controllers: [RoleGrantsController], providers: [GetRoleGrantsQuery, GetRoleGrantHistoryQuery, RoleGrantsBootstrap] })
export class RoleGrantsModule {}
