import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import './monitoring.css';
import { PREDICATES, type ConditionResult, type Counts } from './types';

/** Short names of the predicates for the chart's axis; the legend and tables carry the full ones. */
export const PREDICATE_SHORT: Record<(typeof PREDICATES)[number], string> = {
  SANGAT_BAIK: 'SB',
  BAIK: 'B',
  BUTUH_PERBAIKAN: 'BP',
  KURANG_MISCONDUCT: 'K',
  SANGAT_KURANG: 'SK',
};

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** A bound the rule set puts on one predicate's share (MAX_SHARE / MIN_SHARE of a single predicate), drawn as a dashed line. */
function markersOf(conditions: readonly ConditionResult[], total: number) {
  return conditions
    .filter((c) => (c.kind === 'MAX_SHARE' || c.kind === 'MIN_SHARE' || c.kind === 'MAX_COUNT' || c.kind === 'MIN_COUNT') && c.predicates.length === 1 && total > 0)
    .map((c) => ({ predicate: c.predicates[0], share: Math.min(1, c.bound / total), max: c.kind.startsWith('MAX'), pass: c.pass, id: c.id }));
}

/**
 * The distribution of employee predicates as vertical bars (the "kurva"), with the curve's bounds on
 * single predicates as dashed lines. Hand-made SVG: a title and a description for screen readers;
 * the numbers are also in the table beside it.
 */
export function CurveChart({ counts, title, conditions = [] }: { counts: Counts; title: string; conditions?: readonly ConditionResult[] }) {
  const { t } = useTranslation();
  const id = useId();
  const total = PREDICATES.reduce((n, p) => n + counts[p], 0);
  const W = 320;
  const H = 200;
  const top = 20;
  const bottom = 30;
  const plot = H - top - bottom;
  const slot = W / PREDICATES.length;
  const bar = slot * 0.56;
  const y = (share: number) => top + plot * (1 - share);
  const markers = markersOf(conditions, total);
  const description = PREDICATES.map((p) => `${t(`penilaian.predicates.${p}`)}: ${counts[p]} (${percent(total ? counts[p] / total : 0)})`).join('; ');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="curve-chart">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {description}
          {markers.length > 0 ? `. ${t('monitoring.chart.bounds')}: ${conditions.filter((c) => markers.some((m) => m.id === c.id)).map((c) => c.label).join('; ')}` : ''}
        </desc>
        {[0, 0.5, 1].map((g) => (
          <g key={g} aria-hidden="true">
            <line x1={0} x2={W} y1={y(g)} y2={y(g)} className="grid" />
          </g>
        ))}
        {PREDICATES.map((p, i) => {
          const share = total ? counts[p] / total : 0;
          const x = i * slot + (slot - bar) / 2;
          return (
            <g key={p} aria-hidden="true">
              <rect x={x} y={y(share)} width={bar} height={plot * share} className={`bar bar-${p}`} />
              <text x={x + bar / 2} y={y(share) - 4} textAnchor="middle" className="value">
                {counts[p]}
              </text>
              <text x={i * slot + slot / 2} y={H - bottom + 18} textAnchor="middle" className="axis">
                {PREDICATE_SHORT[p]}
              </text>
            </g>
          );
        })}
        {markers.map((m) => {
          const i = PREDICATES.indexOf(m.predicate);
          return (
            <line
              key={m.id}
              aria-hidden="true"
              x1={i * slot + 4}
              x2={(i + 1) * slot - 4}
              y1={y(m.share)}
              y2={y(m.share)}
              className={`bound ${m.pass ? 'bound-ok' : 'bound-fail'}`}
            />
          );
        })}
      </svg>
      <figcaption className="legend">
        {PREDICATES.map((p) => (
          <span key={p}>
            <span className={`swatch bar-${p}`} aria-hidden="true" /> {PREDICATE_SHORT[p]} = {t(`penilaian.predicates.${p}`)}
          </span>
        ))}
        {markers.length > 0 && (
          <span>
            <span className="swatch swatch-bound" aria-hidden="true" /> {t('monitoring.chart.boundLegend')}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

/** Horizontal bars, one per row: the label and value as text, the bar as SVG (readable at 360 px). */
export function BarList({ title, items, max, format = String }: { title: string; items: { key: string; label: string; value: number; note?: string }[]; max?: number; format?: (v: number) => string }) {
  const top = max ?? Math.max(1, ...items.map((i) => i.value));
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <ul className="bars">
        {items.map((item) => (
          <li key={item.key}>
            <span className="bar-label">
              {item.label}: <strong>{format(item.value)}</strong>
              {item.note ? <span className="muted"> ({item.note})</span> : null}
            </span>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="hbar" aria-hidden="true" focusable="false">
              <rect x={0} y={0} width={100} height={10} className="track" />
              <rect x={0} y={0} width={Math.max(0, Math.min(100, (item.value / top) * 100))} height={10} className="bar bar-value" />
            </svg>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** One 100% stacked bar of predicates per row (agencies, years), with its counts as text. */
export function StackedList({ title, rows }: { title: string; rows: { key: string; label: string; counts: Counts }[] }) {
  const { t } = useTranslation();
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <ul className="bars">
        {rows.map((row) => {
          const total = PREDICATES.reduce((n, p) => n + row.counts[p], 0);
          let x = 0;
          return (
            <li key={row.key}>
              <span className="bar-label">
                {row.label}: {total === 0 ? t('monitoring.chart.none') : PREDICATES.filter((p) => row.counts[p] > 0).map((p) => `${PREDICATE_SHORT[p]} ${row.counts[p]}`).join(', ')}
              </span>
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="hbar" aria-hidden="true" focusable="false">
                <rect x={0} y={0} width={100} height={10} className="track" />
                {total > 0 &&
                  PREDICATES.map((p) => {
                    const w = (row.counts[p] / total) * 100;
                    const rect = <rect key={p} x={x} y={0} width={w} height={10} className={`bar bar-${p}`} />;
                    x += w;
                    return rect;
                  })}
              </svg>
            </li>
          );
        })}
      </ul>
      <p className="legend">
        {PREDICATES.map((p) => (
          <span key={p}>
            <span className={`swatch bar-${p}`} aria-hidden="true" /> {PREDICATE_SHORT[p]} = {t(`penilaian.predicates.${p}`)}
          </span>
        ))}
      </p>
    </figure>
  );
}
