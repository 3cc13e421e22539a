import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { conflict, forbidden } from '@kinerja/domain';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/decorators';
import { parseInput } from '../validation/zod-validation';
import { zodToOpenApi } from '../validation/zod-openapi';
import { Clock, CLOCK } from './clock';

/**
 * A clock that can be moved forward, for the demo city and the end-to-end scenario (a year of
 * SLA deadlines, objection windows and schedulers in minutes). It runs at real speed from the
 * instant it was last set: `now = setTo + (real now - setAt)`. Never moved backwards, so events
 * keep their order in time. Only with `CLOCK_MODE=simulated`; production keeps the system clock.
 */
export class SimulatedClock implements Clock {
  private offsetMs: number;

  constructor(
    start: Date = new Date(),
    private readonly realNow: () => number = Date.now,
  ) {
    this.offsetMs = start.getTime() - realNow();
  }

  now(): Date {
    return new Date(this.realNow() + this.offsetMs);
  }

  /** Moves the clock to `instant`; refuses to go back in time. */
  set(instant: Date): Date {
    const current = this.now();
    if (instant.getTime() < current.getTime())
      throw conflict('CLOCK_BACKWARDS', `Waktu simulasi tidak dapat dimundurkan (sekarang ${current.toISOString()})`);
    this.offsetMs = instant.getTime() - this.realNow();
    return this.now();
  }
}

export const CLOCK_MODES = ['system', 'simulated'] as const;
export type ClockMode = (typeof CLOCK_MODES)[number];

const setClockBody = z.object({ now: z.string().datetime({ offset: true, message: 'harus berupa waktu ISO 8601, mis. 2026-01-05T03:00:00Z' }) }).strict();

/** `GET/PUT /simulation/clock`: only mounted with CLOCK_MODE=simulated. Moving it is for ADMIN_CITY. */
@ApiTags('simulation')
@Controller('simulation/clock')
export class SimulatedClockController {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  @Get()
  @ApiOperation({ summary: 'The simulated time of this process (CLOCK_MODE=simulated only).' })
  read(): { now: string; mode: ClockMode } {
    return { now: this.clock.now().toISOString(), mode: 'simulated' };
  }

  @Put()
  @ApiOperation({ summary: 'Move the simulated time forward (ADMIN_CITY; CLOCK_MODE=simulated only). Backwards is 409.' })
  @ApiBody({ schema: zodToOpenApi(setClockBody) })
  set(@Body() body: unknown, @CurrentActor() actor: Actor): { now: string; mode: ClockMode } {
    if (actor.role !== 'ADMIN_CITY') throw forbidden('NOT_CITY_ADMIN', 'Hanya BKPSDM yang dapat memajukan waktu simulasi');
    const { now } = parseInput(setClockBody, body);
    if (!(this.clock instanceof SimulatedClock)) throw conflict('CLOCK_NOT_SIMULATED', 'Waktu layanan ini tidak disimulasikan');
    return { now: this.clock.set(new Date(now)).toISOString(), mode: 'simulated' };
  }
}
