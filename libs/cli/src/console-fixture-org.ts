import { CityApi, Identity } from './demo/http';

/** A person of a fixture agency: an employee in a position of one of its units. */
export interface FixturePerson {
  nip: string;
  name: string;
  position: string;
  title: string;
  kind: string;
  unit: string;
  parent: string | null;
}

/**
 * An agency of the console's fixtures registered through the API: the agency and its people (by the
 * city administrator), then its units, each person's position and their definitive assignment (by
 * the agency's admin). A position without a parent reports to `topOfficial` when given (the
 * kepala daerah).
 */
export async function seedAgencyOrganisation(
  api: CityApi,
  actors: { city: Identity; admin: Identity },
  organisation: { agency: { code: string; name: string }; units: Record<string, unknown>[]; people: readonly FixturePerson[]; golongan: string; topOfficial?: string },
): Promise<void> {
  const { agency, units, people, golongan, topOfficial } = organisation;
  await api.post('work-planning', '/agencies', actors.city, agency);
  for (const p of people) await api.post('work-planning', '/employees', actors.city, { nip: p.nip, name: p.name, status: 'PNS', agencyId: agency.code, golongan });
  for (const unit of units) await api.post('work-planning', `/agencies/${agency.code}/units`, actors.admin, unit);
  for (const p of people) {
    await api.post('work-planning', `/agencies/${agency.code}/positions`, actors.admin, {
      positionId: p.position,
      name: p.title,
      kind: p.kind,
      unitId: p.unit,
      parentPositionId: p.parent,
      ...(p.parent === null && topOfficial ? { parentOfficialId: topOfficial } : {}),
      establishedOn: '2020-01-01',
    });
    await api.post('work-planning', `/agencies/${agency.code}/assignments`, actors.admin, { nip: p.nip, positionId: p.position, type: 'DEFINITIVE', from: '2021-01-01' });
  }
}
