import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AppendResult } from '@kinerja/event-store';
import { ProjectionRunner, WaitForTimeoutError } from '@kinerja/projections';
import { FeedbackIntakeConfig } from './config';
import { FEEDBACK_INTAKE_CONFIG } from './tokens';

/**
 * Waits until the read models hold the events just appended, so that the answer to a command
 * shows its own write. If they lag beyond READ_YOUR_WRITES_TIMEOUT_MS the write still stands: 202,
 * not an error that would invite a retry.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
  ) {}

  async wait(append: AppendResult | undefined): Promise<void> {
    if (!append) return;
    try {
      await this.runner.waitFor(append.position, this.config.READ_YOUR_WRITES_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof WaitForTimeoutError)) throw error;
      throw new HttpException(
        { code: 'ACCEPTED_NOT_YET_VISIBLE', message: 'Data telah disimpan tetapi belum dapat ditampilkan; muat ulang sebentar lagi.' },
        HttpStatus.ACCEPTED,
      );
    }
  }
}
