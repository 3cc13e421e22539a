import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger } from 'pino';
import { redactPath } from '../app/hardening';
import { currentContext, runWithContext } from '../context/request-context';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  service: string;
  level?: Level | 'silent';
  /** Defaults to stdout. */
  destination?: DestinationStream;
}

/** JSON logs; every line carries the service name and, inside a request, its correlation id. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const pinoOptions: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const context = currentContext();
      return context ? { correlationId: context.correlationId, requestId: context.requestId } : {};
    },
  };
  // The default destination writes synchronously, so the last lines before an exit are not lost.
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

/** Nest's logger interface over pino: Nest's own messages become JSON lines too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]) {
    // Nest passes (message, context) or, for errors, (message, stack, context).
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (params.length > 0 && typeof params[0] === 'string') fields.stack = params[0];
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as object) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}

export interface RequestObserver {
  (info: { method: string; route: string; status: number; seconds: number }): void;
}

/**
 * Express-style middleware: one log line per request when the response is finished, and the
 * observation passed to `observe` (the latency histogram).
 */
export function httpLogMiddleware(logger: Logger, observe?: RequestObserver) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    const context = currentContext();
    res.on('finish', () => (context ? runWithContext(context, finished) : finished()));
    const finished = () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const expressReq = req as IncomingMessage & { route?: { path?: string }; baseUrl?: string; originalUrl?: string };
      // Tracking codes travel in public paths: whoever reads the log must not be able to follow them.
      const path = redactPath((expressReq.originalUrl ?? req.url ?? '').split('?')[0]);
      const route = expressReq.route?.path !== undefined ? `${expressReq.baseUrl ?? ''}${expressReq.route.path}` : 'unmatched';
      const status = res.statusCode;
      // 503: the database (or broker) is away for a moment; the cause is logged once as a warning.
      logger[status === 503 ? 'warn' : status >= 500 ? 'error' : 'info'](
        { method: req.method, path, route, status, durationMs: Math.round(seconds * 1e6) / 1e3 },
        'request completed',
      );
      observe?.({ method: req.method ?? 'UNKNOWN', route, status, seconds });
    };
    next();
  };
}
