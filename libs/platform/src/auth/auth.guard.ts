import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor } from './actor';
import { IS_PUBLIC } from './decorators';
import { AuthenticationError, TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** Global guard: every route needs a valid bearer token unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      throw new UnauthorizedException({ code: 'TOKEN_MISSING', message: 'Permintaan ini memerlukan token (Authorization: Bearer).' });
    }
    try {
      request.actor = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw new UnauthorizedException({ code: error.code, message: error.message });
      throw error;
    }
    return true;
  }
}
