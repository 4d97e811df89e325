import { type Translate, useI18n } from '../i18n';
import type { MessageKey } from '../messages';

export interface StepView {
  key: string;
  name: string;
  kind: string;
  role: string;
  budget: { value: number; unit: string } | null;
  next: string[];
}

/** A step's working-time budget in words: "0,5 ngày làm việc". */
export function budgetText(t: Translate, budget: { value: number; unit: string }): string {
  return t(`budget.${budget.unit}` as MessageKey, { n: String(budget.value).replace('.', ',') });
}

const BOX_W = 220;
const BOX_H = 64;
const GAP = 36;

/** The flow as boxes and arrows, top to bottom; branches and send-backs are listed under each box. */
export function ProcessDiagram({ steps }: { steps: StepView[] }) {
  const { t } = useI18n();
  const height = steps.length * (BOX_H + GAP);
  const index = new Map(steps.map((s, i) => [s.key, i]));
  return (
    <figure className="diagram">
      <svg
        viewBox={`0 0 ${BOX_W + 140} ${height}`}
        width="100%"
        style={{ maxWidth: BOX_W + 140 }}
        role="img"
        aria-labelledby="diagram-title"
      >
        <title id="diagram-title">
          {t('admin.diagram')}: {steps.map((s) => s.name).join(' → ')}
        </title>
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#1d2b3a" />
          </marker>
        </defs>
        {steps.map((s, i) => {
          const y = i * (BOX_H + GAP);
          return (
            <g key={s.key}>
              <rect
                x={10}
                y={y}
                width={BOX_W}
                height={BOX_H}
                rx={8}
                fill="#e8f0fb"
                stroke="#0b4f9c"
                strokeWidth={2}
              />
              <text x={20} y={y + 24} fontSize={13} fontWeight={700} fill="#1d2b3a">
                {i + 1}. {s.name.length > 28 ? `${s.name.slice(0, 27)}…` : s.name}
              </text>
              <text x={20} y={y + 46} fontSize={12} fill="#1d2b3a">
                {t(`role.${s.role}` as MessageKey)}
                {s.budget ? ` · ${budgetText(t, s.budget)}` : ''}
              </text>
              {s.next.map((n) => {
                const target = index.get(n);
                if (target === undefined) return null;
                if (target === i + 1)
                  return (
                    <line
                      key={n}
                      x1={10 + BOX_W / 2}
                      y1={y + BOX_H}
                      x2={10 + BOX_W / 2}
                      y2={y + BOX_H + GAP - 2}
                      stroke="#1d2b3a"
                      strokeWidth={2}
                      markerEnd="url(#arrow)"
                    />
                  );
                const ty = target * (BOX_H + GAP) + BOX_H / 2;
                return (
                  <path
                    key={n}
                    d={`M${10 + BOX_W} ${y + BOX_H / 2} C ${BOX_W + 120} ${y + BOX_H / 2}, ${BOX_W + 120} ${ty}, ${10 + BOX_W + 2} ${ty}`}
                    fill="none"
                    stroke="#1d2b3a"
                    strokeWidth={2}
                    markerEnd="url(#arrow)"
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
