import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { AccessGuard } from '../auth/access.guard';
import { AuthGuard, TOKEN_VERIFIER } from '../auth/auth.guard';
import { RoleGrants } from '../auth/role-grants';
import { TokenVerifier } from '../auth/token-verifier';
import { PlatformConfig } from '../config/config';
import { Clock, CLOCK } from '../context/clock';
import { SimulatedClockController } from '../context/simulated-clock';
import { HealthController } from '../health/health.controller';
import { HealthRegistry } from '../health/health';
import { Metrics } from '../metrics/metrics';
import { MetricsController } from '../metrics/metrics.controller';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const LOGGER = Symbol('LOGGER');

export interface PlatformModuleOptions {
  config: PlatformConfig;
  verifier: TokenVerifier;
  logger: Logger;
  metrics: Metrics;
  health: HealthRegistry;
  clock: Clock;
}

/**
 * What every service gets: the auth guard on every route, /health and /metrics, and the shared
 * instances (logger, metrics, health registry, clock) for injection anywhere.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController, ...(options.config.CLOCK_MODE === 'simulated' ? [SimulatedClockController] : [])],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: options.config },
        { provide: TOKEN_VERIFIER, useValue: options.verifier },
        { provide: LOGGER, useValue: options.logger },
        { provide: Metrics, useValue: options.metrics },
        { provide: HealthRegistry, useValue: options.health },
        { provide: CLOCK, useValue: options.clock },
        { provide: RoleGrants, useValue: new RoleGrants() },
        { provide: APP_GUARD, useClass: AuthGuard },
        // After authentication: read-only roles and unknown NIPs (auth/access.guard.ts).
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [PLATFORM_CONFIG, TOKEN_VERIFIER, LOGGER, Metrics, HealthRegistry, CLOCK, RoleGrants],
    };
  }
}
