/** /api/auth: sign in and out, the signed-in user, password change and TOTP enrolment. */
import { Hono } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import { LoginSchema, PasswordChangeSchema, TotpEnableSchema } from '../../contracts/identity';
import { changePassword } from '../../app/identity/change-password';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../app/identity/enrol-totp';
import { logIn } from '../../app/identity/log-in';
import { logOut } from '../../app/identity/log-out';
import { presentMe } from '../../app/identity/presenters';
import { sessionIdFromToken } from '../../app/identity/session-token';
import type { AppDeps } from '../../app/shared/ports';
import { DomainError } from '../../core/shared/errors';
import type { HttpEnv } from './context';
import type { HttpOptions } from './app';
import { validate } from './validate';

export const SESSION_COOKIE = 'fyren_session';

export function authRoutes(deps: AppDeps, opts: HttpOptions) {
  const requireActive = (active: HttpEnv['Variables']['active']) => {
    if (!active) throw new DomainError('UNAUTHENTICATED', 'sign in first');
    return active;
  };
  return new Hono<HttpEnv>()
    .get('/me', async (c) => {
      const active = requireActive(c.get('active'));
      return c.json({ user: presentMe(active.user, active.organisation, active.unit, deps.auth) });
    })
    .post('/login', validate('json', LoginSchema), async (c) => {
      const input = c.req.valid('json');
      const { token, user } = await logIn(deps, c.get('ctx'), input, opts.clientKey(c));
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: opts.isSecure(c),
        path: '/',
        maxAge: deps.auth.sessionMaxSeconds,
      });
      const { organisations, units } = await deps.uow.transaction(async (r) => ({
        organisations: await r.organisations.get(user.organisationId),
        units: user.unitId ? await r.units.get(user.unitId) : null,
      }));
      if (!organisations) throw new DomainError('UNAUTHENTICATED', 'the account has no organisation');
      return c.json({ user: presentMe(user, organisations, units, deps.auth) });
    })
    .post('/logout', async (c) => {
      const token = c.get('sessionToken');
      if (token) await logOut(deps, c.get('ctx'), token);
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: opts.isSecure(c), sameSite: 'Strict', httpOnly: true });
      return c.body(null, 204);
    })
    .post('/password', validate('json', PasswordChangeSchema), async (c) => {
      requireActive(c.get('active'));
      await changePassword(deps, c.get('ctx'), c.req.valid('json'), sessionIdFromToken(c.get('sessionToken')!));
      return c.body(null, 204);
    })
    .post('/totp/setup', async (c) => {
      requireActive(c.get('active'));
      return c.json(await startTotpEnrolment(deps, c.get('ctx')));
    })
    .post('/totp/enable', validate('json', TotpEnableSchema), async (c) => {
      requireActive(c.get('active'));
      await confirmTotpEnrolment(deps, c.get('ctx'), c.req.valid('json').code);
      return c.body(null, 204);
    });
}
