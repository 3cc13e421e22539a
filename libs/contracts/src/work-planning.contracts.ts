import { defineContract } from './contract';

/**
 * Public events of `work-planning` on `kinerja.work-planning.v1`. Adding a contract means adding
 * its type, schema and entry here (README: evolution rule).
 */

export interface AgencyRegisteredV1 {
  agencyId: string;
  code: string;
  name: string;
}

export interface EmployeeRegisteredV1 {
  /** Nomor Induk Pegawai: 18 digits. */
  nip: string;
  name: string;
  status: 'PNS' | 'PPPK';
  agencyId: string;
  pangkat?: string;
  golongan?: string;
}

const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' };
const ID = { type: 'string', minLength: 1, maxLength: 100 };

export const workPlanningContracts = [
  defineContract({
    type: 'AgencyRegistered.v1',
    service: 'work-planning',
    keyField: 'agencyId',
    description: 'A city agency (OPD) was registered.',
    schema: {
      type: 'object',
      required: ['agencyId', 'code', 'name'],
      properties: {
        agencyId: ID,
        code: { type: 'string', minLength: 1, maxLength: 50 },
        name: { type: 'string', minLength: 1, maxLength: 300 },
      },
    },
  }),
  defineContract({
    type: 'EmployeeRegistered.v1',
    service: 'work-planning',
    keyField: 'nip',
    description: 'A civil servant (ASN: PNS or PPPK) was registered in an agency.',
    schema: {
      type: 'object',
      required: ['nip', 'name', 'status', 'agencyId'],
      properties: {
        nip: NIP,
        name: { type: 'string', minLength: 1, maxLength: 300 },
        status: { enum: ['PNS', 'PPPK'] },
        agencyId: ID,
        pangkat: { type: 'string', maxLength: 100 },
        golongan: { type: 'string', maxLength: 20, description: 'e.g. III/a (PNS) or IX (PPPK)' },
      },
    },
  }),
] as const;

export interface WorkPlanningEvents {
  'AgencyRegistered.v1': AgencyRegisteredV1;
  'EmployeeRegistered.v1': EmployeeRegisteredV1;
}
