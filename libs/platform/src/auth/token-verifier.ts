import { createRemoteJWKSet, errors, jwtVerify, JWTVerifyGetKey } from 'jose';
import { PlatformConfig } from '../config/config';
import { Actor, isRole } from './actor';
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

export interface TokenVerifier {
  /** Returns the actor the token names, or throws AuthenticationError. */
  verify(token: string): Promise<Actor>;
}

export interface JwtVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Claim holding the role. Default `role`. */
  roleClaim?: string;
  /** Claim holding the agency id. Default `agency_id`. */
  agencyClaim?: string;
}

export function createJwtVerifier(options: JwtVerifierOptions): TokenVerifier {
  const roleClaim = options.roleClaim ?? 'role';
  const agencyClaim = options.agencyClaim ?? 'agency_id';
  return {
    async verify(token) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ['ES256', 'EdDSA', 'RS256', 'PS256'],
        }));
      } catch (error) {
        throw toAuthenticationError(error);
      }
      const role = payload[roleClaim];
      if (!payload.sub) throw new AuthenticationError('TOKEN_INVALID', 'Token tidak memuat identitas pengguna (sub).');
      if (!isRole(role)) throw new AuthenticationError('TOKEN_INVALID', 'Token tidak memuat peran yang dikenal.');
      const agency = payload[agencyClaim];
      return { id: payload.sub, role, ...(typeof agency === 'string' && agency ? { agencyId: agency } : {}) };
    },
  };
}

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
 * The verifier the configuration asks for: the OIDC issuer's JWKS in production, the local
 * issuer's key (created on first start) in the embedded default and in tests.
 */
export async function createTokenVerifier(config: PlatformConfig): Promise<TokenVerifier> {
  if (config.AUTH_MODE === 'oidc') {
    if (!config.OIDC_ISSUER || !config.OIDC_JWKS_URL || !config.OIDC_AUDIENCE) {
      throw new Error('AUTH_MODE=oidc needs OIDC_ISSUER, OIDC_JWKS_URL and OIDC_AUDIENCE');
    }
    return createJwtVerifier({
      keys: createRemoteJWKSet(new URL(config.OIDC_JWKS_URL)),
      issuer: config.OIDC_ISSUER,
      audience: config.OIDC_AUDIENCE,
    });
  }
  const issuer = await LocalIssuer.open(config.AUTH_LOCAL_KEY_DIR);
  return createJwtVerifier({ keys: issuer.keySet(), issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
}
