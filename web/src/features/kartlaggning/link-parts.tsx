/** Parts shared by the profile and network pages: the explained score, the evidence edges and the corrections. */
import type { CorrectionDto, EdgeDto, RiskContributionDto } from '../../../../src/contracts/links';
import { useI18n } from '../../i18n/i18n';
import { correctionTypeName, edgeKindName, indicatorName, percent } from './link-names';

/** The risk score with every indicator that makes it, its weight and its evidence. */
export function RiskContributions({
  score,
  weightsVersion,
  contributions,
  adLabel,
  kommuner = [],
  headingId,
}: {
  score: number;
  weightsVersion: string;
  contributions: RiskContributionDto[];
  /** A readable label for an ad key (its title), when known. */
  adLabel?: (key: string) => string;
  /** Kommun names for evidence that names a kommun by its code (touring). */
  kommuner?: { code: string; name: string }[];
  headingId: string;
}) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 });
  return (
    <section aria-labelledby={headingId} className="risk">
      <h2 id={headingId}>{t('risk.title', { score: number.format(score) })}</h2>
      <p className="risk__note">
        <strong>{t('risk.signsNotProof')}</strong> {t('risk.explain')}
      </p>
      {contributions.length ? (
        <ul className="risk__list" aria-label={t('risk.listLabel')}>
          {contributions.map((c) => (
            <li key={c.code} className="risk__item" data-testid="risk-contribution">
              <h3 className="risk__name">{indicatorName(c.code, locale, t)}</h3>
              <p className="risk__weight">
                {t('risk.weight', { weight: number.format(c.weight) })} <span className="hint">({c.code})</span>
              </p>
              <EvidenceList
                evidence={c.code === 'TOURING' ? c.evidence.map((e) => ({ ...e, text: withKommunName(e.text, kommuner) })) : c.evidence}
                adLabel={adLabel}
              />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('risk.none')}</p>
      )}
      <p className="hint">{t('risk.version', { version: weightsVersion })}</p>
    </section>
  );
}

/** Touring evidence reads "1480 2026-03-01–2026-03-04": the kommun code becomes its name. */
function withKommunName(text: string, kommuner: { code: string; name: string }[]): string {
  const match = /^(\d{4}) (.*)$/.exec(text);
  const name = match ? kommuner.find((k) => k.code === match[1])?.name : undefined;
  return match && name ? `${name} ${match[2]}` : text;
}

/** Evidence shown at first; the rest is behind a disclosure. */
const EVIDENCE_SHOWN = 5;

/** The evidence of one sign, each (ad, text) once; long lists are folded. */
function EvidenceList({ evidence, adLabel }: { evidence: RiskContributionDto['evidence']; adLabel?: (key: string) => string }) {
  const { t } = useI18n();
  const unique = [...new Map(evidence.map((e) => [`${e.ad}\u0000${e.text}`, e])).values()];
  if (!unique.length) return null;
  const item = (e: (typeof unique)[number]) => (
    <li key={`${e.ad}\u0000${e.text}`}>
      <span className="risk__ad">{adLabel ? adLabel(e.ad) : e.ad}:</span> <q>{e.text}</q>
    </li>
  );
  return (
    <>
      <p className="visually-hidden">{t('risk.evidence')}</p>
      <ul className="risk__evidence">{unique.slice(0, EVIDENCE_SHOWN).map(item)}</ul>
      {unique.length > EVIDENCE_SHOWN ? (
        <details className="risk__more">
          <summary>{t('risk.moreEvidence', { count: unique.length - EVIDENCE_SHOWN })}</summary>
          <ul className="risk__evidence">{unique.slice(EVIDENCE_SHOWN).map(item)}</ul>
        </details>
      ) : null}
    </>
  );
}

/** Evidence edges grouped by what they share: each value once, with how many pairs of ads it ties. */
export function EdgeSummary({ edges, caption }: { edges: EdgeDto[]; caption: string }) {
  const { t, locale } = useI18n();
  const groups = new Map<string, { kind: string; value: string; pairs: Set<string>; min: number; max: number; refused: number }>();
  for (const e of edges) {
    const key = `${e.kind}\u0000${e.value}`;
    const g = groups.get(key) ?? { kind: e.kind, value: e.value, pairs: new Set<string>(), min: 1, max: 0, refused: 0 };
    g.pairs.add(e.a < e.b ? `${e.a}|${e.b}` : `${e.b}|${e.a}`);
    g.min = Math.min(g.min, e.strength);
    g.max = Math.max(g.max, e.strength);
    if (e.isRefused) g.refused += 1;
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => b.pairs.size - a.pairs.size || (a.kind < b.kind ? -1 : 1));
  if (!rows.length) return <p>{t('edges.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('edges.colKind')}</th>
            <th scope="col">{t('edges.colValue')}</th>
            <th scope="col" className="num">
              {t('edges.colPairs')}
            </th>
            <th scope="col" className="num">
              {t('edges.colStrength')}
            </th>
            <th scope="col">{t('edges.colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={`${g.kind}\u0000${g.value}`} data-testid="edge-group">
              <th scope="row">{edgeKindName(g.kind, t)}</th>
              <td className="edge-value">{g.value}</td>
              <td className="num">{g.pairs.size}</td>
              <td className="num">{g.min === g.max ? percent(g.max, locale) : `${percent(g.min, locale)}–${percent(g.max, locale)}`}</td>
              <td>
                {g.refused ? <strong className="edge-refused">{t('edges.refusedCount', { count: g.refused })}</strong> : t('edges.counts')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every evidence edge as a table: the two ads, the kind, the shared value, how much it counts, refused or not. */
export function EdgeTable({
  edges,
  caption,
  adLabel,
  selected,
  onSelect,
}: {
  edges: EdgeDto[];
  caption: string;
  adLabel?: (key: string) => string;
  /** Index of the edge shown in detail, when the table is tied to a graph. */
  selected?: number | null;
  onSelect?: (index: number) => void;
}) {
  const { t, locale } = useI18n();
  const label = adLabel ?? ((key: string) => key);
  if (!edges.length) return <p>{t('edges.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('edges.colAds')}</th>
            <th scope="col">{t('edges.colKind')}</th>
            <th scope="col">{t('edges.colValue')}</th>
            <th scope="col">{t('edges.colLevel')}</th>
            <th scope="col" className="num">
              {t('edges.colStrength')}
            </th>
            <th scope="col">{t('edges.colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {edges.map((e, i) => (
            <tr
              key={`${e.a}|${e.b}|${e.kind}|${e.value}|${e.level}`}
              aria-current={selected === i ? true : undefined}
              data-testid="edge-row"
            >
              <th scope="row">
                {onSelect ? (
                  <button type="button" className="link-button" onClick={() => onSelect(i)}>
                    {t('edges.pair', { a: label(e.a), b: label(e.b) })}
                  </button>
                ) : (
                  t('edges.pair', { a: label(e.a), b: label(e.b) })
                )}
              </th>
              <td>{edgeKindName(e.kind, t)}</td>
              <td className="edge-value">{e.value}</td>
              <td>{e.level === 'profile' ? t('edges.levelProfile') : t('edges.levelNetwork')}</td>
              <td className="num">
                {percent(e.strength, locale)}
                {e.similarity !== null ? (
                  <span className="hint"> {t('edges.similarity', { value: percent(e.similarity, locale) })}</span>
                ) : null}
              </td>
              <td>{e.isRefused ? <strong className="edge-refused">{t('edges.refused')}</strong> : t('edges.counts')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The corrections analysts made, with author, reason and date. */
export function CorrectionTable({ corrections, headingId }: { corrections: CorrectionDto[]; headingId: string }) {
  const { t, formatDateTime } = useI18n();
  if (!corrections.length) return <p>{t('corrections.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table--compact" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t('corrections.colType')}</th>
            <th scope="col">{t('corrections.colAds')}</th>
            <th scope="col">{t('corrections.colReason')}</th>
            <th scope="col">{t('corrections.colAuthor')}</th>
            <th scope="col">{t('corrections.colDate')}</th>
          </tr>
        </thead>
        <tbody>
          {corrections.map((c) => (
            <tr key={c.id} data-testid="correction-row">
              <th scope="row">
                {correctionTypeName(c.type, t)}
                {c.level ? (
                  <span className="hint"> ({c.level === 'profile' ? t('edges.levelProfile') : t('edges.levelNetwork')})</span>
                ) : null}
              </th>
              <td>
                {c.ads.join(', ')}
                {c.value ? <span className="hint"> – {c.value}</span> : null}
              </td>
              <td>{c.reason}</td>
              <td>{c.author}</td>
              <td>{formatDateTime(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
