import { HttpException, HttpStatus } from '@nestjs/common';
import { AppendResult } from '@kinerja/event-store';
import { ProjectionRunner, WaitForTimeoutError } from '@kinerja/projections';

/**
 * Waits until the read models hold the events just appended, so that the answer to a command
 * shows its own write. If they lag beyond the timeout the write still stands: 202, not an error
 * that would invite a retry.
 */
export async function waitUntilVisible(runner: ProjectionRunner, append: AppendResult | undefined, timeoutMs = 5_000): Promise<void> {
  if (!append) return;
  try {
    await runner.waitFor(append.position, timeoutMs);
  } catch (error) {
    if (!(error instanceof WaitForTimeoutError)) throw error;
    throw new HttpException(
      { code: 'ACCEPTED_NOT_YET_VISIBLE', message: 'Data telah disimpan tetapi belum dapat ditampilkan; muat ulang sebentar lagi.' },
      HttpStatus.ACCEPTED,
    );
  }
}
