import { createRemoteJWKSet, errors, jwtVerify, JWTVerifyGetKey } from 'jose';
import { PlatformConfig } from '../config/config';
import { isRole, Role } from './actor';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from './local-issuer';

/** Why a token was refused; `code` is stable, `message` is for the user (Bahasa Indonesia). */
export class AuthenticationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * Who a valid token names: `id` is the person (their NIP) or a user id. `role` is there only when
 * the issuer is trusted to assign roles: the local issuer (development sign-in, `kinerja token`,
 * tests), which is Kinerja itself. A city's provider proves who someone is; what they may do is
 * decided by Kinerja's role grants (AuthGuard, role-grants.ts).
 */
export interface VerifiedIdentity {
  id: string;
  agencyId?: string;
  role?: Role;
}

export interface TokenVerifier {
  /** Returns who the token names, or throws AuthenticationError. */
  verify(token: string): Promise<VerifiedIdentity>;
}

export interface JwtVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Claim naming the person (their NIP). Default `sub`; falls back to `sub` when absent. */
  subjectClaim?: string;
  /** Take the role from the token (the local issuer only). Default true. */
  trustRoleClaim?: boolean;
  /** Claim holding the role. Default `role`. */
  roleClaim?: string;
  /** Claim holding the agency id. Default `agency_id`. */
  agencyClaim?: string;
  /**
   * Client ids whose own tokens (`azp` = the client, no person behind them) act as AUDITOR, read
   * only (OIDC_READ_ONLY_CLIENTS). Their identity is `client:<id>`, never a NIP.
   */
  readOnlyClients?: readonly string[];
}

export function createJwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const roleClaim = options.roleClaim ?? 'role';
  const agencyClaim = options.agencyClaim ?? 'agency_id';
  const subjectClaim = options.subjectClaim ?? 'sub';
  const trustRole = options.trustRoleClaim ?? true;
  return {
    async verify(token) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['ES256', 'EdDSA', 'RS256', 'PS256'],
          // A token without an expiry would be valid forever.
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        throw toAuthenticationError(error);
      }
      const party = payload.azp;
      if (typeof party === 'string' && options.readOnlyClients?.includes(party)) return { id: `client:${party}`, role: 'AUDITOR' };
      const named = payload[subjectClaim];
      const id = typeof named === 'string' && named ? named : payload.sub;
      if (!id) throw new AuthenticationError('TOKEN_INVALID', 'Token tidak memuat identitas pengguna (sub).');
      const agency = payload[agencyClaim];
      const identity: VerifiedIdentity = { id, ...(typeof agency === 'string' && agency ? { agencyId: agency } : {}) };
      if (!trustRole) return identity;
      const role = payload[roleClaim];
      if (!isRole(role)) throw new AuthenticationError('TOKEN_INVALID', 'Token tidak memuat peran yang dikenal.');
      return { ...identity, role };
    },
  };
}

/** How long a fetched JWKS is used before it is fetched again (a rotated-out key stops working by then). */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** An unknown `kid` refetches the JWKS at most this often (a new key is picked up without restart). */
const JWKS_REFETCH_COOLDOWN_MS = 5_000;

function toAuthenticationError(error: unknown): AuthenticationError {
  if (error instanceof errors.JWTExpired) return new AuthenticationError('TOKEN_EXPIRED', 'Token sudah kedaluwarsa.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new AuthenticationError('TOKEN_CLAIM_INVALID', `Token tidak berlaku untuk layanan ini (${error.claim}).`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return new AuthenticationError('TOKEN_SIGNATURE_INVALID', 'Tanda tangan token tidak valid.');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new AuthenticationError('TOKEN_KEYS_UNAVAILABLE', 'Kunci penerbit token tidak dapat diambil.');
  }
  return new AuthenticationError('TOKEN_INVALID', 'Token tidak valid.');
}

/**
 * The verifier the configuration asks for: the OIDC issuer's JWKS in production (RS256 from
 * Keycloak; keys cached for a bounded time and refetched on an unknown `kid`, so a rotation needs
 * no restart), the local issuer's key (created on first start) in the embedded default and in tests.
 */
export async function createTokenVerifier(config: PlatformConfig): Promise<TokenVerifier> {
  if (config.AUTH_MODE === 'oidc') {
    if (!config.OIDC_ISSUER || !config.OIDC_JWKS_URL || !config.OIDC_AUDIENCE) {
      throw new Error('AUTH_MODE=oidc needs OIDC_ISSUER, OIDC_JWKS_URL and OIDC_AUDIENCE');
    }
    return createJwtVerifier({
      keys: createRemoteJWKSet(new URL(config.OIDC_JWKS_URL), {
        cacheMaxAge: JWKS_MAX_AGE_MS,
        cooldownDuration: JWKS_REFETCH_COOLDOWN_MS,
        timeoutDuration: 5_000,
      }),
      issuer: config.OIDC_ISSUER,
      audience: config.OIDC_AUDIENCE,
      subjectClaim: config.OIDC_NIP_CLAIM ?? 'preferred_username',
      trustRoleClaim: false,
      readOnlyClients: config.OIDC_READ_ONLY_CLIENTS ?? [],
    });
  }
  const issuer = await LocalIssuer.open(config.AUTH_LOCAL_KEY_DIR);
  return createJwtVerifier({ keys: issuer.keySet(), issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
}
