import { Injectable } from '@nestjs/common';
import { addDays, IsoDate } from '../organisation/dates';
import { GetTeamBoardQuery } from './get-team-board.query';
import { GetSkpQuery } from './get-skp/get-skp.query';

export interface ApprovalQueueResponse {
  supervisorNip: string;
  date: IsoDate;
  /** Submitted SKPs waiting for this pejabat penilai, the longest waiting first. */
  skpsToApprove: {
    skpId: string;
    nip: string;
    nama: string | null;
    status: 'SUBMITTED';
    /** The version approval would make (2 and more: an amendment). */
    version: number;
    periodStart: IsoDate;
    periodEnd: IsoDate;
    /** When the SKP last changed (its submission, or an ekspektasi khusus set since). */
    since: string;
    /** The day by which it is due to be decided: `SKP_APPROVAL_DUE_DAYS` after its period starts. */
    deadline: IsoDate;
    overdue: boolean;
    /** What approval would still refuse (links to superior RHK no longer approved). */
    unresolvedLinks: { rhkId: string; flag: string }[];
  }[];
}

/** The pejabat penilai's queue of SKPs to approve (issue 14 §5): the team on the date, SKPs in SUBMITTED. */
@Injectable()
export class GetApprovalQueueQuery {
  constructor(
    private readonly teamBoard: GetTeamBoardQuery,
    private readonly skps: GetSkpQuery,
  ) {}

  async run(supervisorNip: string, date: IsoDate, dueDays: number): Promise<ApprovalQueueResponse> {
    const { team } = await this.teamBoard.run(supervisorNip, date);
    const submitted = team.filter((t) => t.status === 'SUBMITTED' && t.skpId !== null);
    const rows = await this.skps.rowsOf(submitted.map((t) => t.skpId!));
    const skpsToApprove = submitted.flatMap((t) => {
      const row = rows.get(t.skpId!);
      if (!row) return [];
      const deadline = addDays(row.periodStart, dueDays);
      return [
        {
          skpId: row.skpId,
          nip: t.nip,
          nama: t.nama,
          status: 'SUBMITTED' as const,
          version: row.versions + 1,
          periodStart: row.periodStart,
          periodEnd: row.periodEnd,
          since: row.updatedAt.toISOString(),
          deadline,
          overdue: date > deadline,
          unresolvedLinks: t.unresolvedLinks,
        },
      ];
    });
    skpsToApprove.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
    return { supervisorNip, date, skpsToApprove };
  }
}
