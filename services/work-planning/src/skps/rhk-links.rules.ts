import { Rhk, RhkLink } from './skp.events';

/** What the read side knows of a linked superior RHK: in the superior's approved version, only in a draft, or gone. */
export type RhkTargetStatus = 'APPROVED' | 'DRAFT' | 'MISSING';

export type LinkFlag =
  | 'UNLINKED'
  /** A non-JPT RHK parked on the unit's Perjanjian Kinerja while the superior's SKP is late. */
  | 'LINKED_TO_PERJANJIAN_KINERJA'
  | 'TARGET_NOT_APPROVED'
  | 'TARGET_MISSING';

export const linkKey = (link: Extract<RhkLink, { kind: 'ATASAN_RHK' }>) => `${link.skpId}/${link.rhkId}`;

/** The keys (`linkKey`) of the superior RHKs a plan's RHKs are linked to. */
export const linkedKeys = (rhk: readonly Rhk[]): string[] => rhk.flatMap((r) => (r.link?.kind === 'ATASAN_RHK' ? [linkKey(r.link)] : []));

/**
 * The unresolved links of a plan. A subordinate may draft against a superior's draft RHK or the
 * unit's Perjanjian Kinerja, so nothing blocks drafting; approval needs this list to be empty.
 * JPT RHK come from the Perjanjian Kinerja and need only that link.
 */
export function unresolvedLinks(
  rhk: readonly Rhk[],
  isJpt: boolean,
  statusOf: (key: string) => RhkTargetStatus | undefined,
): { rhkId: string; flag: LinkFlag }[] {
  const flags: { rhkId: string; flag: LinkFlag }[] = [];
  for (const r of rhk) {
    const flag = flagOf(r.link, isJpt, statusOf);
    if (flag) flags.push({ rhkId: r.rhkId, flag });
  }
  return flags;
}

function flagOf(link: RhkLink | null, isJpt: boolean, statusOf: (key: string) => RhkTargetStatus | undefined): LinkFlag | null {
  if (link === null) return 'UNLINKED';
  if (link.kind === 'PERJANJIAN_KINERJA') return isJpt ? null : 'LINKED_TO_PERJANJIAN_KINERJA';
  switch (statusOf(linkKey(link)) ?? 'MISSING') {
    case 'APPROVED':
      return null;
    case 'DRAFT':
      return 'TARGET_NOT_APPROVED';
    case 'MISSING':
      return 'TARGET_MISSING';
  }
}
