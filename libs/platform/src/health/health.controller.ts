import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { Public } from '../auth/decorators';
import { HealthRegistry } from './health';

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** Liveness: the process answers. */
  @Get()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: every registered check (database, projection lag ...) passes. */
  @Get('ready')
  async ready(@Res() res: ServerResponse): Promise<void> {
    const { ready, checks } = await this.registry.run();
    res.statusCode = ready ? 200 : 503;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ status: ready ? 'ok' : 'unavailable', checks }));
  }
}
