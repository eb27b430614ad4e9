import { describe, expect, it } from 'vitest';
import { findEmails, findHandles } from './contacts';

const emails = (text: string): string[] => findEmails({ field: 'body', text }).map((e) => e.value);
const handles = (text: string): string[] => findHandles({ field: 'body', text }, 'SE').map((h) => `${h.value.platform}:${h.value.handle}`);

describe('handles after a platform word are not e-mails', () => {
  it.each([
    ['Insta @mia.holmsund', 'instagram:mia.holmsund'],
    ['insta@mia.holmsund', 'instagram:mia.holmsund'],
    ['IG @maja.com', 'instagram:maja.com'],
    ['TikTok @jenny.se', 'tiktok:jenny.se'],
    ['Insta 👉 @alva.ly', 'instagram:alva.ly'],
    ['min insta är @freja.h', 'instagram:freja.h'],
    ['Snap ➡️ @ida.love', 'snapchat:ida.love'],
  ])('%j is the handle %j and no e-mail', (text, handle) => {
    expect(emails(text)).toEqual([]);
    expect(handles(text)).toEqual([handle]);
  });

  it('needs a real top-level domain for an e-mail', () => {
    expect(emails('anna@localhost, lisa@mail, kim@bokning.holmsund')).toEqual([]);
    expect(emails('Email me at Nina.Ross@protonmail.com')).toEqual(['nina.ross@protonmail.com']);
    expect(emails('mejl: mia@holmsund.se eller vip.girls@yahoo.co.uk')).toEqual(['mia@holmsund.se', 'vip.girls@yahoo.co.uk']);
    expect(emails('lisa(at)mail(dot)se')).toEqual(['lisa@mail.se']);
  });
});
