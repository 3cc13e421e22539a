import { Command, Decider, conflict, ignoreUnknownEvent, invalid } from '@kinerja/domain';
import { AcceptedServiceRecord, ServiceDeliveryEvent, ServiceRecordSource, ServiceStandardSet, ServiceTime } from './service-delivery.events';

/** Records per stored event (and per public message): a message stays well under the broker's 1 MB. */
export const RECORDS_PER_EVENT = 500;

export type SetServiceStandard = Command<
  'SetServiceStandard',
  { agencyId: string; serviceCode: string; name: string; standard: ServiceTime; effectiveFrom: string }
>;

export type AcceptServiceRecords = Command<
  'AcceptServiceRecords',
  { agencyId: string; batchId: string; source: ServiceRecordSource; records: AcceptedServiceRecord[] }
>;

export type ServiceDeliveryCommand = SetServiceStandard | AcceptServiceRecords;

/** One agency's standards (stream `service-standards-<agency>`) or one batch of records (its own stream). */
export interface ServiceDeliveryState {
  standards: Readonly<Record<string, readonly ServiceStandardSet['data'][]>>;
  batchAccepted: boolean;
}

export const initialState = (): ServiceDeliveryState => ({ standards: {}, batchAccepted: false });

export function evolve(state: ServiceDeliveryState, event: ServiceDeliveryEvent): ServiceDeliveryState {
  switch (event.type) {
    case 'ServiceStandardSet': {
      const code = event.data.serviceCode;
      return { ...state, standards: { ...state.standards, [code]: [...(state.standards[code] ?? []), event.data] } };
    }
    case 'ServiceRecordsAccepted':
      return { ...state, batchAccepted: true };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

const MSG = {
  name: 'Nama layanan wajib diisi (paling banyak 200 karakter).',
  days: 'Standar dalam hari kerja harus bilangan bulat 1–365.',
  hours: 'Standar dalam jam harus lebih dari 0 dan paling banyak 720, dengan paling banyak dua desimal.',
  effective: 'Tanggal berlaku harus berupa tanggal YYYY-MM-DD.',
  before: (date: string) => `Versi baru harus berlaku sejak ${date} atau sesudahnya (tanggal berlaku versi terakhir).`,
} as const;

function checkStandard(standard: ServiceTime): void {
  if (standard.unit === 'WORKING_DAYS' && !(Number.isInteger(standard.amount) && standard.amount >= 1 && standard.amount <= 365))
    throw invalid('STANDARD_AMOUNT_INVALID', MSG.days, 'amount');
  if (standard.unit === 'HOURS' && !(standard.amount > 0 && standard.amount <= 720 && Math.round(standard.amount * 100) === standard.amount * 100))
    throw invalid('STANDARD_AMOUNT_INVALID', MSG.hours, 'amount');
}

export function decide(command: ServiceDeliveryCommand, state: ServiceDeliveryState): ServiceDeliveryEvent[] {
  switch (command.type) {
    case 'SetServiceStandard': {
      const { agencyId, serviceCode, standard, effectiveFrom } = command.data;
      const name = command.data.name.trim();
      if (name === '' || name.length > 200) throw invalid('SERVICE_NAME_INVALID', MSG.name, 'name');
      checkStandard(standard);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) || Number.isNaN(Date.parse(effectiveFrom))) throw invalid('EFFECTIVE_FROM_INVALID', MSG.effective, 'effectiveFrom');
      const versions = state.standards[serviceCode] ?? [];
      const latest = versions[versions.length - 1];
      if (latest && latest.name === name && latest.standard.amount === standard.amount && latest.standard.unit === standard.unit) return [];
      if (latest && effectiveFrom < latest.effectiveFrom) throw conflict('STANDARD_EFFECTIVE_BEFORE_LATEST', MSG.before(latest.effectiveFrom));
      return [
        {
          type: 'ServiceStandardSet',
          data: { agencyId, serviceCode, name, standard, version: versions.length + 1, effectiveFrom, setBy: command.metadata.actor.id, setAt: command.metadata.now.toISOString() },
        },
      ];
    }
    case 'AcceptServiceRecords': {
      // A batch is named by what it holds: sending it again finds its stream and stores nothing.
      if (state.batchAccepted || command.data.records.length === 0) return [];
      const { agencyId, batchId, source, records } = command.data;
      // A large upload is stored as several events of one append (all or none), each small enough to publish.
      const events: ServiceDeliveryEvent[] = [];
      for (let i = 0; i < records.length; i += RECORDS_PER_EVENT) {
        events.push({
          type: 'ServiceRecordsAccepted',
          data: { agencyId, batchId, source, records: records.slice(i, i + RECORDS_PER_EVENT), acceptedBy: command.metadata.actor.id, acceptedAt: command.metadata.now.toISOString() },
        });
      }
      return events;
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`Unknown command ${String((_exhaustive as { type?: unknown }).type)}`);
    }
  }
}

export const serviceDeliveryDecider: Decider<ServiceDeliveryCommand, ServiceDeliveryEvent, ServiceDeliveryState> = { initialState, evolve, decide };
