import { HttpException, HttpStatus } from '@nestjs/common';
import type { AppendResult } from '@kinerja/event-store';
import { ProjectionRunner, WaitForTimeoutError } from '@kinerja/projections';

/**
 * Waits until the read models hold the events just appended, so that the answer to a command
 * shows its own write. If they lag beyond READ_YOUR_WRITES_TIMEOUT_MS the write still stands: 202
 * ACCEPTED_NOT_YET_VISIBLE, not an error that would invite a retry. Provided by eventSourcedProviders.
 */
export class ReadYourWrites {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly timeoutMs = 5_000,
  ) {}

  /** `timeoutMs`: longer for a command that appends many events at once (an import). */
  async wait(append: AppendResult | undefined, timeoutMs = this.timeoutMs): Promise<void> {
    if (!append) return;
    try {
      await this.runner.waitFor(append.position, timeoutMs);
    } catch (error) {
      if (!(error instanceof WaitForTimeoutError)) throw error;
      throw new HttpException(
        { code: 'ACCEPTED_NOT_YET_VISIBLE', message: 'Data telah disimpan tetapi belum dapat ditampilkan; muat ulang sebentar lagi.' },
        HttpStatus.ACCEPTED,
      );
    }
  }
}
