import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pangkatOf } from '@kinerja/contracts';
import { Employment } from '../performance-record.decider';
import { EmployeeRecordView } from './employee-record.entity';

/** The record as the API answers it: the employment with its pangkat, derived from the golongan (PNS only). */
export type EmployeeRecordResponse = Omit<EmployeeRecordView, 'employment'> & { employment: (Employment & { pangkat: string | null }) | null };

export function recordResponse(row: EmployeeRecordView): EmployeeRecordResponse {
  const e = row.employment;
  return { ...row, employment: e === null ? null : { ...e, pangkat: pangkatOf(e.employmentKind, e.golongan) } };
}

@Injectable()
export class GetEmployeeRecordQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(nip: string): Promise<EmployeeRecordView | null> {
    return this.dataSource.getRepository(EmployeeRecordView).findOne({ where: { nip } });
  }

  async ofAgency(agencyId: string): Promise<EmployeeRecordView[]> {
    return this.dataSource.getRepository(EmployeeRecordView).find({ where: { agencyId }, order: { nip: 'ASC' } });
  }
}
