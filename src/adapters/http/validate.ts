/**
 * zod validation for request bodies, queries and params. A bad request gets a 400 whose
 * body names every offending field (unknown fields included) and nothing is changed.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z, ZodType } from 'zod';
import { errorResponse, type Issue } from './errors';

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((i): Issue[] => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: [...path, k], message: 'unknown field' }));
    return [{ path, message: i.message }];
  });
}

export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issues = zodIssues(result.error as unknown as z.ZodError);
      const where = issues.map((i) => (i.path.length ? i.path.join('.') : target)).join(', ');
      return errorResponse(c, 400, 'VALIDATION_FAILED', `invalid ${target}: ${where}`, issues);
    }
    return undefined;
  });
