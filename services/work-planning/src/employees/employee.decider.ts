import { Command, CommandActor, conflict, Decider, forbidden, invalid, notFound } from '@kinerja/domain';
import { isGolongan, pangkatOf } from '@kinerja/contracts';
import { EmployeeEvent } from './employee.events';
import { checkNip, EmploymentStatus } from './nip.rules';

/** Looked up before deciding: whether `agencyId` names a registered agency. */
export interface EmployeeLookups {
  agencyRegistered: boolean;
}

export type RegisterEmployee = Command<
  'RegisterEmployee',
  { nip: string; name: string; status: EmploymentStatus; agencyId: string; golongan?: string; tmtGolongan?: string; email?: string },
  EmployeeLookups
>;

export type UpdateEmployee = Command<
  'UpdateEmployee',
  /** `tmtGolongan` and `email` left out keep the recorded ones. */
  { nip: string; name: string; status: EmploymentStatus; agencyId: string; golongan: string | null; tmtGolongan?: string | null; email?: string | null },
  EmployeeLookups
>;

export type EmployeeCommand = RegisterEmployee | UpdateEmployee;

export type EmployeeState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      nip: string;
      agencyId: string;
      employmentStatus: EmploymentStatus;
      name: string;
      pangkat: string | null;
      golongan: string | null;
      tmtGolongan: string | null;
      email: string | null;
    };

export const initialState = (): EmployeeState => ({ status: 'unregistered' });

export function evolve(_state: EmployeeState, event: EmployeeEvent): EmployeeState {
  switch (event.type) {
    case 'EmployeeRegistered':
    case 'EmployeeUpdated':
      return {
        status: 'registered',
        nip: event.data.nip,
        agencyId: event.data.agencyId,
        employmentStatus: event.data.status,
        name: event.data.name,
        pangkat: event.data.pangkat,
        golongan: event.data.golongan,
        tmtGolongan: event.data.tmtGolongan ?? null,
        email: event.data.email ?? null,
      };
    default: {
      const _exhaustive: never = event;
      throw new Error(`Unknown event ${String(_exhaustive)}`);
    }
  }
}

/** City admins (BKPSDM) register anywhere; an agency's HR admin only in their own agency. */
export function mayManageAgency(actor: CommandActor, agencyId: string): boolean {
  return actor.role === 'ADMIN_CITY' || (actor.role === 'ADMIN_OPD' && actor.agencyId === agencyId);
}

/**
 * Golongan: PNS I/a–IV/e, PPPK I–XVII; the pangkat follows from it and the TMT golongan needs it
 * (docs/regulations.md §5.2).
 */
function checkRank(status: EmploymentStatus, golongan: string | null | undefined, tmtGolongan: string | null | undefined): void {
  if (golongan !== null && golongan !== undefined && !isGolongan(status, golongan)) {
    throw invalid('GOLONGAN_INVALID', status === 'PNS' ? 'Golongan PNS harus I/a sampai IV/e.' : 'Golongan PPPK harus I sampai XVII.', 'golongan');
  }
  if (tmtGolongan === null || tmtGolongan === undefined) return;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(tmtGolongan) || Number.isNaN(Date.parse(`${tmtGolongan}T00:00:00Z`)) || new Date(`${tmtGolongan}T00:00:00Z`).toISOString().slice(0, 10) !== tmtGolongan)
    throw invalid('DATE_INVALID', 'TMT golongan harus tanggal YYYY-MM-DD.', 'tmtGolongan');
  if (golongan === null || golongan === undefined) throw invalid('GOLONGAN_REQUIRED', 'TMT golongan memerlukan golongan.', 'golongan');
}

export function decide(command: EmployeeCommand, state: EmployeeState): EmployeeEvent[] {
  switch (command.type) {
    case 'RegisterEmployee': {
      const { actor, now } = command.metadata;
      const { data } = command;
      if (!mayManageAgency(actor, data.agencyId)) {
        throw forbidden(
          'EMPLOYEE_REGISTRATION_FORBIDDEN',
          'Hanya admin kota (BKPSDM) atau admin OPD yang bersangkutan yang dapat mendaftarkan pegawai.',
        );
      }
      if (!command.lookups.agencyRegistered) throw invalid('AGENCY_NOT_REGISTERED', `OPD ${data.agencyId} belum terdaftar.`, 'agencyId');
      const nip = checkNip(data.nip, data.status, now);
      if (!nip.ok) throw invalid(nip.code, nip.message, 'nip');
      checkRank(data.status, data.golongan, data.tmtGolongan);
      if (state.status === 'registered') {
        throw conflict('EMPLOYEE_ALREADY_REGISTERED', `Pegawai dengan NIP ${data.nip} sudah terdaftar.`);
      }
      return [
        {
          type: 'EmployeeRegistered',
          data: {
            nip: data.nip,
            name: data.name,
            status: data.status,
            agencyId: data.agencyId,
            pangkat: pangkatOf(data.status, data.golongan),
            golongan: data.golongan ?? null,
            tmtGolongan: data.tmtGolongan ?? null,
            ...(data.email ? { email: data.email } : {}),
            birthDate: nip.value.birthDate,
            gender: nip.value.gender,
            appointmentYear: nip.value.appointmentYear,
            appointmentMonth: nip.value.appointmentMonth,
            registeredAt: now.toISOString(),
            registeredBy: actor.id,
          },
        },
      ];
    }
    case 'UpdateEmployee': {
      const { actor, now } = command.metadata;
      const { data } = command;
      if (state.status !== 'registered') throw notFound('EMPLOYEE_NOT_FOUND', `Pegawai dengan NIP ${data.nip} tidak ditemukan.`);
      if (!mayManageAgency(actor, data.agencyId) || !mayManageAgency(actor, state.agencyId)) {
        throw forbidden('EMPLOYEE_UPDATE_FORBIDDEN', 'Hanya admin kota (BKPSDM) atau admin OPD yang bersangkutan yang dapat mengubah data pegawai.');
      }
      if (!command.lookups.agencyRegistered) throw invalid('AGENCY_NOT_REGISTERED', `OPD ${data.agencyId} belum terdaftar.`, 'agencyId');
      const tmtGolongan = data.tmtGolongan === undefined ? (data.golongan === state.golongan ? state.tmtGolongan : null) : data.tmtGolongan;
      checkRank(data.status, data.golongan, tmtGolongan);
      const pangkat = pangkatOf(data.status, data.golongan);
      const email = data.email === undefined ? state.email : data.email;
      const same =
        state.name === data.name &&
        state.employmentStatus === data.status &&
        state.agencyId === data.agencyId &&
        state.pangkat === pangkat &&
        state.golongan === data.golongan &&
        state.tmtGolongan === tmtGolongan &&
        state.email === email;
      if (same) return [];
      const { nip, name, status, agencyId, golongan } = data;
      return [{ type: 'EmployeeUpdated', data: { nip, name, status, agencyId, pangkat, golongan, tmtGolongan, ...(email !== null || state.email !== null ? { email } : {}), updatedAt: now.toISOString(), updatedBy: actor.id } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`Unknown command ${String(_exhaustive)}`);
    }
  }
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeEvent, EmployeeState> = { initialState, evolve, decide };
