import type { RequestContext } from '../../app/ports';
import type { ActiveSession } from '../../app/identity/resolve-session';

/** Per-request values set by the middleware in app.ts. */
export type HttpEnv = {
  Variables: {
    requestId: string;
    ctx: RequestContext;
    active: ActiveSession | null;
    sessionToken: string | null;
  };
};
