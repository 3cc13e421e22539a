import { BadRequestException, CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor } from './actor';
import { IS_PUBLIC } from './decorators';
import { parseRoleHeader, ROLE_HEADER, RoleGrants, RoleHeaderError, RoleRequest, resolveActor } from './role-grants';
import { AuthenticationError, TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * Global guard: every route needs a valid bearer token unless it is marked @Public(). The token
 * proves who is calling; the X-Kinerja-Role header picks the role, accepted only when granted
 * (role-grants.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly grants: RoleGrants,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined>; actor?: Actor }>();
    const authorization = request.headers.authorization;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(typeof authorization === 'string' ? authorization : '');
    if (!match) {
      throw new UnauthorizedException({ code: 'TOKEN_MISSING', message: 'Permintaan ini memerlukan token (Authorization: Bearer).' });
    }
    let identity;
    try {
      identity = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw new UnauthorizedException({ code: error.code, message: error.message });
      throw error;
    }
    let requested: RoleRequest | undefined;
    try {
      requested = parseRoleHeader(request.headers[ROLE_HEADER]);
    } catch (error) {
      if (error instanceof RoleHeaderError) throw new BadRequestException({ code: error.code, message: error.message, field: 'X-Kinerja-Role' });
      throw error;
    }
    const actor = await resolveActor(identity, requested, this.grants);
    if (!actor) {
      throw new ForbiddenException({
        code: 'ROLE_NOT_GRANTED',
        message: `Peran ${requested?.role}${requested?.agencyId ? ` untuk ${requested.agencyId}` : ''} tidak diberikan kepada ${identity.id}.`,
      });
    }
    request.actor = actor;
    return true;
  }
}
