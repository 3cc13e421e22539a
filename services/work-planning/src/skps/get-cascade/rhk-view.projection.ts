import { Projection } from '@kinerja/domain';
import { Rhk, SkpEvent } from '../skp.events';

/**
 * One row per RHK of every SKP, with the superior RHK it intervenes on: the cascade (MPPH) walks
 * it downwards by (parent SKP, parent RHK). The link names the superior's SKP, not their post, so
 * the tree survives the superior moving. `approved` says whether the RHK is in the SKP's approved
 * version in force, which is what "every link points at an approved RHK" checks.
 */
export interface RhkViewRow {
  id: string;
  skpId: string;
  rhkId: string;
  nip: string | null;
  jenis: string;
  text: string;
  parentSkpId: string | null;
  parentRhkId: string | null;
  /** For a link to the unit's Perjanjian Kinerja: `<perjanjianKinerjaId>/<sasaranId>`. */
  perjanjianKinerja: string | null;
  approved: boolean;
  /** Still in the working copy (removed RHK that live only in an approved version keep their row). */
  inDraft: boolean;
}

const nipOf = (skpId: string) => skpId.slice(0, 18);

function fromRhk(skpId: string, rhk: Rhk, approved: boolean, inDraft: boolean): RhkViewRow {
  const link = rhk.link;
  return {
    id: `${skpId}/${rhk.rhkId}`,
    skpId,
    rhkId: rhk.rhkId,
    nip: nipOf(skpId),
    jenis: rhk.jenis,
    text: rhk.text,
    parentSkpId: link?.kind === 'ATASAN_RHK' ? link.skpId : null,
    parentRhkId: link?.kind === 'ATASAN_RHK' ? link.rhkId : null,
    perjanjianKinerja: link?.kind === 'PERJANJIAN_KINERJA' ? `${link.perjanjianKinerjaId}/${link.sasaranId}` : null,
    approved,
    inDraft,
  };
}

export const rhkViewProjection: Projection<RhkViewRow, SkpEvent> = {
  name: 'work-planning.get-cascade',
  handles: ['RhkAdded', 'RhkRevised', 'RhkRemoved', 'SkpApproved', 'SkpAmended'],
  keys(event) {
    switch (event.type) {
      case 'RhkAdded':
      case 'RhkRevised':
        return [`${event.data.skpId}/${event.data.rhk.rhkId}`];
      case 'RhkRemoved':
        return [`${event.data.skpId}/${event.data.rhkId}`];
      case 'SkpApproved':
      case 'SkpAmended':
        return event.data.document.rhk.map((r) => `${event.data.skpId}/${r.rhkId}`);
      default:
        return [];
    }
  },
  evolve(row, event, key) {
    switch (event.type) {
      case 'RhkAdded':
      case 'RhkRevised':
        return { ...fromRhk(event.data.skpId, event.data.rhk, row?.approved ?? false, true), approved: row?.approved ?? false };
      case 'RhkRemoved':
        return row && (row.approved ? { ...row, inDraft: false } : null);
      case 'SkpApproved':
      case 'SkpAmended': {
        const rhk = event.data.document.rhk.find((r) => `${event.data.skpId}/${r.rhkId}` === key);
        return rhk ? fromRhk(event.data.skpId, rhk, true, true) : row;
      }
      default:
        return row;
    }
  },
};
