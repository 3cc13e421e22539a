import { Projection } from '@kinerja/domain';
import { ServiceDeliveryEvent, ServiceTimeUnit } from '../service-delivery.events';

/** Every version of every service standard: the unit page shows the one in force, HR the history. */
export interface ServiceStandardRow {
  key: string;
  agencyId: string;
  serviceCode: string;
  version: number;
  name: string;
  amount: string;
  unit: ServiceTimeUnit;
  effectiveFrom: string;
  setBy: string;
  setAt: Date;
}

export const serviceStandardKey = (agencyId: string, serviceCode: string, version: number) => `${agencyId}/${serviceCode}/${version}`;

export const serviceStandardProjection: Projection<ServiceStandardRow, ServiceDeliveryEvent> = {
  name: 'feedback-intake.service-standards',
  handles: ['ServiceStandardSet'],
  keys: (event) => (event.type === 'ServiceStandardSet' ? [serviceStandardKey(event.data.agencyId, event.data.serviceCode, event.data.version)] : []),
  evolve(row, event, key) {
    if (event.type !== 'ServiceStandardSet') return row;
    const d = event.data;
    return { key, agencyId: d.agencyId, serviceCode: d.serviceCode, version: d.version, name: d.name, amount: String(d.standard.amount), unit: d.standard.unit, effectiveFrom: d.effectiveFrom, setBy: d.setBy, setAt: new Date(d.setAt) };
  },
};

/** One completed application, judged; the figures are aggregates of these rows. */
export interface ServiceRecordRow {
  key: string;
  agencyId: string;
  sourceId: string;
  serviceCode: string;
  unitId: string;
  officerNip: string;
  receivedAt: Date;
  completedAt: Date;
  channel: string;
  standardVersion: number;
  standardAmount: string;
  standardUnit: ServiceTimeUnit;
  elapsed: string;
  withinStandard: boolean;
  batchId: string;
}

export const serviceRecordKey = (agencyId: string, sourceId: string) => `${agencyId}/${sourceId}`;

export const serviceRecordProjection: Projection<ServiceRecordRow, ServiceDeliveryEvent> = {
  name: 'feedback-intake.service-records',
  handles: ['ServiceRecordsAccepted'],
  keys: (event) => (event.type === 'ServiceRecordsAccepted' ? event.data.records.map((r) => serviceRecordKey(event.data.agencyId, r.sourceId)) : []),
  evolve(row, event, key) {
    // The first batch that named a source id wins: two batches racing with the same record count it once.
    if (row || event.type !== 'ServiceRecordsAccepted') return row;
    const d = event.data;
    const r = d.records.find((x) => serviceRecordKey(d.agencyId, x.sourceId) === key);
    if (!r) return row;
    return {
      key,
      agencyId: d.agencyId,
      sourceId: r.sourceId,
      serviceCode: r.serviceCode,
      unitId: r.unitId,
      officerNip: r.officerNip,
      receivedAt: new Date(r.receivedAt),
      completedAt: new Date(r.completedAt),
      channel: r.channel,
      standardVersion: r.standardVersion,
      standardAmount: String(r.standard.amount),
      standardUnit: r.standard.unit,
      elapsed: String(r.elapsed),
      withinStandard: r.withinStandard,
      batchId: d.batchId,
    };
  },
};
