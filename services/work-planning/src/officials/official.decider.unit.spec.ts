import { CommandActor } from '@kinerja/domain';
import { deciderSpec } from '@kinerja/testing';
import { OfficialCommand, officialDecider } from './official.decider';
import { OfficialRecorded } from './official.events';

const { given } = deciderSpec(officialDecider);
const now = new Date('2026-01-05T02:00:00Z');
const cityAdmin: CommandActor = { id: 'bkpsdm.admin', role: 'ADMIN_CITY' };
const record = (data: Partial<OfficialCommand['data']> = {}, actor: CommandActor = cityAdmin): OfficialCommand => ({
  type: 'RecordOfficial',
  data: { officialId: 'walikota', name: 'H. Ahmad Fauzi', office: 'Wali Kota', ...data },
  metadata: { now, actor },
});
const recorded: OfficialRecorded = {
  type: 'OfficialRecorded',
  data: { officialId: 'walikota', name: 'H. Ahmad Fauzi', office: 'Wali Kota', recordedAt: now.toISOString(), recordedBy: 'bkpsdm.admin' },
};

describe('city official decider', () => {
  it('records the kepala daerah by a city admin', () => {
    given().when(record()).then([recorded]);
  });

  it('changes nothing when recorded again the same, and records a correction', () => {
    given(recorded).when(record()).then([]);
    expect(given(recorded).when(record({ name: 'Hj. Siti Aminah' })).events()[0].data).toMatchObject({ name: 'Hj. Siti Aminah' });
  });

  it('refuses anyone but a city admin, an id that reads as a NIP, and empty names', () => {
    given().when(record({}, { id: 'x', role: 'ADMIN_OPD', agencyId: 'SETDA' })).thenThrows('forbidden', 'OFFICIAL_FORBIDDEN');
    given().when(record({ officialId: '199003152015031002' })).thenThrows('invalid', 'OFFICIAL_ID_INVALID');
    given().when(record({ name: ' ' })).thenThrows('invalid', 'OFFICIAL_NAME_REQUIRED');
    given().when(record({ office: '' })).thenThrows('invalid', 'OFFICIAL_OFFICE_REQUIRED');
  });
});
