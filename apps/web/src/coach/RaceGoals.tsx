import { formatDuration, formatRaceDistance } from '@coach/metrics/units';
import { trpc } from '../trpc';
import { countdownText, formatDateInYear } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import type { RaceGoal, Units } from './types';
import { useSection, useUnits } from './useSection';

export interface RaceGoalsCardProps extends SectionProps<RaceGoal[]> {
  units?: Units;
  /** dates outside this year show their year; the current year by default */
  currentYear?: number;
}

/** Upcoming race goals, soonest first, each with a countdown. */
export function RaceGoalsCard({
  units = 'metric',
  currentYear = new Date().getFullYear(),
  ...state
}: RaceGoalsCardProps) {
  return (
    <SectionCard title="Race goals" testId="race-goals">
      <SectionBody {...state} empty="No race goals yet." isEmpty={(goals) => goals.length === 0}>
        {(goals) => (
          <ul className="races">
            {goals.map((goal) => (
              <li key={goal.id} className="race">
                <div className="race-head">
                  <span className={`badge badge--priority-${goal.priority.toLowerCase()}`}>
                    {goal.priority} race
                  </span>
                  <h3 className="race-name">{goal.name}</h3>
                </div>
                <p className="race-countdown">{countdownText(goal.daysToGo)}</p>
                <p className="muted">
                  {formatDateInYear(goal.raceDate, currentYear)} ·{' '}
                  {formatRaceDistance(goal.distanceMeters, units)}
                  {goal.targetTimeSeconds !== null &&
                    ` · target ${formatDuration(goal.targetTimeSeconds)}`}
                </p>
                {goal.notes && <p className="race-notes">{goal.notes}</p>}
              </li>
            ))}
          </ul>
        )}
      </SectionBody>
    </SectionCard>
  );
}

export function RaceGoalsSection() {
  const state = useSection(trpc.coach.raceGoals.useQuery());
  const units = useUnits();
  return <RaceGoalsCard {...state} units={units} />;
}
