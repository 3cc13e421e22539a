import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../openapi/complete-openapi';
import { Actor } from './actor';

export const IS_PUBLIC = 'kinerja:isPublic';

/** The route needs no token (health, metrics, docs, citizens' endpoints). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** The authenticated caller, as set by the AuthGuard. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor;
  if (!actor) throw new Error('@CurrentActor() used on a route without an authenticated actor');
  return actor;
});
