import { Command, conflict, Decider, forbidden } from '@kinerja/domain';
import { AgencyEvent } from './agency.events';

export type RegisterAgency = Command<'RegisterAgency', { agencyId: string; code: string; name: string }>;

export type AgencyCommand = RegisterAgency;

export type AgencyState =
  | { status: 'unregistered' }
  | { status: 'registered'; agencyId: string; code: string; name: string };

export const initialState = (): AgencyState => ({ status: 'unregistered' });

export function evolve(_state: AgencyState, event: AgencyEvent): AgencyState {
  switch (event.type) {
    case 'AgencyRegistered':
      return { status: 'registered', agencyId: event.data.agencyId, code: event.data.code, name: event.data.name };
    default: {
      const _exhaustive: never = event.type;
      throw new Error(`Unknown event ${String(_exhaustive)}`);
    }
  }
}

export function decide(command: AgencyCommand, state: AgencyState): AgencyEvent[] {
  switch (command.type) {
    case 'RegisterAgency': {
      const { actor, now } = command.metadata;
      if (actor.role !== 'ADMIN_CITY') {
        throw forbidden('AGENCY_REGISTRATION_FORBIDDEN', 'Hanya admin kota (BKPSDM) yang dapat mendaftarkan OPD.');
      }
      if (state.status === 'registered') {
        throw conflict('AGENCY_ALREADY_REGISTERED', `OPD dengan kode ${state.code} sudah terdaftar.`);
      }
      const { agencyId, code, name } = command.data;
      return [{ type: 'AgencyRegistered', data: { agencyId, code, name, registeredAt: now.toISOString(), registeredBy: actor.id } }];
    }
    default: {
      const _exhaustive: never = command.type;
      throw new Error(`Unknown command ${String(_exhaustive)}`);
    }
  }
}

export const agencyDecider: Decider<AgencyCommand, AgencyEvent, AgencyState> = { initialState, evolve, decide };
