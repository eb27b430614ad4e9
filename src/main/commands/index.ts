/** Every CLI command, in the order `fyren --help` lists them. */
import { auditVerifyCommand } from './audit.command';
import type { CliCommand } from './command';
import { crawlCommand, sitesTestCommand } from './crawl.command';
import { demoLoadCommand, demoResetCommand } from './demo-data.command';
import { demandCrawlCommand, demandProbesImportCommand, reportDemandCommand } from './demand.command';
import { evidenceExportCommand, evidenceVerifyCommand } from './evidence.command';
import { demoGenerateCommand, demoSitesCommand } from './demo.command';
import { extractCommand } from './extract.command';
import { importCommand } from './import.command';
import { exportCommand, linkCommand } from './link.command';
import { retentionRunCommand } from './retention.command';
import { serveCommand } from './serve.command';
import { reportCommand } from './report.command';

export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  auditVerifyCommand,
  retentionRunCommand,
  extractCommand,
  importCommand,
  crawlCommand,
  linkCommand,
  exportCommand,
  reportCommand,
  sitesTestCommand,
  demandCrawlCommand,
  demandProbesImportCommand,
  reportDemandCommand,
  evidenceExportCommand,
  evidenceVerifyCommand,
  demoGenerateCommand,
  demoSitesCommand,
  demoLoadCommand,
  demoResetCommand,
];
