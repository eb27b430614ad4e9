import { describe, expect, it } from 'vitest';
import { parseRobots } from './robots';

const TXT = `
# comment
User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: FyrenBot
User-agent: OtherBot
Disallow: /nofyren
`;

describe('parseRobots', () => {
  it('uses the group naming the agent, else *', () => {
    const fyren = parseRobots(TXT, 'FyrenBot/0.1 (+https://example)');
    expect(fyren.isAllowed('/nofyren/x')).toBe(false);
    expect(fyren.isAllowed('/private/x')).toBe(true);
    const other = parseRobots(TXT, 'SomeBot/1');
    expect(other.isAllowed('/private/x')).toBe(false);
    expect(other.isAllowed('/nofyren')).toBe(true);
    expect(other.crawlDelaySeconds).toBe(2);
  });
  it('longest match wins, Allow wins ties, * and $ work', () => {
    const r = parseRobots(TXT, 'SomeBot');
    expect(r.isAllowed('/private/open/page')).toBe(true);
    expect(r.isAllowed('/docs/a.pdf')).toBe(false);
    expect(r.isAllowed('/docs/a.pdf?x=1')).toBe(true);
    expect(r.isAllowed('/')).toBe(true);
  });
  it('allows everything for an empty file or an empty Disallow', () => {
    expect(parseRobots('', 'x').isAllowed('/a')).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow:\n', 'x').isAllowed('/a')).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow: /\n', 'x').isAllowed('/a')).toBe(false);
  });
});
