import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@kinerja/domain';
import { genericPlanQuery } from '@kinerja/projections';
import { RhkTargetStatus } from '../rhk-links.rules';

export interface CascadeNode {
  skpId: string;
  rhkId: string;
  nip: string | null;
  nama: string | null;
  jenis: string;
  rencanaHasilKerja: string;
  /** In the approved version in force of its SKP. */
  approved: boolean;
  /** The subordinate RHK that intervene on this one ("menginduk"), down the whole tree. */
  children: CascadeNode[];
}

/** A linked superior RHK as the link rules see it (`rhk_view`): its text, APPROVED when in the version in force, else DRAFT. */
export interface LinkedRhk {
  text: string;
  status: Exclude<RhkTargetStatus, 'MISSING'>;
}

export const linkedRhk = (text: string, approved: boolean): LinkedRhk => ({ text, status: approved ? 'APPROVED' : 'DRAFT' });

/**
 * The cascade of a leader's RHK (the MPPH read downwards): every RHK that intervenes on it, and
 * theirs, to the bottom. Links name the superior's SKP and RHK, so a superior's moving post does
 * not break the tree. One recursive query on `rhk_view (parent_skp_id, parent_rhk_id)`.
 */
@Injectable()
export class GetCascadeQuery {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Each RHK's (`<skpId>/<rhkId>`, `linkKey`) text and status for the link rules: APPROVED when it is
   * in the approved version in force of its SKP, else DRAFT; absent ones are missing. Asked by every
   * SKP document with links and the team board: planned once per connection (see genericPlanQuery).
   */
  async rhksOf(ids: readonly string[]): Promise<Map<string, LinkedRhk>> {
    if (ids.length === 0) return new Map();
    const rows = await genericPlanQuery<{ id: string; text: string; approved: boolean }>(
      this.dataSource,
      'work-planning/rhks-of',
      `SELECT id, text, approved FROM rhk_view WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, linkedRhk(r.text, r.approved)]));
  }

  async run(skpId: string, rhkId: string): Promise<CascadeNode> {
    const rows: { id: string; parent: string | null; skp_id: string; rhk_id: string; nip: string | null; name: string | null; jenis: string; text: string; approved: boolean }[] =
      await this.dataSource.query(
        `WITH RECURSIVE tree AS (
           SELECT r.*, NULL::text AS parent, 0 AS depth FROM rhk_view r WHERE r.id = $1
           UNION ALL
           SELECT c.*, t.id AS parent, t.depth + 1 FROM rhk_view c JOIN tree t ON c.parent_skp_id = t.skp_id AND c.parent_rhk_id = t.rhk_id
            WHERE t.depth < 20 AND c.in_draft
         )
         SELECT t.id, t.parent, t.skp_id, t.rhk_id, t.nip, e.name, t.jenis, t.text, t.approved
           FROM tree t LEFT JOIN employee_view e ON e.nip = t.nip ORDER BY t.depth, t.nip, t.rhk_id`,
        [`${skpId}/${rhkId}`],
      );
    if (rows.length === 0) throw notFound('RHK_NOT_FOUND', 'RHK tidak ditemukan.');
    const nodes = new Map<string, CascadeNode>();
    let root: CascadeNode | null = null;
    for (const r of rows) {
      const node: CascadeNode = { skpId: r.skp_id, rhkId: r.rhk_id, nip: r.nip, nama: r.name, jenis: r.jenis, rencanaHasilKerja: r.text, approved: r.approved, children: [] };
      if (nodes.has(r.id)) continue;
      nodes.set(r.id, node);
      if (r.parent === null) root = node;
      else nodes.get(r.parent)?.children.push(node);
    }
    return root!;
  }
}
