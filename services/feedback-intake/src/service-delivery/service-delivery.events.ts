import { DomainEvent } from '@kinerja/domain';

/**
 * Service delivery (issue 19): an agency's published service-time standards (standar pelayanan:
 * "penerbitan KTP-el selesai dalam 1 jam") and the completed applications its own systems report,
 * each judged against the standard in force when it was received. No citizen's data: a record
 * names the service, the unit, the officer and two instants.
 */

/** A standard is counted in working days (on the city's working calendar) or in working hours. */
export const SERVICE_TIME_UNITS = ['WORKING_DAYS', 'HOURS'] as const;
export type ServiceTimeUnit = (typeof SERVICE_TIME_UNITS)[number];

/** Where the application was made: at the counter, online, by a mobile (jemput bola) service, other. */
export const SERVICE_CHANNELS = ['LOKET', 'ONLINE', 'KELILING', 'LAINNYA'] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];

/** How records reached Kinerja. */
export const SERVICE_RECORD_SOURCES = ['API', 'CSV', 'STREAM'] as const;
export type ServiceRecordSource = (typeof SERVICE_RECORD_SOURCES)[number];

export interface ServiceTime {
  amount: number;
  unit: ServiceTimeUnit;
}

/** Stream `service-standards-<agencyId>`: every version of every standard of one agency. */
export const serviceStandardsStream = (agencyId: string) => `service-standards-${agencyId}`;
/** Stream `service-records-<agencyId>-<batchId>`: one accepted batch (all its records or none). */
export const serviceRecordBatchStream = (agencyId: string, batchId: string) => `service-records-${agencyId}-${batchId}`;
export const SERVICE_RECORD_STREAM_PREFIX = 'service-records-';

export type ServiceStandardSet = DomainEvent<
  'ServiceStandardSet',
  {
    agencyId: string;
    serviceCode: string;
    name: string;
    standard: ServiceTime;
    /** 1 for the first standard of the service; each change is a new version. */
    version: number;
    /** Local date from which applications received are judged by this version. */
    effectiveFrom: string;
    setBy: string;
    setAt: string;
  }
>;

/** A completed application as Kinerja keeps it: judged against the standard version in force on receipt. */
export interface AcceptedServiceRecord {
  sourceId: string;
  serviceCode: string;
  unitId: string;
  officerNip: string;
  receivedAt: string;
  completedAt: string;
  channel: ServiceChannel;
  standardVersion: number;
  standard: ServiceTime;
  /** Time taken, in the standard's unit (working days or working hours), two decimals. */
  elapsed: number;
  withinStandard: boolean;
}

export type ServiceRecordsAccepted = DomainEvent<
  'ServiceRecordsAccepted',
  {
    agencyId: string;
    batchId: string;
    source: ServiceRecordSource;
    records: AcceptedServiceRecord[];
    acceptedBy: string;
    acceptedAt: string;
  }
>;

export type ServiceDeliveryEvent = ServiceStandardSet | ServiceRecordsAccepted;
