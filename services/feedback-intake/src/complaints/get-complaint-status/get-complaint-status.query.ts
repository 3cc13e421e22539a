import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@kinerja/domain';
import { ComplaintStatusView } from './complaint-status.entity';

/** The complaint's status as the complainant reads it (issue 14 item 9: public answers carry an Indonesian label). */
export const COMPLAINT_STATUS_LABELS: Record<string, string> = {
  RECEIVED: 'Diterima',
  TRIAGED: 'Sudah didisposisikan',
  IN_PROGRESS: 'Sedang ditangani',
  REOPENED: 'Dibuka kembali',
  RESOLVED: 'Selesai ditangani',
  REJECTED: 'Ditolak',
  CONFIRMED: 'Selesai dan dikonfirmasi pelapor',
};

export interface ComplaintStatusResponse {
  complaintId: string;
  status: string;
  /** Bahasa Indonesia, beside the status code. */
  statusLabel: string;
  category: string;
  unitId: string;
  receivedAt: string;
  sla: { dueOn: string; dueAt: string };
  resolution: string | null;
  rejectionReason: string | null;
  closedAt: string | null;
  contactErased: boolean;
}

/** The complainant's view, found by the hash of the tracking code; nobody else reads it. */
@Injectable()
export class GetComplaintStatusQuery {
  constructor(private readonly dataSource: DataSource) {}

  async complaintIdOf(trackingCodeHash: string): Promise<string | null> {
    const row = await this.dataSource.getRepository(ComplaintStatusView).findOne({ where: { trackingCodeHash }, select: { complaintId: true } });
    return row?.complaintId ?? null;
  }

  async byTrackingCodeHash(trackingCodeHash: string): Promise<ComplaintStatusResponse> {
    const row = await this.dataSource.getRepository(ComplaintStatusView).findOneBy({ trackingCodeHash });
    if (!row) throw notFound('TRACKING_CODE_NOT_FOUND', 'Kode pelacakan tidak ditemukan. Periksa kembali kode Anda.');
    return {
      complaintId: row.complaintId,
      status: row.status,
      statusLabel: COMPLAINT_STATUS_LABELS[row.status] ?? row.status,
      category: row.category,
      unitId: row.unitId,
      receivedAt: row.receivedAt.toISOString(),
      sla: { dueOn: row.dueOn, dueAt: row.dueAt.toISOString() },
      resolution: row.resolution,
      rejectionReason: row.rejectionReason,
      closedAt: row.closedAt?.toISOString() ?? null,
      contactErased: row.contactErased,
    };
  }
}
