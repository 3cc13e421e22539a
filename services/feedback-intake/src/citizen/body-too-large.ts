import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A body beyond the JSON parser's own limit fails inside the parser, before any guard or filter of
 * a route, and would leave as a 500. This express error handler, added after the routes and before
 * Nest's error handler (onModuleInit runs in between), answers 413 in plain Bahasa Indonesia.
 */
@Injectable()
export class BodyTooLargeHandler implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter.use((error: { type?: string; status?: number } | undefined, _req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
      if (error?.type !== 'entity.too.large' || res.headersSent) return next(error);
      res.statusCode = 413;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ statusCode: 413, code: 'SUBMISSION_TOO_LARGE', message: 'Kiriman terlalu besar. Persingkat isian Anda lalu kirim lagi.' }));
    });
  }
}
