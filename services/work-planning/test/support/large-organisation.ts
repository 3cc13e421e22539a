import { OrganisationEvent } from '../../src/organisation/organisation.events';

const NOW = '2024-01-01T00:00:00.000Z';

/**
 * The organisation events of 50 agencies × (1 head, 4 kabid, 16 kasi, 379 staff) with history:
 * every staff member moved once (to a post under another kasi on 2021-01-01). `nips`: the staff.
 */
export function largeOrganisation(): { events: OrganisationEvent[]; nips: string[] } {
  const events: OrganisationEvent[] = [];
  const nips: string[] = [];
  let seq = 0;
  for (let a = 0; a < 50; a++) {
    const agencyId = `OPD${a}`;
    const position = (positionId: string, parentPositionId: string | null, kind: 'JPT_PRATAMA' | 'ADMINISTRATOR' | 'PENGAWAS' | 'PELAKSANA'): OrganisationEvent => ({
      type: 'PositionCreated',
      data: { agencyId, positionId, name: positionId, kind, unitId: 'U1', parentPositionId, establishedOn: '2015-01-01', createdAt: NOW },
    });
    const hold = (nip: string, positionId: string, from: string, to: string | null = null): OrganisationEvent => ({
      type: 'PositionAssigned',
      data: { agencyId, assignmentId: `a${++seq}`, nip, positionId, type: 'DEFINITIVE', from, to, assignedAt: NOW },
    });
    events.push({ type: 'UnitCreated', data: { agencyId, unitId: 'U1', name: 'U', parentUnitId: null, createdAt: NOW } });
    const nip = (n: number) => `1980010120050${String(a).padStart(2, '0')}${String(n).padStart(3, '0')}`;
    let n = 0;
    events.push(position('KADIS', null, 'JPT_PRATAMA'), hold(nip(n++), 'KADIS', '2015-01-01'));
    for (let b = 0; b < 4; b++) {
      events.push(position(`KABID${b}`, 'KADIS', 'ADMINISTRATOR'), hold(nip(n++), `KABID${b}`, '2015-01-01'));
      for (let s = 0; s < 4; s++) {
        const kasi = `KASI${b}.${s}`;
        events.push(position(kasi, `KABID${b}`, 'PENGAWAS'));
        if (s !== 3) events.push(hold(nip(n++), kasi, '2015-01-01'));
      }
    }
    while (n < 400) {
      const staff = nip(n++);
      const kasi = `KASI${n % 4}.${n % 3}`;
      events.push(position(`STAF${n}a`, kasi, 'PELAKSANA'), position(`STAF${n}b`, `KASI${(n + 1) % 4}.${n % 3}`, 'PELAKSANA'));
      events.push(hold(staff, `STAF${n}a`, '2015-01-01', '2020-12-31'));
      events.push(hold(staff, `STAF${n}b`, '2021-01-01'));
      nips.push(staff);
    }
  }
  return { events, nips };
}
