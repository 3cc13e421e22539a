import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, PgLogTransport, RunningConsumer, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { AuthenticationError, createTokenVerifier, PlatformConfig, TokenVerifier } from '@kinerja/platform';
import { createTestDatabase, describeWithKeycloak, issuerOf, keycloakAdmin, keycloakUser, passwordGrantClient, TestDatabase, waitUntil } from '@kinerja/testing';
import { KeycloakAdmin, startProvisioning } from '../src';

const randomNip = () => `1990${String(Math.floor(Math.random() * 1e14)).padStart(14, '0')}`;

function oidcConfig(url: string, overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return {
    PORT: 0,
    DATABASE_URL: 'postgres://unused',
    SERVICE_NAME: 'probe',
    LOG_LEVEL: 'silent',
    AUTH_MODE: 'oidc',
    AUTH_LOCAL_KEY_DIR: '.data/auth',
    OIDC_ISSUER: issuerOf(url),
    OIDC_JWKS_URL: `${issuerOf(url)}/protocol/openid-connect/certs`,
    OIDC_AUDIENCE: 'kinerja-api',
    OIDC_NIP_CLAIM: 'preferred_username',
    ...overrides,
  };
}

const refusal = (verifier: TokenVerifier, token: string) =>
  verifier.verify(token).then(
    () => 'accepted',
    (error: unknown) => (error instanceof AuthenticationError ? error.code : String(error)),
  );

describeWithKeycloak('Keycloak tokens verified by the services (JWKS, issuer, audience, rotation)', (url) => {
  let admin: KeycloakAdmin;
  let client: Awaited<ReturnType<typeof passwordGrantClient>>;
  const nip = randomNip();
  const password = randomBytes(12).toString('base64url');

  /**
   * The user's password grant. Keycloak's brute-force detection sometimes locks a user out after
   * quick successful logins, with no failure logged (keycloak/keycloak#36495; seen here under the
   * full suite's load on the third or fourth grant in a few seconds: the server logs
   * "user_temporarily_disabled", answers "Invalid user credentials", and its attack-detection
   * endpoint need not call the user disabled). That is the realm's defence, not what these tests
   * are about: after a refusal the user's brute-force state is cleared through the admin API and
   * the grant asked again, twice at most; a refusal that persists (a wrong password, a missing
   * user) fails.
   */
  const grant = async (): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.token(nip, password);
      } catch (error) {
        const user = await admin.findUser(nip);
        if (!user || attempt === 3) throw error;
        await admin.request('DELETE', `/attack-detection/brute-force/users/${user.id}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };

  beforeAll(async () => {
    admin = keycloakAdmin(url);
    client = await passwordGrantClient(url, admin);
    await keycloakUser(admin, { username: nip, password, name: 'Rina Kurniasih', agencyId: 'DINKES' });
  });

  afterAll(async () => {
    await client?.remove();
    const user = await admin?.findUser(nip);
    if (user) await admin.request('DELETE', `/users/${user.id}`);
  });

  it('gives the NIP and the agency of an RS256 access token for the services\' audience, and no role (Kinerja decides that)', async () => {
    const token = await grant();
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg).toBe('RS256');
    const verifier = await createTokenVerifier(oidcConfig(url));
    await expect(verifier.verify(token)).resolves.toEqual({ id: nip, agencyId: 'DINKES' });
  });

  it('refuses the token for another audience or from another issuer', async () => {
    const token = await grant();
    expect(await refusal(await createTokenVerifier(oidcConfig(url, { OIDC_AUDIENCE: 'another-api' })), token)).toBe('TOKEN_CLAIM_INVALID');
    expect(await refusal(await createTokenVerifier(oidcConfig(url, { OIDC_ISSUER: `${url}/realms/master` })), token)).toBe('TOKEN_CLAIM_INVALID');
  });

  it('verifies a token signed by a new realm key without a restart (the JWKS is fetched again for an unknown kid)', async () => {
    const verifier = await createTokenVerifier(oidcConfig(url));
    const before = await grant();
    await expect(verifier.verify(before)).resolves.toMatchObject({ id: nip });
    const realm = (await admin.request<{ id: string }>('GET', '')).body;
    const created = await admin.request('POST', '/components', {
      name: `rotated-${randomBytes(3).toString('hex')}`,
      providerId: 'rsa-generated',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId: realm.id,
      config: { priority: ['1000'], enabled: ['true'], active: ['true'], algorithm: ['RS256'], keySize: ['2048'] },
    });
    const componentId = created.location!.split('/').pop()!;
    try {
      const after = await grant();
      const kidOf = (t: string) => JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString()).kid as string;
      expect(kidOf(after)).not.toBe(kidOf(before));
      // The refetch of the key set is rate-limited (a few seconds): wait until the new key is known.
      const outcome = await waitUntil(() => refusal(verifier, after), (r) => r === 'accepted', { what: 'the rotated key to verify', stallMs: 60_000, everyMs: 500, progress: () => Date.now() >> 12 });
      expect(outcome).toBe('accepted');
    } finally {
      await admin.request('DELETE', `/components/${componentId}`);
    }
  });

  it("takes the documents client's own token (client credentials) as AUDITOR only where the service lists it as read-only", async () => {
    const res = await fetch(`${issuerOf(url)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'kinerja-documents',
        client_secret: process.env.KINERJA_DOCUMENTS_SECRET ?? 'kinerja-documents-dev-secret',
      }),
    });
    expect(res.status).toBe(200);
    const { access_token: documents } = (await res.json()) as { access_token: string };
    const listed = await createTokenVerifier(oidcConfig(url, { OIDC_READ_ONLY_CLIENTS: ['kinerja-documents'] }));
    await expect(listed.verify(documents)).resolves.toEqual({ id: 'client:kinerja-documents', role: 'AUDITOR' });
    // Not listed: the service account is nobody in particular, with no role of its own.
    const verified = await (await createTokenVerifier(oidcConfig(url))).verify(documents);
    expect(verified.role).toBeUndefined();
    expect(verified.id).not.toBe('client:kinerja-documents');
    // A person's token (another client) stays the person's, whatever the list says.
    await expect(listed.verify(await grant())).resolves.toEqual({ id: nip, agencyId: 'DINKES' });
  });

  it('refuses a token without an expiry', async () => {
    // Keycloak always sets exp; a token edited to drop it no longer matches its signature, and a
    // local token without exp is refused by the claim check (auth.guard.int.spec.ts covers both keys).
    const token = await grant();
    const [header, payload, signature] = token.split('.');
    const { exp: _exp, ...rest } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const edited = `${header}.${Buffer.from(JSON.stringify(rest)).toString('base64url')}.${signature}`;
    expect(await refusal(await createTokenVerifier(oidcConfig(url)), edited)).not.toBe('accepted');
  });
});

describeWithKeycloak('Provisioning of employees\' accounts from the organisation\'s public events', (url) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let transport: PgLogTransport;
  let consumer: RunningConsumer;
  let admin: KeycloakAdmin;
  const nip = randomNip();

  const publish = async (topic: string, type: string, data: Record<string, unknown>, source: string) => {
    const id = randomUUID();
    await transport.produce(topic, [toOutgoingMessage({ id, type, data, key: nip, source, time: new Date().toISOString(), correlationId: id, traceparent: traceparentFor(id, id) })]);
  };
  const account = () => admin.findUser(nip);

  beforeAll(async () => {
    db = await createTestDatabase('identity');
    dataSource = new DataSource({ type: 'postgres', url: db.url, extra: { max: 4 } });
    await dataSource.initialize();
    transport = createPgLogTransport({ connectionString: db.url, applicationName: 'identity-test', pollIntervalMs: 200 });
    admin = keycloakAdmin(url);
    // The realm's provisioning client: its service account may manage users and nothing else.
    const provisioner = new KeycloakAdmin({
      url,
      realm: 'kinerja',
      credentials: { kind: 'client', clientId: 'kinerja-provisioner', clientSecret: process.env.KINERJA_PROVISIONER_SECRET ?? 'kinerja-provisioner-dev-secret' },
    });
    consumer = await startProvisioning({ admin: provisioner, transport, dataSource, commitOffsetsWithHandler: true, initialPassword: 'ganti-segera' });
  });

  afterAll(async () => {
    await consumer?.stop();
    await transport?.close();
    await dataSource?.destroy();
    await db?.drop();
    const user = await admin?.findUser(nip);
    if (user) await admin.request('DELETE', `/users/${user.id}`);
  });

  it('creates the account of a registered employee (username = NIP, agency attribute) and disables it when the employee leaves', async () => {
    await publish(TOPICS.workPlanning, 'EmployeeRegistered.v1', { nip, name: 'Yusuf Hidayat', status: 'PNS', agencyId: 'DINKES' }, '/kinerja/work-planning');
    const created = await waitUntil(account, (u) => u !== undefined, { what: 'the account to be created' });
    expect(created).toMatchObject({ username: nip, enabled: true, firstName: 'Yusuf Hidayat', attributes: { agency_id: ['DINKES'] } });

    await publish(TOPICS.workPlanning, 'EmployeeUpdated.v1', { nip, name: 'Yusuf Hidayat', status: 'PNS', agencyId: 'BAPPEDA' }, '/kinerja/work-planning');
    await waitUntil(account, (u) => u?.attributes?.agency_id?.[0] === 'BAPPEDA', { what: 'the agency to follow the employee' });

    await publish(
      TOPICS.careerDecisions,
      'DecisionIssued.v1',
      {
        decisionId: randomUUID(),
        kind: 'PEMBERHENTIAN_DENGAN_HORMAT',
        nip,
        agencyId: 'BAPPEDA',
        effectiveDate: '2026-12-31',
        placement: null,
        factIds: [],
        issue: 1,
        replacedFactId: null,
        issuedAt: new Date().toISOString(),
      },
      '/kinerja/career-decisions',
    );
    const disabled = await waitUntil(account, (u) => u?.enabled === false, { what: 'the account to be disabled' });
    expect(disabled).toMatchObject({ username: nip, enabled: false });
  });
});
