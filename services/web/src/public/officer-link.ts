import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

/**
 * The opaque id of an officer (at one unit) on the QR code at their counter. A citizen rating "this officer"
 * never learns who they are: the id is the NIP encrypted (AES-256-GCM) under a key only the web
 * service holds, with a synthetic IV (HMAC of the NIP), so the same officer always gets the same
 * printed code and a forged or altered id is refused. Only the web service turns it back into the
 * NIP it passes to feedback-intake, which itself never tells whether a NIP exists.
 */
export class OfficerLinks {
  private readonly encryptionKey: Buffer;
  private readonly ivKey: Buffer;

  constructor(secret: Buffer) {
    this.encryptionKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'kinerja officer link: encryption', 32));
    this.ivKey = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'kinerja officer link: iv', 32));
  }

  /** The id printed for the officer `nip` serving at `unitId`. */
  idOf(nip: string, unitId: string): string {
    const plain = `${nip}:${unitId}`;
    const iv = createHmac('sha256', this.ivKey).update(plain).digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The NIP behind an opaque id printed for `unitId`; null for anything this service did not issue for that unit. */
  nipOf(id: string, unitId: string): string | null {
    if (!/^[A-Za-z0-9_-]{40,300}$/.test(id)) return null;
    const bytes = Buffer.from(id, 'base64url');
    if (bytes.length < 12 + 16 + 1) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
      const [nip, unit] = [plain.slice(0, plain.indexOf(':')), plain.slice(plain.indexOf(':') + 1)];
      return /^\d{18}$/.test(nip) && unit === unitId ? nip : null;
    } catch {
      return null;
    }
  }
}
