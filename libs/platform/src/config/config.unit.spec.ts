import { z } from 'zod';
import { ConfigError, loadConfig, serviceConfigSchema } from './config';

const schema = serviceConfigSchema({ SERVICE_NAME: z.string().default('work-planning'), EXTRA_FLAG: z.enum(['on', 'off']) });
const valid = { PORT: '3001', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kinerja', EXTRA_FLAG: 'on' };

describe('loadConfig', () => {
  it('returns typed values with defaults applied', () => {
    const config = loadConfig(schema, valid);
    expect(config).toMatchObject({
      PORT: 3001,
      SERVICE_NAME: 'work-planning',
      LOG_LEVEL: 'info',
      AUTH_MODE: 'local',
      AUTH_LOCAL_KEY_DIR: '.data/auth',
      EXTRA_FLAG: 'on',
    });
  });

  it('lists every bad or missing variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig(schema, { PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const problems = (thrown as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^DATABASE_URL: must be a postgres/),
        expect.stringMatching(/^LOG_LEVEL: /),
        'EXTRA_FLAG: missing (required)',
      ]),
    );
    expect(problems).toHaveLength(4);
    expect((thrown as Error).message).toContain('EXTRA_FLAG: missing (required)');
  });

  it('requires the OIDC settings when AUTH_MODE=oidc', () => {
    expect(() => loadConfig(schema, { ...valid, AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://sso.example.go.id/realms/asn' })).toThrow(
      /OIDC_JWKS_URL: missing \(required when AUTH_MODE=oidc\)[\s\S]*OIDC_AUDIENCE: missing/,
    );
  });

  it('reports the missing OIDC settings together with other bad variables', () => {
    expect(() => loadConfig(schema, { AUTH_MODE: 'oidc', PORT: 'abc' })).toThrow(
      /PORT: must be a port number[\s\S]*DATABASE_URL: missing[\s\S]*OIDC_ISSUER: missing \(required when AUTH_MODE=oidc\)/,
    );
  });

  it('accepts a complete OIDC configuration', () => {
    const config = loadConfig(schema, {
      ...valid,
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://sso.example.go.id/realms/asn',
      OIDC_JWKS_URL: 'https://sso.example.go.id/realms/asn/protocol/openid-connect/certs',
      OIDC_AUDIENCE: 'kinerja',
    });
    expect(config.AUTH_MODE).toBe('oidc');
  });

  it('refuses an unknown AUTH_MODE', () => {
    expect(() => loadConfig(schema, { ...valid, AUTH_MODE: 'none' })).toThrow(/AUTH_MODE: /);
  });

  it('finding 14: OPS_PORT is a port other than PORT, checked at boot', () => {
    expect(loadConfig(schema, { ...valid, OPS_PORT: '9464' })).toMatchObject({ PORT: 3001, OPS_PORT: 9464 });
    expect(loadConfig(schema, valid).OPS_PORT).toBeUndefined();
    expect(() => loadConfig(schema, { ...valid, OPS_PORT: '3001' })).toThrow(/OPS_PORT: must differ from PORT/);
    expect(() => loadConfig(schema, { ...valid, OPS_PORT: 'metrics' })).toThrow(/OPS_PORT: must be a port number/);
    expect(() => loadConfig(schema, { ...valid, OPS_PORT: '70000' })).toThrow(/OPS_PORT: /);
  });
});
