import { useId } from 'react';

export interface Bar {
  label: string;
  /** A percentage, 0–100; null draws no bar (nothing to compare). */
  value: number | null;
}

const ROW = 28;
const LABEL_WIDTH = 24;
/** Room at the right for the figure, so it never sits on a bar. */
const VALUE_WIDTH = 60;
const WIDTH = 320;

/**
 * Horizontal bars of percentages with a target line, drawn in SVG so it scales to a phone. The chart is a
 * picture of the table beside it: screen readers read its title and the table, not the bars.
 */
export function BarChart({ title, bars, target }: { title: string; bars: Bar[]; target?: number }) {
  const id = useId();
  const height = bars.length * ROW + 24;
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (percent: number) => LABEL_WIDTH + (plot * Math.max(0, Math.min(100, percent))) / 100;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        {bars.map((bar, i) => (
          <g key={bar.label} transform={`translate(0 ${i * ROW})`}>
            <text x={0} y={ROW / 2 + 4} className="chart-label">
              {String(i + 1)}
            </text>
            <rect x={LABEL_WIDTH} y={4} width={plot} height={ROW - 10} className="chart-track" />
            {bar.value !== null ? (
              <rect
                x={LABEL_WIDTH}
                y={4}
                width={x(bar.value) - LABEL_WIDTH}
                height={ROW - 10}
                className="chart-bar"
              />
            ) : null}
            <text x={WIDTH - 4} y={ROW / 2 + 4} textAnchor="end" className="chart-value">
              {bar.value === null ? '—' : `${bar.value.toLocaleString('vi-VN')} %`}
            </text>
          </g>
        ))}
        {target !== undefined ? (
          <line x1={x(target)} x2={x(target)} y1={0} y2={bars.length * ROW} className="chart-target" />
        ) : null}
        <text x={LABEL_WIDTH} y={height - 6} className="chart-axis">
          0 %
        </text>
        <text x={LABEL_WIDTH + plot} y={height - 6} textAnchor="end" className="chart-axis">
          100 %
        </text>
      </svg>
      <figcaption>
        <ol className="chart-legend">
          {bars.map((bar) => (
            <li key={bar.label}>{bar.label}</li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
