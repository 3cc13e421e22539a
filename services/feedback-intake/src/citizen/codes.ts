import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: read aloud and typed from paper without mistakes. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A code the citizen keeps (tracking or erasure code): 12 characters, about 59 bits, shown as XXXX-XXXX-XXXX. */
export function newCitizenCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** Case and separators do not matter when the citizen types it back. */
export function normaliseCitizenCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Only this hash is stored (events carry `trackingCodeHash`); the code itself is shown once. */
export function hashCitizenCode(code: string): string {
  return createHash('sha256').update(`kinerja-citizen-code:${normaliseCitizenCode(code)}`).digest('hex');
}
