/**
 * The report for politicians as Fyren produces it: the kartläggning sections with the demand
 * section (issue #9) after the comparison with other areas. The demand figures come in
 * `extras.demand` (already suppressed, from gatherDemandReport); without them the section is left out.
 */
import { renderDemandSection, type DemandReportData } from './demand-section';
import { insertSection, KARTLAGGNING_SECTIONS, type ReportSection } from './kartlaggning-report';

export const demandReportSection: ReportSection = {
  key: 'demand',
  render(ctx) {
    const data = ctx.extras?.demand as DemandReportData | undefined;
    if (!data) return;
    ctx.doc.addPage();
    renderDemandSection(ctx.doc, data);
  },
};

export const REPORT_SECTIONS: readonly ReportSection[] = insertSection(KARTLAGGNING_SECTIONS, 'kommuner', demandReportSection);
