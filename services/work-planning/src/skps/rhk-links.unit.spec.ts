import { unresolvedLinks } from './rhk-links.rules';
import { Rhk } from './skp.events';

const rhk = (rhkId: string, link: Rhk['link']): Rhk => ({ rhkId, jenis: 'UTAMA', text: rhkId, link, perspektif: null, indicators: [] });

describe('unresolved RHK links (the flags on a draft)', () => {
  const plan = [
    rhk('ok', { kind: 'ATASAN_RHK', skpId: 'S', rhkId: 'A1' }),
    rhk('draft', { kind: 'ATASAN_RHK', skpId: 'S', rhkId: 'A2' }),
    rhk('gone', { kind: 'ATASAN_RHK', skpId: 'S', rhkId: 'A3' }),
    rhk('pk', { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: 'PK', sasaranId: 'X' }),
    rhk('none', null),
  ];
  const status = { 'S/A1': 'APPROVED', 'S/A2': 'DRAFT', 'S/A3': 'MISSING' } as const;

  it('flags every link that does not point at an approved superior RHK', () => {
    expect(unresolvedLinks(plan, false, (k) => status[k as keyof typeof status])).toEqual([
      { rhkId: 'draft', flag: 'TARGET_NOT_APPROVED' },
      { rhkId: 'gone', flag: 'TARGET_MISSING' },
      { rhkId: 'pk', flag: 'LINKED_TO_PERJANJIAN_KINERJA' },
      { rhkId: 'none', flag: 'UNLINKED' },
    ]);
  });

  it('a JPT plan is resolved by its Perjanjian Kinerja links', () => {
    expect(unresolvedLinks([plan[3], plan[4]], true, () => undefined)).toEqual([{ rhkId: 'none', flag: 'UNLINKED' }]);
  });
});
