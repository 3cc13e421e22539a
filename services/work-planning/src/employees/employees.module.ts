import { Module } from '@nestjs/common';
import { EmployeesController } from './employees.controller';
import { GetEmployeeQuery } from './get-employee/get-employee.query';

@Module({ controllers: [EmployeesController], providers: [GetEmployeeQuery] })
export class EmployeesModule {}
