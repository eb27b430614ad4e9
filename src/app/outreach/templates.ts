/** Outreach message templates: listed with the content points they lack; edited with the same check. */
import type { TemplateDto, TemplateUpdateInput } from '../../contracts/outreach';
import { missingContentPoints } from '../../core/outreach/outreach';
import { can } from '../../core/policy/policy';
import { DomainError } from '../../core/shared/errors';
import { authorize } from '../identity/authorize';
import type { OutreachTemplateRow } from './ports';
import type { AppDeps, RequestContext } from '../shared/ports';

const dto = (t: OutreachTemplateRow): TemplateDto => ({
  id: t.id,
  language: t.language,
  name: t.name,
  body: t.body,
  markers: t.markers,
  needsNativeReview: t.needsNativeReview,
  isActive: t.isActive,
  missing: missingContentPoints(t.body, t.markers),
  updatedAt: t.updatedAt.toISOString(),
});

/** The templates, and whether the actor may edit them (so the web app shows the editor only then). */
export async function listTemplates(deps: AppDeps, ctx: RequestContext): Promise<{ items: TemplateDto[]; canEdit: boolean }> {
  await authorize(deps, ctx, 'list', { kind: 'outreach_template' });
  const canEdit = ctx.actor !== null && can(ctx.actor, 'update', { kind: 'outreach_template' });
  return deps.uow.transaction(async (r) => ({ items: (await r.outreach.templates()).map(dto), canEdit }));
}

/** Saves a template's text; refuses a text that lacks any of the four content points. */
export async function updateTemplate(deps: AppDeps, ctx: RequestContext, id: string, input: TemplateUpdateInput): Promise<TemplateDto> {
  await authorize(deps, ctx, 'update', { kind: 'outreach_template' });
  const missing = missingContentPoints(input.body, input.markers);
  if (missing.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `the message must say: ${missing.join(', ')}`, { path: ['body'], missing });
  }
  const now = deps.clock.now();
  return deps.uow.transaction(async (r) => {
    const saved = await r.outreach.updateTemplate(id, input, ctx.actor!.userId, now);
    if (!saved) throw new DomainError('NOT_FOUND', `no template ${id}`);
    await r.audit.append(
      ctx,
      { action: 'outreach.template.update', outcome: 'success', resourceKind: 'outreach_template', resourceId: id },
      now,
    );
    return dto(saved);
  });
}
