import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmployeeRecordView } from './employee-record.entity';

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
