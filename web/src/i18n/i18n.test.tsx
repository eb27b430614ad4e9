import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../test/render';
import { en } from './en';
import { I18nProvider, LOCALE_STORAGE_KEY, format, useI18n } from './i18n';
import { sv } from './sv';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('sv and en have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('every message is non-empty and uses the same placeholders in both languages', () => {
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(sv[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(sv[key]));
    }
  });

  it('has the Swedish module labels the issue asks for', () => {
    expect([
      sv['module.kartlaggning'],
      sv['module.uppsok'],
      sv['module.insatser'],
      sv['module.arenden'],
      sv['module.samverkan'],
      sv['module.statistik'],
      sv['module.administration'],
    ]).toEqual(['Kartläggning', 'Uppsök', 'Insatser', 'Ärenden', 'Samverkan', 'Statistik', 'Administration']);
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Hej {name}, {n} nya', { name: 'Anna', n: 3 })).toBe('Hej Anna, 3 nya');
    expect(format('Hej {name}', {})).toBe('Hej {name}');
  });
});

function Probe() {
  const { t, setLocale, locale } = useI18n();
  return (
    <button type="button" onClick={() => setLocale(locale === 'sv' ? 'en' : 'sv')}>
      {t('login.title')}
    </button>
  );
}

describe('I18nProvider', () => {
  it('defaults to Swedish, switches, remembers the choice and sets <html lang>', () => {
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('Logga in');
    expect(document.documentElement.lang).toBe('sv');
    act(() => screen.getByRole('button').click());
    expect(screen.getByRole('button').textContent).toBe('Sign in');
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
  });

  it('starts in the stored language', () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('Sign in');
  });
});
