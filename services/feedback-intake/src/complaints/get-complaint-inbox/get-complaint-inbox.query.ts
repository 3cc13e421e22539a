import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { notFound } from '@kinerja/domain';
import { ComplaintInboxView } from './complaint-inbox.entity';
import { ComplaintInboxRow } from './complaint-inbox.projection';

type InboxFields = 'complaintId' | 'agencyId' | 'assignedUnitId' | 'assigneeEmployeeId' | 'category' | 'channel' | 'counterId' | 'description' | 'subjectEmployeeId' | 'status';

export type InboxItem = Pick<ComplaintInboxRow, InboxFields> & {
  receivingUnitId: string;
  receivedAt: string;
  closedAt: string | null;
  /** The SLA clock as of the request: `overdue` from `dueAt` on, `breachRecorded` once the scheduler (or a late closing) recorded it. */
  sla: { dueOn: string; dueAt: string; overdue: boolean; breachRecorded: boolean; secondsLeft: number };
};

const OPEN = ['RECEIVED', 'TRIAGED', 'IN_PROGRESS', 'REOPENED'];

/** A unit's complaints: what was asked and the SLA clock, never who asked. */
@Injectable()
export class GetComplaintInboxQuery {
  constructor(private readonly dataSource: DataSource) {}

  async forUnit(unitId: string, now: Date, openOnly: boolean): Promise<InboxItem[]> {
    const rows = await this.dataSource.getRepository(ComplaintInboxView).find({
      where: { assignedUnitId: unitId, ...(openOnly ? { status: In(OPEN) } : {}) },
      order: { dueAt: 'ASC', complaintId: 'ASC' },
      take: 500,
    });
    return rows.map((row) => toItem(row, now));
  }

  async one(complaintId: string): Promise<ComplaintInboxView> {
    const row = await this.dataSource.getRepository(ComplaintInboxView).findOneBy({ complaintId });
    if (!row) throw notFound('COMPLAINT_NOT_FOUND', 'Pengaduan tidak ditemukan.');
    return row;
  }

  toItem(row: ComplaintInboxView, now: Date): InboxItem {
    return toItem(row, now);
  }
}

function toItem(row: ComplaintInboxView, now: Date): InboxItem {
  const open = OPEN.includes(row.status);
  const left = Math.floor((row.dueAt.getTime() - now.getTime()) / 1000);
  return {
    complaintId: row.complaintId,
    agencyId: row.agencyId,
    receivingUnitId: row.unitId,
    assignedUnitId: row.assignedUnitId,
    assigneeEmployeeId: row.assigneeEmployeeId,
    category: row.category,
    channel: row.channel,
    counterId: row.counterId,
    description: row.description,
    subjectEmployeeId: row.subjectEmployeeId,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    sla: { dueOn: row.dueOn, dueAt: row.dueAt.toISOString(), overdue: open && left <= 0, breachRecorded: row.slaBreached, secondsLeft: open ? left : 0 },
  };
}
