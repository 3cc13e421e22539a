import { Command, CommandActor, conflict, Decider, forbidden, invalid, notFound } from '@kinerja/domain';
import { EmployeeEvent } from './employee.events';
import { checkNip, EmploymentStatus } from './nip.rules';

/** Looked up before deciding: whether `agencyId` names a registered agency. */
export interface EmployeeLookups {
  agencyRegistered: boolean;
}

export type RegisterEmployee = Command<
  'RegisterEmployee',
  { nip: string; name: string; status: EmploymentStatus; agencyId: string; pangkat?: string; golongan?: string },
  EmployeeLookups
>;

export type UpdateEmployee = Command<
  'UpdateEmployee',
  { nip: string; name: string; status: EmploymentStatus; agencyId: string; pangkat: string | null; golongan: string | null },
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

/** Golongan: PNS I/a–IV/e (PP 99/2000), PPPK I–XVII (Perpres 98/2020). */
const PNS_GOLONGAN = /^(I\/[a-d]|II\/[a-d]|III\/[a-d]|IV\/[a-e])$/;
const PPPK_GOLONGAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$/;

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
      if (data.golongan !== undefined && !(data.status === 'PNS' ? PNS_GOLONGAN : PPPK_GOLONGAN).test(data.golongan)) {
        throw invalid(
          'GOLONGAN_INVALID',
          data.status === 'PNS' ? 'Golongan PNS harus I/a sampai IV/e.' : 'Golongan PPPK harus I sampai XVII.',
          'golongan',
        );
      }
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
            pangkat: data.pangkat ?? null,
            golongan: data.golongan ?? null,
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
      if (data.golongan !== null && !(data.status === 'PNS' ? PNS_GOLONGAN : PPPK_GOLONGAN).test(data.golongan)) {
        throw invalid('GOLONGAN_INVALID', data.status === 'PNS' ? 'Golongan PNS harus I/a sampai IV/e.' : 'Golongan PPPK harus I sampai XVII.', 'golongan');
      }
      const same =
        state.name === data.name &&
        state.employmentStatus === data.status &&
        state.agencyId === data.agencyId &&
        state.pangkat === data.pangkat &&
        state.golongan === data.golongan;
      if (same) return [];
      return [{ type: 'EmployeeUpdated', data: { ...data, updatedAt: now.toISOString(), updatedBy: actor.id } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`Unknown command ${String(_exhaustive)}`);
    }
  }
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeEvent, EmployeeState> = { initialState, evolve, decide };
