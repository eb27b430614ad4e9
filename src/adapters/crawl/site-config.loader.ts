/** Reads `*.site.yaml` files and refuses a bad one with the file, the key and the reason. */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { SiteConfigSchema, type SiteConfig } from '../../contracts/site-config';

export class SiteConfigError extends Error {
  override name = 'SiteConfigError';
  constructor(
    readonly file: string,
    readonly problems: { key: string; reason: string }[],
  ) {
    super(`${file}: invalid site config\n${problems.map((p) => `  ${p.key}: ${p.reason}`).join('\n')}`);
  }
}

/** Parses and validates YAML text; `file` is only used in error messages. */
export function parseSiteConfig(text: string, file: string): SiteConfig {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    throw new SiteConfigError(
      file,
      doc.errors.map((e) => ({ key: `(line ${e.linePos?.[0]?.line ?? '?'})`, reason: e.message.split('\n')[0] ?? e.message })),
    );
  }
  const parsed = SiteConfigSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new SiteConfigError(
      file,
      parsed.error.issues.flatMap((i) => {
        const key = i.path.map(String).join('.') || '(top level)';
        if (i.code === 'unrecognized_keys')
          return i.keys.map((k) => ({ key: key === '(top level)' ? k : `${key}.${k}`, reason: 'unknown key' }));
        return [{ key, reason: i.message }];
      }),
    );
  }
  return parsed.data;
}

export async function loadSiteConfig(path: string): Promise<SiteConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SiteConfigError(path, [
      { key: '(file)', reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err) },
    ]);
  }
  return parseSiteConfig(text, path);
}
