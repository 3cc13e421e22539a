import { Module } from '@nestjs/common';
import { EmployeesController } from './employees.controller';
import { GetEmployeeQuery } from './get-employee/get-employee.query';
import { GetEmployeesQuery } from './get-employees.query';
import { GetSupervisorOnDateQuery } from './get-supervisor-on-date.query';

@Module({ controllers: [EmployeesController], providers: [GetEmployeeQuery, GetEmployeesQuery, GetSupervisorOnDateQuery], exports: [GetEmployeeQuery] })
export class EmployeesModule {}
