/**
 * A weekly line chart as inline SVG: one line per series, suppressed weeks left out (the line
 * breaks there). The numbers are in the week table next to it, so the chart is one image with
 * a name and a short description for screen readers.
 */
export interface TrendSeries {
  label: string;
  color: string;
  points: (number | null)[];
}

const W = 560;
const H = 200;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 2.5, 5, 10].map((s) => s * p).find((s) => s >= n) ?? n;
}

export function TrendChart({
  title,
  weeks,
  series,
  description,
  incomplete = [],
  incompleteLabel = '',
}: {
  title: string;
  weeks: string[];
  series: TrendSeries[];
  description: string;
  /** Per week: true when the week is not whole (not over yet, or cut by the period); drawn dashed and hollow, never as a fall. */
  incomplete?: boolean[];
  /** Text over the incomplete weeks ("ofullständig vecka"). */
  incompleteLabel?: string;
}) {
  const isIncomplete = (i: number) => incomplete[i] === true;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.points.filter((p): p is number => p !== null))));
  const x = (i: number) => PAD.left + (weeks.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (weeks.length - 1));
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / max);
  const segments = (points: (number | null)[]) => {
    const out: string[] = [];
    let current = '';
    points.forEach((p, i) => {
      if (p === null || isIncomplete(i)) {
        if (current) out.push(current);
        current = '';
        return;
      }
      current += `${current ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p).toFixed(1)} `;
    });
    if (current) out.push(current);
    return out;
  };
  /** Dashed links into and out of incomplete weeks. */
  const dashed = (points: (number | null)[]) => {
    const out: string[] = [];
    points.forEach((p, i) => {
      const q = points[i + 1];
      if (p === null || q === null || q === undefined) return;
      if (!isIncomplete(i) && !isIncomplete(i + 1)) return;
      out.push(`M${x(i).toFixed(1)} ${y(p).toFixed(1)} L${x(i + 1).toFixed(1)} ${y(q).toFixed(1)}`);
    });
    return out;
  };
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 8));
  return (
    <figure className="trend-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${description}`} width="100%">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#d9d9d9" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#333">
              {Math.round(t)}
            </text>
          </g>
        ))}
        {weeks.map((w, i) =>
          i % labelEvery === 0 ? (
            <text key={w} x={x(i)} y={H - 8} textAnchor="middle" fontSize="11" fill="#333">
              {w.slice(5)}
            </text>
          ) : null,
        )}
        {weeks.map((w, i) =>
          isIncomplete(i) ? (
            <g key={`inc-${w}`} className="trend-incomplete">
              <rect x={x(i) - 8} y={PAD.top} width={16} height={H - PAD.top - PAD.bottom} fill="#f0f0f0" />
              <text x={x(i)} y={PAD.top - 4} textAnchor="middle" fontSize="10" fill="#333" fontStyle="italic">
                {incompleteLabel}
              </text>
            </g>
          ) : null,
        )}
        {series.map((s) => (
          <g key={s.label}>
            {segments(s.points).map((d) => (
              <path key={d} d={d} fill="none" stroke={s.color} strokeWidth={2.5} />
            ))}
            {dashed(s.points).map((d) => (
              <path key={`d-${d}`} d={d} fill="none" stroke={s.color} strokeWidth={1.5} strokeDasharray="4 3" />
            ))}
            {s.points.map((p, i) =>
              p === null ? null : isIncomplete(i) ? (
                <circle key={i} cx={x(i)} cy={y(p)} r={3} fill="#ffffff" stroke={s.color} strokeWidth={1.5} />
              ) : (
                <circle key={i} cx={x(i)} cy={y(p)} r={3} fill={s.color} />
              ),
            )}
          </g>
        ))}
      </svg>
      <ul className="trend-legend">
        {series.map((s) => (
          <li key={s.label}>
            <span className="trend-swatch" style={{ background: s.color }} aria-hidden="true" /> {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
