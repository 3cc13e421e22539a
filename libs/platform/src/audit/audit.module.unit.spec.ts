import { Module } from '@nestjs/common';
import { AUDITED_EVENT_STORE } from './audit.controller';
import { AuditModule, auditModuleFor } from './audit.module';

@Module({})
class ServiceModule {}

describe('auditModuleFor', () => {
  it('mounts the audit endpoints only on a service root that provides its event store to audit', () => {
    expect(auditModuleFor({ module: ServiceModule, providers: [{ provide: AUDITED_EVENT_STORE, useValue: {} }] })).toEqual([AuditModule]);
    expect(auditModuleFor({ module: ServiceModule, providers: [{ provide: 'OTHER', useValue: {} }] })).toEqual([]);
    expect(auditModuleFor(ServiceModule)).toEqual([]);
  });
});
