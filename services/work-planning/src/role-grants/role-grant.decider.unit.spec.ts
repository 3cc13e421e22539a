import { actorFor, deciderSpec } from '@kinerja/testing';
import { GrantRole, RevokeRole, roleGrantDecider } from './role-grant.decider';
import { RoleGrantEvent } from './role-grant.events';

const { given } = deciderSpec(roleGrantDecider);

const now = new Date('2026-03-10T03:00:00Z');
const NIP = '199003152015031002';
const cityAdmin = actorFor('197001012000031001', 'ADMIN_CITY');
const known = { employeeKnown: true, agencyKnown: true };

const grant = (data: Partial<GrantRole['data']> = {}, actor = cityAdmin, lookups = known): GrantRole => ({
  type: 'GrantRole',
  data: { nip: NIP, role: 'ADMIN_OPD', agencyId: 'DINKES', reason: null, ...data },
  lookups,
  metadata: { now, actor },
});
const revoke = (data: Partial<RevokeRole['data']> = {}, actor = cityAdmin): RevokeRole => ({
  type: 'RevokeRole',
  data: { nip: NIP, role: 'ADMIN_OPD', agencyId: 'DINKES', reason: null, ...data },
  metadata: { now, actor },
});
const granted: RoleGrantEvent = {
  type: 'RoleGranted',
  data: { nip: NIP, role: 'ADMIN_OPD', agencyId: 'DINKES', grantedBy: cityAdmin.id, grantedAt: now.toISOString(), reason: null },
};

describe('role grant decider', () => {
  it('grants a role when a city admin asks, naming who and when', () => {
    expect(given().when(grant()).events()).toEqual([granted]);
  });

  it.each(['ADMIN_OPD', 'EMPLOYEE', 'SUPERVISOR', 'PPK', 'AUDITOR'])('refuses a grant by %s with forbidden', (role) => {
    const error = given().when(grant({ role: 'AUDITOR', agencyId: null }, actorFor('x', role, 'DINKES'))).error();
    expect([error.kind, error.code]).toEqual(['forbidden', 'ROLE_GRANT_FORBIDDEN']);
  });

  it('lets the system bootstrap grant ADMIN_CITY to a person not yet registered', () => {
    const events = given().when(grant({ role: 'ADMIN_CITY', agencyId: null }, actorFor('system:role-grant-bootstrap', 'SYSTEM'), { employeeKnown: false, agencyKnown: true })).events();
    expect(events[0]).toMatchObject({ type: 'RoleGranted', data: { role: 'ADMIN_CITY', agencyId: null, grantedBy: 'system:role-grant-bootstrap' } });
  });

  it('checks the grant\'s shape, the person and the agency', () => {
    const codeOf = (command: GrantRole) => given().when(command).error().code;
    expect(codeOf(grant({ agencyId: null }))).toBe('AGENCY_REQUIRED');
    expect(codeOf(grant({ role: 'ADMIN_CITY' }))).toBe('AGENCY_NOT_ALLOWED');
    expect(codeOf(grant({}, cityAdmin, { employeeKnown: false, agencyKnown: true }))).toBe('EMPLOYEE_NOT_FOUND');
    expect(codeOf(grant({}, cityAdmin, { employeeKnown: true, agencyKnown: false }))).toBe('AGENCY_NOT_FOUND');
  });

  it('refuses the same grant twice with a conflict, and allows the same role for another agency', () => {
    expect(given(granted).when(grant()).error().code).toBe('ROLE_ALREADY_GRANTED');
    expect(given(granted).when(grant({ agencyId: 'BAPPEDA' })).events()).toHaveLength(1);
  });

  it('revokes a held grant; an unknown one is not found; nobody revokes their own ADMIN_CITY', () => {
    expect(given(granted).when(revoke()).events()).toEqual([
      { type: 'RoleRevoked', data: { nip: NIP, role: 'ADMIN_OPD', agencyId: 'DINKES', revokedBy: cityAdmin.id, revokedAt: now.toISOString(), reason: null } },
    ]);
    expect(given().when(revoke()).error().code).toBe('ROLE_GRANT_NOT_FOUND');
    const own: RoleGrantEvent = { type: 'RoleGranted', data: { ...granted.data, nip: cityAdmin.id, role: 'ADMIN_CITY', agencyId: null } };
    expect(given(own).when(revoke({ nip: cityAdmin.id, role: 'ADMIN_CITY', agencyId: null })).error().code).toBe('ROLE_SELF_REVOKE_FORBIDDEN');
  });

  it('folds grants and revocations to the grants in force', () => {
    expect(given(granted).state).toEqual({ grants: [{ role: 'ADMIN_OPD', agencyId: 'DINKES' }] });
    const revoked: RoleGrantEvent = { type: 'RoleRevoked', data: { nip: NIP, role: 'ADMIN_OPD', agencyId: 'DINKES', revokedBy: 'x', revokedAt: now.toISOString(), reason: null } };
    expect(given(granted, revoked).state).toEqual({ grants: [] });
  });
});
