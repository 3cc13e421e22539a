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

describe('AUDIT_ANCHOR_DIR and AUDIT_ANCHOR_INTERVAL_SECONDS', () => {
  const env = { PORT: '0', DATABASE_URL: 'postgres://x/y', SERVICE_NAME: 'svc' };
  const schema = serviceConfigSchema();
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kinerja-anchor-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const problems = (extra: Record<string, string>) => {
    try {
      loadConfig(schema, { ...env, ...extra });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('take no directory and 300 s by default, a directory that exists or can be created, and whole seconds from 1 to a day', () => {
    const config = loadConfig(schema, env);
    expect(config.AUDIT_ANCHOR_DIR).toBeUndefined();
    expect(config.AUDIT_ANCHOR_INTERVAL_SECONDS).toBe(300);
    expect(loadConfig(schema, { ...env, AUDIT_ANCHOR_DIR: join(dir, 'not', 'yet'), AUDIT_ANCHOR_INTERVAL_SECONDS: '60' })).toMatchObject({
      AUDIT_ANCHOR_DIR: join(dir, 'not', 'yet'),
      AUDIT_ANCHOR_INTERVAL_SECONDS: 60,
    });
  });

  it('fail the boot naming the variable: a file in the way, or an interval that is not whole seconds in range', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(problems({ AUDIT_ANCHOR_DIR: join(dir, 'file') })).toEqual([`AUDIT_ANCHOR_DIR: ${join(dir, 'file')} is not a directory`]);
    expect(problems({ AUDIT_ANCHOR_DIR: join(dir, 'file', 'below') })).toEqual([`AUDIT_ANCHOR_DIR: ${join(dir, 'file')} is not a directory`]);
    for (const [value, message] of [
      ['0', 'must be at least 1 second'],
      ['86401', 'must be at most 86400 seconds (a day)'],
      ['1.5', 'must be a whole number of seconds'],
      ['soon', 'must be a whole number of seconds'],
    ]) {
      expect(problems({ AUDIT_ANCHOR_INTERVAL_SECONDS: value })).toEqual([`AUDIT_ANCHOR_INTERVAL_SECONDS: ${message}`]);
    }
  });
});
