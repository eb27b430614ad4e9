import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { translate, type Translate } from '../i18n/i18n';
import { errorMessage } from './form';

describe('errorMessage', () => {
  const sv: Translate = (key, params) => translate('sv', key, params);
  const en: Translate = (key, params) => translate('en', key, params);

  it('tells the user to wait when the server is busy (503 OVERLOADED), in Swedish and English', () => {
    const busy = new ApiError(503, 'OVERLOADED', 'the server is busy; try again in 2 s', 'req-1');
    expect(errorMessage(sv, busy)).toBe('Servern har många förfrågningar just nu. Vänta några sekunder och försök igen.');
    expect(errorMessage(en, busy)).toBe('The server is busy right now. Wait a few seconds and try again.');
  });

  it('still gives the request id for an internal error', () => {
    expect(errorMessage(en, new ApiError(500, 'INTERNAL', 'x', 'req-2'))).toContain('req-2');
  });
});
