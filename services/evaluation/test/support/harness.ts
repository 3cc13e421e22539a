import { bootServiceHarness, ServiceHarness } from '@kinerja/testing';
import { AppModule } from '../../src/app.module';
import { EvaluationConfig, loadEvaluationConfig } from '../../src/config';

export type Harness = ServiceHarness<EvaluationConfig>;

/** The whole service over HTTP on a fresh database (one per test file), as main.ts wires it; the scheduler off. */
export function bootHarness(prefix: string, options: { now: string; env?: Record<string, string> }): Promise<Harness> {
  return bootServiceHarness({
    prefix,
    keyDirPrefix: 'kinerja-eval-keys-',
    now: options.now,
    env: { SCHEDULER_ENABLED: 'false', NOTIFICATIONS_ENABLED: 'false', ...options.env },
    loadConfig: loadEvaluationConfig,
    module: (config) => AppModule.forRoot(config),
    eventStoreSchema: (config) => config.EVENT_STORE_SCHEMA,
  });
}

export const AGENCY = 'DINKES';
export const NIP = {
  kadis: '196501011990031001',
  sek: '197001011995031002',
  kaumum: '198001012005011003',
  staf1: '199001012015011004',
  staf2: '199001012015011005',
  staf3: '199001012015011006',
};

/** Dinas → Sekretariat → Subbagian Umum (head + three staff), all from 2020. */
export function organisationFacts() {
  const unit = (unitId: string, name: string, parentUnitId: string | null) => ({ type: 'UnitCreated', data: { agencyId: AGENCY, unitId, name, parentUnitId } });
  const position = (positionId: string, unitId: string, parentPositionId: string | null) => ({
    type: 'PositionCreated',
    data: { agencyId: AGENCY, positionId, name: positionId, unitId, parentPositionId, establishedOn: '2020-01-01' },
  });
  const assign = (nip: string, positionId: string) => ({
    type: 'PositionAssigned',
    data: { agencyId: AGENCY, assignmentId: `A-${nip}`, nip, positionId, type: 'DEFINITIVE', from: '2020-01-01', to: null },
  });
  return [
    unit('U-DINAS', 'Dinas Kesehatan', null),
    unit('U-SEK', 'Sekretariat', 'U-DINAS'),
    unit('U-UMUM', 'Subbagian Umum', 'U-SEK'),
    position('P-KADIS', 'U-DINAS', null),
    position('P-SEK', 'U-SEK', 'P-KADIS'),
    position('P-KAUMUM', 'U-UMUM', 'P-SEK'),
    position('P-STAF1', 'U-UMUM', 'P-KAUMUM'),
    position('P-STAF2', 'U-UMUM', 'P-KAUMUM'),
    position('P-STAF3', 'U-UMUM', 'P-KAUMUM'),
    assign(NIP.kadis, 'P-KADIS'),
    assign(NIP.sek, 'P-SEK'),
    assign(NIP.kaumum, 'P-KAUMUM'),
    assign(NIP.staf1, 'P-STAF1'),
    assign(NIP.staf2, 'P-STAF2'),
    assign(NIP.staf3, 'P-STAF3'),
  ];
}
