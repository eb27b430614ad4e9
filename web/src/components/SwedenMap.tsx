/**
 * SwedenMap: the offline map of Sweden (no tiles, no network) drawn as inline SVG from the same
 * model as the PDF reports (src/core/geo buildMapModel), with an HTML legend and a table of the
 * values for screen-reader and keyboard users.
 *
 * Accessibility: without `onSelect` the SVG is one image (role="img", <title>, <desc>). With
 * `onSelect` it is a group of kommun buttons with one tab stop: the arrow keys move to the nearest
 * kommun in that direction, Home and End to the first and last, Enter or Space chooses. Every kommun
 * has a <title> tooltip ("Umeå: 12"). The table (behind a disclosure) lists every kommun that has a
 * value, "<5" for suppressed ones, and the flows.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import {
  buildMapModel,
  MAP_COLORS,
  DIMMED_OPACITY,
  neighbourInDirection,
  type MapDirection,
  type MapFlow,
  type MapMode,
  type MapModel,
  type MapShape,
} from '../../../src/core/geo';
import { useI18n } from '../i18n/i18n';

export interface SwedenMapProps {
  /** Value per kommun code ("2480"). `null`: suppressed by the caller (hatched, "<5"); missing: no data. */
  values: ReadonlyMap<string, number | null>;
  /** Coloured kommuner or proportional circles. Default 'choropleth'. */
  mode?: MapMode;
  /** Curved arrows between kommuner. */
  flows?: readonly MapFlow[];
  /** Zoom to a kommun code, a län code or a police region ("Nord"); the rest is faded. Must be valid. */
  focus?: string | null;
  /** Accessible name; by default built from `valueLabel` and the focus. */
  title?: string;
  /** What the values are, as a phrase mid-sentence ("antal annonser"); also the table's value column. */
  valueLabel?: string;
  /** The threshold the caller suppressed below, for "<5" texts. Default 5. */
  suppressionThreshold?: number;
  /** What to write for a suppressed kommun other than "<5": ".." for a figure withheld to protect a small one. */
  suppressedTexts?: ReadonlyMap<string, string>;
  /** Number of colour classes, 1–5. Default 5. */
  classes?: number;
  /** Called with a kommun code when a kommun is clicked or chosen with Enter or Space, on the map or in the table. */
  onSelect?: (code: string) => void;
  /** The kommun to outline as selected. */
  selected?: string | null;
}

const KEY_DIRECTIONS: Partial<Record<string, MapDirection>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/** Ids for url(#…) references must stay plain: React's useId may contain characters such as « ». */
const plainId = (id: string): string => `sweden-map-${id.replace(/[^a-zA-Z0-9_-]/g, '')}`;

/** The map of Sweden with legend and table; see the module comment. */
export function SwedenMap({
  values,
  mode = 'choropleth',
  flows,
  focus = null,
  title,
  valueLabel,
  suppressionThreshold = 5,
  suppressedTexts,
  classes,
  onSelect,
  selected = null,
}: SwedenMapProps) {
  const { locale, t } = useI18n();
  const id = plainId(useId());
  const model = useMemo(
    () =>
      buildMapModel({
        values,
        mode,
        flows,
        focus,
        lang: locale,
        title,
        valueLabel,
        suppressionThreshold,
        classes,
        ...(suppressedTexts ? { suppressedTexts } : {}),
      }),
    [values, mode, flows, focus, locale, title, valueLabel, suppressionThreshold, classes, suppressedTexts],
  );
  const isInteractive = onSelect !== undefined;

  return (
    <div className="sweden-map">
      <MapSvg model={model} id={id} onSelect={onSelect} selected={selected} keyboardHint={isInteractive ? t('map.keyboardHint') : null} />
      <Legend model={model} id={id} heading={t('map.legend')} />
      <details className="sweden-map__details">
        <summary>{t('map.tableToggle')}</summary>
        <ValueTable model={model} onSelect={onSelect} threshold={suppressionThreshold} />
      </details>
    </div>
  );
}

interface MapSvgProps {
  model: MapModel;
  id: string;
  onSelect: ((code: string) => void) | undefined;
  selected: string | null;
  keyboardHint: string | null;
}

function MapSvg({ model, id, onSelect, selected, keyboardHint }: MapSvgProps) {
  const isInteractive = onSelect !== undefined;
  // Only the kommuner of the focus area take part in keyboard navigation.
  const navigable = useMemo(() => model.shapes.filter((s) => !s.isDimmed), [model]);
  const [active, setActive] = useState<string | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  const tabStop =
    (active && navigable.some((s) => s.code === active) ? active : null) ??
    (selected && navigable.some((s) => s.code === selected) ? selected : null) ??
    navigable[0]?.code ??
    null;
  const ids = {
    title: `${id}-title`,
    desc: `${id}-desc`,
    hint: `${id}-hint`,
    hatch: `${id}-hatch`,
    arrow: `${id}-arrow`,
    clip: `${id}-clip`,
  };
  const s = model.strokes;
  const v = model.viewBox;
  const shapeByCode = useMemo(() => new Map(model.shapes.map((x) => [x.code, x])), [model]);

  const moveTo = (code: string | undefined, svg: SVGSVGElement | null): void => {
    if (!code) return;
    setActive(code);
    svg?.querySelector<SVGPathElement>(`[data-code="${code}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<SVGPathElement>, code: string): void => {
    const svg = event.currentTarget.ownerSVGElement;
    const direction = KEY_DIRECTIONS[event.key];
    if (direction) {
      event.preventDefault();
      moveTo(neighbourInDirection(navigable, code, direction), svg);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moveTo((event.key === 'Home' ? navigable[0] : navigable[navigable.length - 1])?.code, svg);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect?.(code);
    }
  };

  const kommunPath = (shape: MapShape) => (
    <path
      key={shape.code}
      d={shape.d}
      data-code={shape.code}
      fill={shape.fill === 'suppressed' ? `url(#${ids.hatch})` : shape.color}
      className={isInteractive ? 'sweden-map__kommun sweden-map__kommun--interactive' : 'sweden-map__kommun'}
      {...(isInteractive && !shape.isDimmed
        ? {
            role: 'button',
            tabIndex: shape.code === tabStop ? 0 : -1,
            'aria-label': shape.label,
            'aria-current': shape.code === selected ? true : undefined,
            onClick: () => {
              setActive(shape.code);
              onSelect(shape.code);
            },
            onKeyDown: (event: KeyboardEvent<SVGPathElement>) => onKeyDown(event, shape.code),
            onFocus: () => setFocused(shape.code),
            onBlur: () => setFocused((current) => (current === shape.code ? null : current)),
          }
        : {})}
    >
      <title>{shape.label}</title>
    </path>
  );

  const ring = (code: string | null, kind: 'focus' | 'selected') => {
    const shape = code ? shapeByCode.get(code) : undefined;
    if (!shape) return null;
    return (
      <g className={`sweden-map__ring sweden-map__ring--${kind}`} aria-hidden="true" pointerEvents="none" fill="none">
        <path d={shape.d} className="sweden-map__ring-outer" />
        <path d={shape.d} className="sweden-map__ring-inner" />
      </g>
    );
  };

  const common = {
    stroke: MAP_COLORS.kommunStroke,
    strokeWidth: s.kommun,
    strokeLinejoin: 'round' as const,
    fillRule: 'evenodd' as const,
  };
  return (
    <svg
      className="sweden-map__svg"
      viewBox={`${v.x} ${v.y} ${v.width} ${v.height}`}
      role={isInteractive ? 'group' : 'img'}
      aria-labelledby={ids.title}
      aria-describedby={keyboardHint ? `${ids.desc} ${ids.hint}` : ids.desc}
    >
      <title id={ids.title}>{model.title}</title>
      <desc id={ids.desc}>{model.description}</desc>
      {keyboardHint ? <desc id={ids.hint}>{keyboardHint}</desc> : null}
      <defs>
        <pattern id={ids.hatch} patternUnits="userSpaceOnUse" width={s.hatch} height={s.hatch} patternTransform="rotate(45)">
          <rect width={s.hatch} height={s.hatch} fill={MAP_COLORS.hatchGround} />
          <line x1="0" y1="0" x2="0" y2={s.hatch} stroke={MAP_COLORS.hatchLine} strokeWidth={s.hatch * 0.35} />
        </pattern>
        <marker
          id={ids.arrow}
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="3"
          markerHeight="3"
          markerUnits="strokeWidth"
          orient="auto"
        >
          <path d="M0 0L10 5L0 10z" fill={MAP_COLORS.flow} />
        </marker>
        <clipPath id={ids.clip}>
          <rect x={v.x} y={v.y} width={v.width} height={v.height} />
        </clipPath>
      </defs>
      <rect x={v.x} y={v.y} width={v.width} height={v.height} fill={MAP_COLORS.background} />
      <g clipPath={`url(#${ids.clip})`}>
        <g opacity={DIMMED_OPACITY} {...common} aria-hidden={isInteractive ? true : undefined}>
          {model.shapes.filter((x) => x.isDimmed).map(kommunPath)}
        </g>
        <g {...common}>{navigable.map(kommunPath)}</g>
        <g fill="none" stroke={MAP_COLORS.lanStroke} strokeWidth={s.lan} strokeLinejoin="round" pointerEvents="none" aria-hidden="true">
          {model.lans.map((l) => (
            <path key={l.code} d={l.d} />
          ))}
        </g>
        {model.focus ? (
          <g fill="none" stroke={MAP_COLORS.lanStroke} strokeWidth={s.focus} strokeLinejoin="round" pointerEvents="none" aria-hidden="true">
            {model.focus.outlines.map((d, i) => (
              <path key={i} d={d} />
            ))}
          </g>
        ) : null}
        <g
          fill={MAP_COLORS.symbolFill}
          fillOpacity={0.75}
          stroke={MAP_COLORS.symbolStroke}
          strokeWidth={s.symbol}
          aria-hidden={isInteractive ? true : undefined}
        >
          {model.symbols.map((c) => (
            <circle
              key={c.code}
              cx={c.cx}
              cy={c.cy}
              r={c.r}
              opacity={c.isDimmed ? DIMMED_OPACITY : undefined}
              onClick={isInteractive && !c.isDimmed ? () => onSelect(c.code) : undefined}
              className={isInteractive && !c.isDimmed ? 'sweden-map__symbol--interactive' : undefined}
            >
              <title>{c.label}</title>
            </circle>
          ))}
        </g>
        <g fill="none" stroke={MAP_COLORS.flow} strokeLinecap="round" strokeOpacity={0.9} aria-hidden={isInteractive ? true : undefined}>
          {model.flows.map((f, i) => (
            <path key={i} d={f.d} strokeWidth={f.width} markerEnd={`url(#${ids.arrow})`} data-flow={`${f.from}-${f.to}`}>
              <title>{f.label}</title>
            </path>
          ))}
        </g>
        {ring(selected, 'selected')}
        {ring(focused, 'focus')}
      </g>
    </svg>
  );
}

function Legend({ model, id, heading }: { model: MapModel; id: string; heading: string }) {
  const { legend } = model;
  const headingId = `${id}-legend`;
  const swatch = (fill: string, pattern = false) => (
    <svg className="sweden-map__swatch" width="20" height="16" viewBox="0 0 20 16" aria-hidden="true">
      {pattern ? (
        <defs>
          <pattern id={`${id}-legend-hatch`} patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">
            <rect width="5" height="5" fill={MAP_COLORS.hatchGround} />
            <line x1="0" y1="0" x2="0" y2="5" stroke={MAP_COLORS.hatchLine} strokeWidth="1.75" />
          </pattern>
        </defs>
      ) : null}
      <rect x="1" y="1" width="18" height="14" fill={pattern ? `url(#${id}-legend-hatch)` : fill} stroke={MAP_COLORS.kommunStroke} />
    </svg>
  );
  return (
    <div className="sweden-map__legend" role="group" aria-labelledby={headingId}>
      <p id={headingId} className="sweden-map__legend-title">
        {heading}: {legend.title}
      </p>
      <ul className="sweden-map__legend-list">
        {legend.buckets.map((b) => (
          <li key={b.bucket}>
            {swatch(b.color)}
            {b.label}
          </li>
        ))}
        {legend.symbols.map((c) => (
          <li key={c.value}>
            <svg className="sweden-map__swatch" width={2 * c.r + 2} height={2 * c.r + 2} aria-hidden="true">
              <circle
                cx={c.r + 1}
                cy={c.r + 1}
                r={c.r}
                fill={MAP_COLORS.symbolFill}
                fillOpacity={0.75}
                stroke={MAP_COLORS.symbolStroke}
                strokeWidth="0.5"
              />
            </svg>
            {c.label}
          </li>
        ))}
        {legend.suppressed ? (
          <li>
            {swatch('', true)}
            {legend.suppressed.label}
          </li>
        ) : null}
        {legend.none ? (
          <li>
            {swatch(MAP_COLORS.none)}
            {legend.none.label}
          </li>
        ) : null}
        {legend.flows ? (
          <li>
            <svg className="sweden-map__swatch" width="24" height="16" viewBox="0 0 24 16" aria-hidden="true">
              <path d="M1 8H16" stroke={MAP_COLORS.flow} strokeWidth="2.5" />
              <path d="M15 3L23 8L15 13z" fill={MAP_COLORS.flow} />
            </svg>
            {legend.flows.label}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function ValueTable({
  model,
  onSelect,
  threshold,
}: {
  model: MapModel;
  onSelect: ((code: string) => void) | undefined;
  threshold: number;
}) {
  const { t } = useI18n();
  const lanName = new Map(model.lans.map((l) => [l.code, l.name]));
  const rows = model.shapes.filter((s) => s.status !== 'none' && !s.isDimmed).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return (
    <>
      <p className="hint">{t('map.tableNote', { threshold })}</p>
      {rows.length ? (
        <div className="table-wrap">
          <table className="table table--compact sweden-map__table">
            <caption>{model.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('map.colKommun')}</th>
                <th scope="col">{t('map.colLan')}</th>
                <th scope="col" className="sweden-map__num">
                  {model.legend.title}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.code}>
                  <th scope="row">
                    {onSelect ? (
                      <button type="button" className="sweden-map__select" onClick={() => onSelect(s.code)}>
                        {s.name}
                      </button>
                    ) : (
                      s.name
                    )}
                  </th>
                  <td>{lanName.get(s.lanCode)}</td>
                  <td className="sweden-map__num">{s.valueText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('map.tableEmpty')}</p>
      )}
      {model.flows.length ? (
        <div className="table-wrap">
          <table className="table table--compact sweden-map__table">
            <caption>{t('map.flowsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('map.colFrom')}</th>
                <th scope="col">{t('map.colTo')}</th>
                <th scope="col" className="sweden-map__num">
                  {t('map.colCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {model.flows.map((f, i) => (
                <tr key={i}>
                  <td>{f.fromName}</td>
                  <td>{f.toName}</td>
                  <td className="sweden-map__num">{f.countText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
