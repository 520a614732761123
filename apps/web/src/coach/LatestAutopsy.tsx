import { trpc } from '../trpc';
import { formatDate } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import type { LatestAutopsy } from './types';
import { useSection } from './useSection';

const ALIGNMENT_MAX = 10;

/** The alignment score (1–10) in words. */
function alignmentText(score: number): string {
  if (score >= 8) return 'Well aligned with the plan';
  if (score >= 5) return 'Partly aligned with the plan';
  return 'Off plan';
}

/** The latest workout autopsy: what was prescribed, what was done, how well they matched. */
export function LatestAutopsyCard(state: SectionProps<LatestAutopsy>) {
  return (
    <SectionCard
      title="Latest workout autopsy"
      testId="latest-autopsy"
      aside={
        state.data ? <span className="card-date">{formatDate(state.data.date)}</span> : undefined
      }
    >
      <SectionBody {...state} empty="No workout autopsy yet.">
        {(autopsy) => {
          const score = Math.min(Math.max(autopsy.alignmentScore, 0), ALIGNMENT_MAX);
          return (
            <div className="autopsy">
              <div className="score">
                <p className="score-value">
                  <span className="score-number">{autopsy.alignmentScore}</span>
                  <span className="muted">/{ALIGNMENT_MAX}</span>
                  <span className="visually-hidden"> alignment score</span>
                </p>
                <div>
                  <p className="score-label">{alignmentText(autopsy.alignmentScore)}</p>
                  <meter
                    className="score-bar"
                    aria-label="Alignment score"
                    min={1}
                    max={ALIGNMENT_MAX}
                    low={5}
                    high={8}
                    optimum={ALIGNMENT_MAX}
                    value={score}
                  >
                    {autopsy.alignmentScore} out of {ALIGNMENT_MAX}
                  </meter>
                </div>
              </div>
              <dl className="autopsy-facts">
                <div>
                  <dt>Prescribed</dt>
                  <dd>{autopsy.prescribedAction}</dd>
                </div>
                <div>
                  <dt>Done</dt>
                  <dd>{autopsy.actualActivities}</dd>
                </div>
              </dl>
              <p className="autopsy-analysis">{autopsy.analysis}</p>
              {autopsy.narrative && (
                <p className="narrative" data-narrative>
                  {autopsy.narrative}
                </p>
              )}
            </div>
          );
        }}
      </SectionBody>
    </SectionCard>
  );
}

export function LatestAutopsySection() {
  const state = useSection(trpc.coach.latestAutopsy.useQuery());
  return <LatestAutopsyCard {...state} />;
}
