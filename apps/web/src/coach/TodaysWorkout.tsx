import { trpc } from '../trpc';
import { formatDate, formatDistance, formatMinutes, humanize } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import type { TodaysWorkout, Units, WeekProgramDay } from './types';
import { useSection, useUnits } from './useSection';

type PlannedSession = Pick<
  WeekProgramDay,
  'workoutType' | 'description' | 'plannedDistanceMeters' | 'plannedMinutes'
>;

/** "10 km · 55 min"; empty for a session with neither (a rest day). */
export function sessionSize(session: PlannedSession, units: Units): string {
  const bits: string[] = [];
  if (session.plannedDistanceMeters > 0)
    bits.push(formatDistance(session.plannedDistanceMeters, units));
  if (session.plannedMinutes > 0) bits.push(formatMinutes(session.plannedMinutes));
  return bits.join(' · ');
}

export interface TodaysWorkoutCardProps extends SectionProps<TodaysWorkout> {
  units?: Units;
}

/** Today's workout and why: the coach's recommendation, with the planned session beside it. */
export function TodaysWorkoutCard({ units = 'metric', ...state }: TodaysWorkoutCardProps) {
  const date = state.data?.date;
  return (
    <SectionCard
      title="Today's workout"
      testId="todays-workout"
      aside={date ? <span className="card-date">{formatDate(date)}</span> : undefined}
    >
      <SectionBody {...state} empty="No workout for today yet.">
        {(workout) => {
          const planned = workout.planned;
          const size = planned ? sessionSize(planned, units) : '';
          const showPlanned =
            planned !== null &&
            workout.source === 'recommendation' &&
            planned.description !== workout.prescribedWorkout;
          return (
            <div className="workout">
              <p>
                <span className={`tag tag--${workout.workoutType}`}>
                  {humanize(workout.workoutType)}
                </span>
                {size && <span className="muted"> {size}</span>}
              </p>
              <p className="workout-prescription">{workout.prescribedWorkout}</p>
              <h3>Why</h3>
              <p>{workout.rationale}</p>
              {workout.narrative && (
                <p className="narrative" data-narrative>
                  {workout.narrative}
                </p>
              )}
              {showPlanned && (
                <p className="muted">
                  Planned this week: {humanize(planned.workoutType)}, {planned.description}
                </p>
              )}
            </div>
          );
        }}
      </SectionBody>
    </SectionCard>
  );
}

export function TodaysWorkoutSection() {
  const state = useSection(trpc.coach.todaysWorkout.useQuery());
  const units = useUnits();
  return <TodaysWorkoutCard {...state} units={units} />;
}
