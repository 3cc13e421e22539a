import { Command, Decider, forbidden, invalid } from '@kinerja/domain';
import { OfficialEvent } from './official.events';

/** Register or correct a city official (name, office): city admins only. The same data again changes nothing. */
export type RecordOfficial = Command<'RecordOfficial', { officialId: string; name: string; office: string }>;
export type OfficialCommand = RecordOfficial;

export type OfficialState = { status: 'unknown' } | { status: 'known'; officialId: string; name: string; office: string };

export const initialState = (): OfficialState => ({ status: 'unknown' });

export function evolve(_state: OfficialState, event: OfficialEvent): OfficialState {
  switch (event.type) {
    case 'OfficialRecorded':
      return { status: 'known', officialId: event.data.officialId, name: event.data.name, office: event.data.office };
    default: {
      const _exhaustive: never = event.type;
      return _exhaustive;
    }
  }
}

/** An official's id is a sign-in subject; 18 digits would read as a NIP, so it must hold a letter. */
export const OFFICIAL_ID = /^(?=.*[A-Za-z])[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function decide(command: OfficialCommand, state: OfficialState): OfficialEvent[] {
  switch (command.type) {
    case 'RecordOfficial': {
      const { actor, now } = command.metadata;
      if (actor.role !== 'ADMIN_CITY') throw forbidden('OFFICIAL_FORBIDDEN', 'Hanya admin kota (BKPSDM) yang dapat mencatat pejabat daerah.');
      const { officialId, name, office } = command.data;
      if (!OFFICIAL_ID.test(officialId))
        throw invalid('OFFICIAL_ID_INVALID', 'Kode pejabat: huruf, angka, titik, garis bawah atau tanda hubung, memuat huruf, maksimal 64 karakter.', 'officialId');
      if (name.trim() === '') throw invalid('OFFICIAL_NAME_REQUIRED', 'Nama pejabat wajib diisi.', 'name');
      if (office.trim() === '') throw invalid('OFFICIAL_OFFICE_REQUIRED', 'Jabatan pejabat wajib diisi.', 'office');
      if (state.status === 'known' && state.name === name && state.office === office) return [];
      return [{ type: 'OfficialRecorded', data: { officialId, name, office, recordedAt: now.toISOString(), recordedBy: actor.id } }];
    }
    default: {
      const _exhaustive: never = command.type;
      throw new Error(`Unknown command ${String(_exhaustive)}`);
    }
  }
}

export const officialDecider: Decider<OfficialCommand, OfficialEvent, OfficialState> = { initialState, evolve, decide };
