import { DynamicModule, Module, Type } from '@nestjs/common';
import { loadCityKey } from '@kinerja/audit';
import { PLATFORM_CONFIG } from '../app/platform.module';
import { PlatformConfig } from '../config/config';
import { AUDIT_SIGNING_KEY, AUDITED_EVENT_STORE, AuditController } from './audit.controller';

/** GET /audit/verify and GET /audit/employees/:nip/history over the service's own event store. */
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: AUDIT_SIGNING_KEY,
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig) => (config.AUDIT_SIGNING_KEY_FILE ? loadCityKey(config.AUDIT_SIGNING_KEY_FILE, false) : null),
    },
  ],
})
export class AuditModule {}

/**
 * The audit module for a service root that provides AUDITED_EVENT_STORE (every root built with
 * `eventSourcedProviders`), none otherwise: a service without an event store has nothing to audit.
 */
export function auditModuleFor(root: Type<unknown> | DynamicModule): Type<unknown>[] {
  const providers = 'module' in root ? (root.providers ?? []) : [];
  const audited = providers.some((p) => typeof p === 'object' && p !== null && 'provide' in p && p.provide === AUDITED_EVENT_STORE);
  return audited ? [AuditModule] : [];
}
