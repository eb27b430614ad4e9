/** `fyren evidence export` and `fyren evidence verify`: court-ready bundles of an ad's captures. */
import { resolve } from 'node:path';
import { isPurposeStated } from '../../core/shared/purpose';
import { collectEvidence } from '../../app/intelligence/gather-evidence';
import { verifyBundle } from '../../adapters/evidence/bundle';
import { exportEvidenceSet } from '../../adapters/evidence/tar-exporter';
import { VERSION, withCliStores } from '../compose';
import { parseCommandArgs } from './args';
import { UsageError, type CliCommand } from './command';

export const evidenceExportCommand: CliCommand = {
  path: ['evidence', 'export'],
  summary: 'Write an evidence bundle for one ad (WARC captures, images, manifest with hashes)',
  usage: `fyren evidence export <ad> --out DIR --purpose TEXT

<ad> is the ad's id (uuid) or <source>:<externalId>, e.g. demo-portal:a1b2c3.
Writes DIR/captures.warc.gz (every capture of the ad, the exact stored WARC records),
DIR/images/, and DIR/manifest.json with SHA-256 hashes, fetch times and the Fyren
version, plus DIR/manifest.sha256. DIR must not exist. The export is audited with its
purpose (e.g. a case or investigation reference).`,
  async run(args, io) {
    const { values, positionals: rest } = parseCommandArgs(args, { out: { type: 'string' }, purpose: { type: 'string' } });
    const out = values.out;
    const purpose = values.purpose?.trim();
    if (!out) throw new UsageError('--out DIR is required');
    if (!isPurposeStated(purpose)) throw new UsageError('--purpose TEXT is required (why the evidence is exported, e.g. a case reference)');
    if (rest.length !== 1) throw new UsageError('give one ad (uuid or source:externalId)');
    const refText = rest[0]!;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(refText);
    const colon = refText.indexOf(':');
    if (!uuid && colon < 1) throw new UsageError(`"${refText}" is neither an ad id nor source:externalId`);
    return withCliStores(io.env, async (stores) => {
      const ctx = { actor: null, requestId: `cli-evidence-${Date.now()}`, purpose };
      const id = refText.toLowerCase();
      const set = await collectEvidence(
        stores,
        ctx,
        uuid ? { id } : { sourceId: refText.slice(0, colon), externalId: refText.slice(colon + 1) },
      );
      const { manifestPath } = await exportEvidenceSet(set, resolve(out), stores.evidence.root, VERSION, stores.clock.now());
      io.stdout.write(`${JSON.stringify({ manifest: manifestPath, captures: set.captures.length, images: set.images.length })}\n`);
      return 0;
    });
  },
};

export const evidenceVerifyCommand: CliCommand = {
  path: ['evidence', 'verify'],
  summary: 'Verify an evidence bundle; exit 1 on any altered, missing or extra byte',
  usage: `fyren evidence verify <bundle-dir> [--json]

Recomputes the hash of every file and of the manifest, re-reads every WARC record and
checks its digests against the manifest. Needs no database. Exit 0 when intact, 1 when
anything was altered.`,
  async run(args, io) {
    const { values, positionals: dirs } = parseCommandArgs(args, { json: { type: 'boolean' } });
    if (dirs.length !== 1) throw new UsageError('give one bundle folder');
    const result = await verifyBundle(resolve(dirs[0]!));
    if (values.json) io.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.isValid) io.stdout.write('evidence bundle intact: every hash matches\n');
    else io.stdout.write(`EVIDENCE BUNDLE ALTERED:\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return result.isValid ? 0 : 1;
  },
};
