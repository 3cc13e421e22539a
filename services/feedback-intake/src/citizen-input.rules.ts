import { DomainError, invalid } from '@kinerja/domain';

/** How a citizen's submission reached us. */
export const CITIZEN_CHANNELS = ['WEB_FORM', 'QR_COUNTER', 'KIOSK', 'FORWARDED_MESSAGE'] as const;
export type CitizenChannel = (typeof CITIZEN_CHANNELS)[number];

/**
 * A forwarded message (e.g. WhatsApp, letter) is typed in by an officer, who is named; every other
 * channel is the citizen's own and names no officer. A QR code belongs to one counter.
 */
export function channelProblem(input: { channel: string; forwardedBy?: string | null; counterId?: string | null }): DomainError | null {
  if (!(CITIZEN_CHANNELS as readonly string[]).includes(input.channel)) {
    return invalid('UNKNOWN_CHANNEL', `Kanal "${input.channel}" tidak dikenal.`, 'channel');
  }
  if (input.channel === 'FORWARDED_MESSAGE' && !input.forwardedBy) {
    return invalid('FORWARDER_REQUIRED', 'Pesan terusan harus mencantumkan petugas yang meneruskannya.', 'forwardedBy');
  }
  if (input.channel !== 'FORWARDED_MESSAGE' && input.forwardedBy) {
    return invalid('FORWARDER_NOT_ALLOWED', 'Petugas penerus hanya diisi untuk pesan terusan.', 'forwardedBy');
  }
  if (input.channel === 'QR_COUNTER' && !input.counterId) {
    return invalid('COUNTER_REQUIRED', 'Masukan melalui kode QR loket harus menyebut loketnya.', 'counterId');
  }
  return null;
}
