import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { forbidden } from '@kinerja/domain';
import { Actor, Role } from './actor';
import { isNipShaped, READ_ONLY_ROLES } from './access-policy';

/** Provided by a service that knows its employees: a token naming a NIP it does not know gets 403. */
export const ACTOR_DIRECTORY = Symbol('ACTOR_DIRECTORY');

export interface ActorDirectory {
  /** Whether `nip` is an employee the service's read models know. */
  knows(nip: string): Promise<boolean>;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Roles a person acts in as themself: only these must name a known employee. */
const PERSONAL_ROLES: readonly Role[] = ['EMPLOYEE', 'SUPERVISOR'];

/**
 * Global, after the AuthGuard, before any handler: a read-only role (AUDITOR) never writes,
 * whatever the route checks; a token acting as a person (EMPLOYEE, SUPERVISOR) whose subject is
 * NIP-shaped must name an employee the service knows (when the service provides an
 * ACTOR_DIRECTORY). An elevated role rests on its grant instead (ROLE_NOT_GRANTED in the auth
 * guard; a local token is its own grant), so the city's first administrator, who is nobody's
 * employee yet, can register the agencies. Per-subject decisions are the service's policy
 * (`access-policy.ts`).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private directory: ActorDirectory | null | undefined;

  constructor(private readonly moduleRef: ModuleRef) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ method: string; actor?: Actor }>();
    const actor = request.actor;
    if (!actor) return true;
    if (READ_ONLY_ROLES.includes(actor.role) && !READ_METHODS.has(request.method.toUpperCase())) {
      throw forbidden('READ_ONLY_ROLE', 'Peran auditor hanya dapat membaca');
    }
    if (PERSONAL_ROLES.includes(actor.role) && isNipShaped(actor.id)) {
      const directory = this.lookupDirectory();
      if (directory && !(await directory.knows(actor.id))) {
        throw forbidden('ACTOR_UNKNOWN', 'NIP pada token tidak dikenal sebagai pegawai');
      }
    }
    return true;
  }

  private lookupDirectory(): ActorDirectory | null {
    if (this.directory === undefined) {
      try {
        this.directory = this.moduleRef.get<ActorDirectory>(ACTOR_DIRECTORY, { strict: false });
      } catch {
        this.directory = null;
      }
    }
    return this.directory;
  }
}
