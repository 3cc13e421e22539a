import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Clock, CLOCK } from '@kinerja/platform';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { FeedbackIntakeConfig } from '../config';
import { checkSolution, createChallenge, PowChallenge } from './proof-of-work.rules';
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
  /** Signs proof-of-work challenges; PUBLIC_PROOF_OF_WORK_SECRET shares it between instances. */
  private readonly powSecret: Buffer;
  /** Solutions already used, until their challenge expires: one solution, one submission. */
  private readonly usedSolutions = new Map<string, number>();
  /** Submissions without a solution (browsers without JavaScript), per address and in all. */
  private readonly withoutProof: RateLimiter;

  constructor(
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.perAddress = new RateLimiter(config.RATE_LIMIT_WINDOW_SECONDS * 1000);
    this.perTarget = new RateLimiter(config.RATE_LIMIT_WINDOW_SECONDS * 1000);
    this.duplicates = new DuplicateFilter(config.DUPLICATE_WINDOW_SECONDS * 1000);
    this.withoutProof = new RateLimiter(config.PUBLIC_WITHOUT_PROOF_WINDOW_SECONDS * 1000);
    this.powSecret = config.PUBLIC_PROOF_OF_WORK_SECRET ? Buffer.from(config.PUBLIC_PROOF_OF_WORK_SECRET, 'utf8') : randomBytes(32);
  }

  /** A challenge valid for five minutes. */
  challenge(): PowChallenge {
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + 300;
    const max = this.config.PUBLIC_PROOF_OF_WORK_MAX_NUMBER;
    return createChallenge(this.powSecret, randomBytes(12).toString('hex'), randomInt(0, max + 1), max, expiresAt);
  }

  /**
   * With PUBLIC_PROOF_OF_WORK=required, a submission carries a solved, unused, unexpired challenge,
   * or, without any, fits the allowance for submissions without one (per address and in all).
   */
  admitProofOfWork(req: IncomingMessage, res: ServerResponse): void {
    if (this.config.PUBLIC_PROOF_OF_WORK !== 'required' || req.method === 'GET') return;
    const header = req.headers['x-altcha'];
    const payload = Array.isArray(header) ? header[0] : header;
    const now = Math.floor(this.clock.now().getTime() / 1000);
    for (const [key, expires] of this.usedSolutions) if (expires < now) this.usedSolutions.delete(key);
    const refuse = (message: string) =>
      new HttpException({ code: 'PROOF_OF_WORK_REQUIRED', message, field: 'x-altcha' }, HttpStatus.BAD_REQUEST);
    if (!payload) return this.admitWithoutProof(req, res, refuse);
    const checked = checkSolution(this.powSecret, payload, now);
    if (checked.problem !== null) throw refuse('Verifikasi anti-spam tidak valid atau kedaluwarsa; muat ulang formulir lalu kirim lagi.');
    if (this.usedSolutions.has(checked.solution.challenge)) throw refuse('Verifikasi anti-spam ini sudah dipakai; muat ulang formulir lalu kirim lagi.');
    this.usedSolutions.set(checked.solution.challenge, Number(/expires=(\d+)/.exec(checked.solution.salt)?.[1] ?? now));
  }

  private admitWithoutProof(req: IncomingMessage, res: ServerResponse, refuse: (message: string) => HttpException): void {
    if (this.config.PUBLIC_WITHOUT_PROOF_PER_ADDRESS === 0) throw refuse('Kiriman ini memerlukan verifikasi anti-spam (x-altcha); muat ulang formulir lalu kirim lagi.');
    const now = this.clock.now().getTime();
    const limited = (wait: number, message: string) => {
      res.setHeader('retry-after', String(wait));
      return new HttpException({ code: 'RATE_LIMITED_WITHOUT_PROOF', message, field: 'x-altcha' }, HttpStatus.TOO_MANY_REQUESTS);
    };
    const perAddress = this.withoutProof.hit(`address:${this.clientAddress(req)}`, this.config.PUBLIC_WITHOUT_PROOF_PER_ADDRESS, now);
    if (perAddress > 0) {
      throw limited(perAddress, `Terlalu banyak kiriman tanpa verifikasi anti-spam dari alamat Anda. Aktifkan JavaScript agar verifikasi berjalan otomatis, atau coba lagi dalam ${perAddress} detik.`);
    }
    const total = this.withoutProof.hit('total', this.config.PUBLIC_WITHOUT_PROOF_TOTAL, now);
    if (total > 0) {
      throw limited(total, `Layanan sedang menerima terlalu banyak kiriman tanpa verifikasi anti-spam. Aktifkan JavaScript agar verifikasi berjalan otomatis, atau coba lagi dalam ${total} detik.`);
    }
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
    this.gate.admitProofOfWork(http.getRequest<IncomingMessage>(), http.getResponse<ServerResponse>());
    return true;
  }
}
