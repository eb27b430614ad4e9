/**
 * The web app's module registry: which feature folder serves which module. `app.tsx` mounts each
 * registered module the user may see at `/<module>/*`, a placeholder for a module the server
 * allows that has no pages yet, and "forbidden" for a module the user may not see. Which modules
 * a user sees comes from the server (`me.modules`), never from role checks here.
 */
import type { ModuleKey } from '../../src/core/shared/vocabulary';
import { administrationModule } from './features/admin/admin-section';
import { kartlaggningModule } from './features/kartlaggning/kartlaggning-section';
import type { WebModule } from './features/shell/web-module';
import { statistikModule } from './features/statistik/statistik-section';
import { uppsokModule } from './features/uppsok/uppsok-section';

export const WEB_MODULES: Partial<Readonly<Record<ModuleKey, WebModule>>> = {
  kartlaggning: kartlaggningModule,
  uppsok: uppsokModule,
  statistik: statistikModule,
  administration: administrationModule,
};
