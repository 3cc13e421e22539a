import { DomainEvent } from '@kinerja/domain';

/**
 * A city official the organisation knows who is not an ASN and has no NIP: the kepala daerah
 * (wali kota or bupati) as PPK, or a deputy. Positions may report to one (docs/regulations.md §4.5);
 * the official signs in with their id as the token subject.
 */
export const officialStream = (officialId: string) => `official-${officialId}`;

export type OfficialRecorded = DomainEvent<
  'OfficialRecorded',
  { officialId: string; name: string; office: string; recordedAt: string; recordedBy: string }
>;

export type OfficialEvent = OfficialRecorded;
