/**
 * A robots.txt reader (RFC 9309): groups by user-agent, Allow/Disallow with `*` and `$`,
 * longest match wins, Allow wins a tie. Pure.
 */
interface Rule {
  isAllow: boolean;
  pattern: string;
  regex: RegExp;
}

export interface RobotsRules {
  /** Whether `path` (with query) may be fetched by the agent the rules were read for. */
  isAllowed(path: string): boolean;
  /** Crawl-delay in seconds for that agent, if given (non-standard but common). */
  crawlDelaySeconds: number | null;
}

const toRegex = (p: string) =>
  new RegExp(
    `^${p
      .replace(/[.+?^{}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\\\$$/, '$')
      .replace(/\$$/, '$')}`,
  );

/** Parses robots.txt for a user agent (matched by its product token, case-insensitive). */
export function parseRobots(text: string, userAgent: string): RobotsRules {
  const token = (userAgent.split(/[\s/]/)[0] ?? '').toLowerCase();
  type Group = { agents: string[]; rules: Rule[]; delay: number | null };
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], delay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if ((key === 'allow' || key === 'disallow') && value !== '') {
      current.rules.push({ isAllow: key === 'allow', pattern: value, regex: toRegex(value) });
    } else if (key === 'crawl-delay' && Number.isFinite(Number(value))) current.delay = Number(value);
  }
  const specific = groups.filter((g) => g.agents.some((a) => a !== '*' && token.includes(a)));
  const chosen = specific.length ? specific : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delay = chosen.find((g) => g.delay !== null)?.delay ?? null;
  return {
    crawlDelaySeconds: delay,
    isAllowed(path: string) {
      let best: Rule | null = null;
      for (const r of rules) {
        if (!r.regex.test(path)) continue;
        if (!best || r.pattern.length > best.pattern.length || (r.pattern.length === best.pattern.length && r.isAllow)) best = r;
      }
      return !best || best.isAllow;
    },
  };
}
