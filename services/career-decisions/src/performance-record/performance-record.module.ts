import { Module } from '@nestjs/common';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { GetEmployeeRecordQuery } from './get-employee-record/get-employee-record.query';
import { PerformanceRecordLookups } from './performance-record-lookups';
import { PerformanceRecordController } from './performance-record.controller';

/** The multi-year performance record (predicates from evaluation, legacy import, employment, pegawai teladan). */
@Module({
  imports: [RuleSetsModule],
  controllers: [PerformanceRecordController],
  providers: [PerformanceRecordLookups, GetEmployeeRecordQuery],
  exports: [PerformanceRecordLookups, GetEmployeeRecordQuery],
})
export class PerformanceRecordModule {}
