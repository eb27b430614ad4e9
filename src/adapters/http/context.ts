import type { Hono } from 'hono';
import type { AppDeps, RequestContext } from '../../app/shared/ports';
import type { HttpOptions } from './app';
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

/** A routes file mounted at a path under /api. */
export interface RouteMount {
  path: string;
  routes: Hono<HttpEnv>;
}

/** What createHttpApp needs of a context registration: its routes (none when it has no API). */
export interface RouteModule {
  routes?(deps: AppDeps, opts: HttpOptions): RouteMount[];
}
