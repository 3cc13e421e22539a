import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Clock, CLOCK } from '@kinerja/platform';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { FeedbackIntakeConfig } from '../config';
import { DuplicateFilter, RateLimiter } from './rate-limiter';

/**
 * The protections of the citizens' endpoints (issue 5 §1): body size, requests per client address,
 * requests per target (a unit or a tracking code), and exact duplicates, each refused with a plain
 * Bahasa Indonesia message.
 */
@Injectable()
export class CitizenGate {
  private readonly perAddress: RateLimiter;
  private readonly perTarget: RateLimiter;
  private readonly duplicates: DuplicateFilter;

  constructor(
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.perAddress = new RateLimiter(config.RATE_LIMIT_WINDOW_SECONDS * 1000);
    this.perTarget = new RateLimiter(config.RATE_LIMIT_WINDOW_SECONDS * 1000);
    this.duplicates = new DuplicateFilter(config.DUPLICATE_WINDOW_SECONDS * 1000);
  }

  /**
   * Express's `req.ip`: the rightmost X-Forwarded-For hop that is not one of TRUSTED_PROXIES
   * (set in libs/platform's bootstrap), else the socket's address. A client cannot choose it.
   */
  clientAddress(req: IncomingMessage): string {
    return (req as IncomingMessage & { ip?: string }).ip ?? req.socket.remoteAddress ?? 'unknown';
  }

  /** Size and per-address limit: before the body is even validated. */
  admitRequest(req: IncomingMessage, res: ServerResponse): void {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > this.config.PUBLIC_BODY_MAX_BYTES) {
      throw new HttpException(
        { code: 'SUBMISSION_TOO_LARGE', message: `Kiriman terlalu besar: paling banyak ${Math.floor(this.config.PUBLIC_BODY_MAX_BYTES / 1024)} KB. Persingkat isian Anda lalu kirim lagi.` },
        HttpStatus.PAYLOAD_TOO_LARGE,
      );
    }
    const wait = this.perAddress.hit(`address:${this.clientAddress(req)}`, this.config.RATE_LIMIT_PER_ADDRESS, this.clock.now().getTime());
    if (wait > 0) {
      res.setHeader('retry-after', String(wait));
      throw new HttpException(
        { code: 'RATE_LIMITED', message: `Terlalu banyak kiriman dari alamat Anda. Silakan coba lagi dalam ${wait} detik.` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  /** Per-target limit: a unit (or a tracking code) cannot be flooded from many addresses. */
  admitTarget(target: string, res: ServerResponse): void {
    const wait = this.perTarget.hit(`target:${target}`, this.config.RATE_LIMIT_PER_TARGET, this.clock.now().getTime());
    if (wait > 0) {
      res.setHeader('retry-after', String(wait));
      throw new HttpException(
        { code: 'TARGET_RATE_LIMITED', message: `Layanan ini sedang menerima terlalu banyak kiriman. Silakan coba lagi dalam ${wait} detik.` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  /** Runs `work` once per identical submission (same address, route and body) within the window. */
  once<T>(req: IncomingMessage, route: string, body: unknown, work: () => Promise<T>): Promise<{ duplicate: boolean; result: T }> {
    const key = createHash('sha256').update(`${this.clientAddress(req)}\n${route}\n${JSON.stringify(body)}`).digest('hex');
    return this.duplicates.once(key, this.clock.now().getTime(), work);
  }
}

/** On every citizens' route: size and per-address limit before anything else. */
@Injectable()
export class CitizenGuard implements CanActivate {
  constructor(private readonly gate: CitizenGate) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    this.gate.admitRequest(http.getRequest<IncomingMessage>(), http.getResponse<ServerResponse>());
    return true;
  }
}
