/**
 * The graph of a network as inline SVG: ads as dots coloured and grouped by profile, evidence
 * edges drawn by kind (colour and dash pattern, so colour is never the only cue) with a legend.
 *
 * Keyboard: the edges are one tab stop; the arrow keys move between them, Home and End go to
 * the first and last, Enter or Space shows the chosen edge's evidence. The page has a table of
 * every edge as the alternative for screen readers.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { EdgeDto } from '../../../../src/contracts/links';
import { useI18n } from '../../i18n/i18n';
import { EDGE_KINDS, edgeKindName, type EdgeKindName } from './link-names';
import type { NetworkLayout } from './network-layout';

/** Profile colours, each at least 3:1 against white (WCAG 1.4.11). */
export const PROFILE_COLOURS = ['#0b4f8a', '#a4161a', '#1d5e2f', '#6a3d9a', '#8a4b08', '#00606b', '#7a1f5c', '#3d4a5c'] as const;

/** How each kind of edge is drawn: colour and dash pattern. */
export const EDGE_STYLES: Readonly<Record<EdgeKindName | 'refused', { colour: string; dash: string | undefined; width: number }>> = {
  phone: { colour: '#0b2e4f', dash: undefined, width: 2.5 },
  email: { colour: '#1d5e2f', dash: '8 4', width: 2.5 },
  handle: { colour: '#6a3d9a', dash: '2 4', width: 2.5 },
  image: { colour: '#a4161a', dash: '12 4 3 4', width: 2.5 },
  text: { colour: '#8a4b08', dash: '1 5', width: 3 },
  repost: { colour: '#00606b', dash: '16 6', width: 2.5 },
  confirmed: { colour: '#1b1f24', dash: undefined, width: 4 },
  refused: { colour: '#6b7785', dash: '4 4', width: 1.5 },
};

export const edgeStyle = (e: Pick<EdgeDto, 'kind' | 'isRefused'>) =>
  e.isRefused ? EDGE_STYLES.refused : (EDGE_STYLES[e.kind as EdgeKindName] ?? EDGE_STYLES.phone);

const NEXT: Partial<Record<string, 1 | -1>> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export interface NetworkGraphProps {
  layout: NetworkLayout;
  edges: EdgeDto[];
  /** Index (in `edges`) of the edge whose evidence is shown. */
  selected: number | null;
  onSelect: (index: number) => void;
  /** Edges on an explained path, drawn thicker. */
  highlighted: ReadonlySet<number>;
  /** 1-based profile number shown to the user, per profile id. */
  profileNumber: (profileId: string) => number;
}

/** The accessible name of an edge: kind, value, the two ads, refused or not. */
export function useEdgeLabel() {
  const { t } = useI18n();
  return (e: EdgeDto) =>
    `${edgeKindName(e.kind, t)}: ${e.value}, ${t('edges.pair', { a: e.a, b: e.b })}${e.isRefused ? `, ${t('edges.refused')}` : ''}`;
}

export function NetworkGraph({ layout, edges, selected, onSelect, highlighted, profileNumber }: NetworkGraphProps) {
  const { t } = useI18n();
  const id = `network-graph-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const label = useEdgeLabel();
  const position = useMemo(() => new Map(layout.ads.map((a) => [a.key, a])), [layout]);
  const [active, setActive] = useState<number | null>(null);
  const drawn = useMemo(() => {
    // Edges between the same two ads are bent apart so each stays visible and clickable.
    // The same evidence often counts at both levels (person and network): it is drawn once,
    // as its person-level edge; the table lists both.
    const pairs = new Map<string, number[]>();
    const seen = new Map<string, number>();
    edges.forEach((e, i) => {
      if (!position.has(e.a) || !position.has(e.b)) return;
      const key = e.a < e.b ? `${e.a}|${e.b}` : `${e.b}|${e.a}`;
      const same = `${key}|${e.kind}|${e.value}`;
      const earlier = seen.get(same);
      if (earlier !== undefined) {
        if (e.level !== 'profile' || edges[earlier]?.level === 'profile') return;
        const list = pairs.get(key) ?? [];
        list[list.indexOf(earlier)] = i;
        seen.set(same, i);
        return;
      }
      seen.set(same, i);
      pairs.set(key, [...(pairs.get(key) ?? []), i]);
    });
    const out: { index: number; d: string }[] = [];
    for (const list of pairs.values()) {
      list.forEach((index, k) => {
        const e = edges[index] as EdgeDto;
        const p = position.get(e.a < e.b ? e.a : e.b)!;
        const q = position.get(e.a < e.b ? e.b : e.a)!;
        const bend = (k - (list.length - 1) / 2) * 14;
        const dx = q.x - p.x;
        const dy = q.y - p.y;
        const len = Math.hypot(dx, dy) || 1;
        const cx = (p.x + q.x) / 2 + (-dy / len) * bend;
        const cy = (p.y + q.y) / 2 + (dx / len) * bend;
        out.push({ index, d: `M${p.x} ${p.y}Q${Math.round(cx * 10) / 10} ${Math.round(cy * 10) / 10} ${q.x} ${q.y}` });
      });
    }
    return out.sort((a, b) => a.index - b.index);
  }, [edges, position]);
  const order = drawn.map((x) => x.index);
  const tabStop =
    (active !== null && order.includes(active) ? active : null) ??
    (selected !== null && order.includes(selected) ? selected : null) ??
    order[0];

  const focusEdge = (svg: SVGSVGElement | null, index: number | undefined) => {
    if (index === undefined) return;
    setActive(index);
    svg?.querySelector<SVGGElement>(`[data-edge="${index}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<SVGGElement>, index: number) => {
    const svg = event.currentTarget.ownerSVGElement;
    const step = NEXT[event.key];
    const at = order.indexOf(index);
    if (step) {
      event.preventDefault();
      focusEdge(svg, order[(at + step + order.length) % order.length]);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      focusEdge(svg, event.key === 'Home' ? order[0] : order[order.length - 1]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(index);
    }
  };

  const v = layout.viewBox;
  return (
    <div className="network-graph">
      <svg
        className="network-graph__svg"
        viewBox={`${v.x} ${v.y} ${v.width} ${v.height}`}
        role="group"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
      >
        <title id={`${id}-title`}>
          {t('graph.title', { ads: layout.ads.length, profiles: layout.profiles.length, edges: drawn.length })}
        </title>
        <desc id={`${id}-desc`}>{t('graph.keyboard')}</desc>
        <g aria-hidden="true">
          {layout.profiles.map((p) => (
            <g key={p.id}>
              <circle
                cx={p.x}
                cy={p.y}
                r={p.r + 16}
                fill={PROFILE_COLOURS[p.index % PROFILE_COLOURS.length]}
                fillOpacity={0.07}
                stroke={PROFILE_COLOURS[p.index % PROFILE_COLOURS.length]}
                strokeOpacity={0.5}
              />
              <text x={p.labelX} y={p.labelY} textAnchor="middle" dominantBaseline="middle" className="network-graph__label">
                {t('graph.profileLabel', { number: profileNumber(p.id) })}
              </text>
            </g>
          ))}
        </g>
        <g fill="none">
          {drawn.map(({ index, d }) => {
            const e = edges[index] as EdgeDto;
            const style = edgeStyle(e);
            const isOn = selected === index || highlighted.has(index);
            return (
              <g
                key={index}
                data-edge={index}
                className={`network-graph__edge${isOn ? ' network-graph__edge--on' : ''}`}
                role="button"
                tabIndex={index === tabStop ? 0 : -1}
                aria-label={label(e)}
                aria-pressed={selected === index}
                onClick={() => {
                  setActive(index);
                  onSelect(index);
                }}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                <title>{label(e)}</title>
                <path d={d} className="network-graph__focus" />
                <path d={d} stroke="transparent" strokeWidth={12} />
                <path
                  d={d}
                  stroke={style.colour}
                  strokeWidth={style.width * (0.6 + e.strength * 0.6) + (isOn ? 2.5 : 0)}
                  strokeDasharray={style.dash}
                  strokeLinecap={e.kind === 'text' ? 'round' : 'butt'}
                />
              </g>
            );
          })}
        </g>
        <g aria-hidden="true">
          {layout.ads.map((a) => (
            <circle
              key={a.key}
              cx={a.x}
              cy={a.y}
              r={7}
              fill={PROFILE_COLOURS[a.profileIndex % PROFILE_COLOURS.length]}
              stroke="#ffffff"
              strokeWidth={2}
              data-ad={a.key}
            >
              <title>{t('graph.adTitle', { ad: a.key, number: profileNumber(a.profileId) })}</title>
            </circle>
          ))}
        </g>
      </svg>
      <div className="network-graph__legend" role="group" aria-labelledby={`${id}-legend`}>
        <p id={`${id}-legend`} className="network-graph__legend-title">
          {t('graph.legend')}
        </p>
        <ul className="network-graph__legend-list">
          {[...EDGE_KINDS, 'refused' as const].map((kind) => {
            const style = EDGE_STYLES[kind];
            return (
              <li key={kind}>
                <svg width="40" height="12" viewBox="0 0 40 12" aria-hidden="true">
                  <path d="M2 6H38" stroke={style.colour} strokeWidth={style.width} strokeDasharray={style.dash} fill="none" />
                </svg>
                {kind === 'refused' ? t('graph.refused') : edgeKindName(kind, t)}
              </li>
            );
          })}
          <li>
            <svg width="40" height="16" viewBox="0 0 40 16" aria-hidden="true">
              <circle cx="10" cy="8" r="6" fill={PROFILE_COLOURS[0]} />
              <circle cx="28" cy="8" r="6" fill={PROFILE_COLOURS[1]} />
            </svg>
            {t('graph.nodes')}
          </li>
        </ul>
      </div>
    </div>
  );
}
