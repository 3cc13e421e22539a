import { isAbsolute, join, resolve } from 'node:path';
import { isRole, ROLES } from '@kinerja/platform/src/auth/actor';
import { LocalIssuer } from '@kinerja/platform/src/auth/local-issuer';
import { ParsedArgs, stringOption, UsageError } from './args';
import { DATA_DIR } from './paths';

/** `kinerja token --sub <NIP> --role <ROLE> [--agency <id>] [--expires 8h]`: a JWT of the local issuer. */
export async function tokenCommand(args: ParsedArgs): Promise<number> {
  const sub = stringOption(args, 'sub');
  const role = stringOption(args, 'role');
  if (!sub || !role) throw new UsageError('token needs --sub <NIP> and --role <ROLE>');
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const agencyId = stringOption(args, 'agency');
  const expires = stringOption(args, 'expires');
  const dir = process.env.AUTH_LOCAL_KEY_DIR;
  const keyDir = dir ? (isAbsolute(dir) ? dir : resolve(dir)) : join(DATA_DIR, 'auth');
  const issuer = await LocalIssuer.open(keyDir);
  const token = await issuer.issueToken({
    sub,
    role,
    ...(agencyId !== undefined ? { agencyId } : {}),
    ...(expires !== undefined ? { expiresIn: /^-?\d+$/.test(expires) ? Number(expires) : expires } : {}),
  });
  process.stdout.write(`${token}\n`);
  return 0;
}
