import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger, LOGGER } from '@kinerja/platform';
import { FeedbackIntakeConfig } from '../config';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { ContactStore } from './contact-store';

/**
 * Rotates the contact store's key-encryption key every PRIVACY_KEK_ROTATION_HOURS (and once at
 * start), so an erased contact is unreadable from the database's files, WAL and backups at most
 * that long after the erasure (docs/design.md §7, README "Security").
 */
@Injectable()
export class KekRotation implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly contacts: ContactStore,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.rotate(), this.config.PRIVACY_KEK_ROTATION_HOURS * 3_600_000);
    this.timer.unref();
    void this.rotate();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  rotate(): Promise<unknown> {
    this.running ??= this.contacts
      .rotate()
      .then((result) => this.logger.info(result, 'contact key-encryption key rotated'))
      .catch((err: unknown) => this.logger.warn({ err }, 'contact key-encryption key not rotated; retried at the next interval'))
      .finally(() => (this.running = null));
    return this.running;
  }
}
