import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCityKey } from '@kinerja/audit';
import { ConfigError, loadConfig, serviceConfigSchema } from '../config/config';

describe('AUDIT_SIGNING_KEY_FILE', () => {
  const env = { PORT: '0', DATABASE_URL: 'postgres://x/y', SERVICE_NAME: 'svc' };
  const schema = serviceConfigSchema();
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kinerja-audit-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is optional, and read at boot when set', () => {
    expect(loadConfig(schema, env).AUDIT_SIGNING_KEY_FILE).toBeUndefined();
    const path = join(dir, 'city.pem');
    loadCityKey(path, true);
    expect(loadConfig(schema, { ...env, AUDIT_SIGNING_KEY_FILE: path }).AUDIT_SIGNING_KEY_FILE).toBe(path);
  });

  it('fails the boot, naming the variable, when the file is missing or not an Ed25519 key', () => {
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    for (const path of [join(dir, 'missing.pem'), rsa]) {
      const error = (() => {
        try {
          loadConfig(schema, { ...env, AUDIT_SIGNING_KEY_FILE: path });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^AUDIT_SIGNING_KEY_FILE: no Ed25519 private key \(PKCS#8 PEM\) readable at /)]);
    }
  });
});
