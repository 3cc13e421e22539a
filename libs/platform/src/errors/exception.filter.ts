import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { mapError } from './error-mapping';

/** Global: every error leaves as the shared JSON body; unexpected ones are logged, never leaked. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const { status, body, unexpected, headers } = mapError(exception);
    if (unexpected) this.logger.error({ err: exception }, 'unexpected error');
    else if (status === 503) this.logger.warn({ err: exception }, 'service unavailable');
    const response = host.switchToHttp().getResponse<ServerResponse>();
    if (response.headersSent) return;
    response.statusCode = status;
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(body));
  }
}
