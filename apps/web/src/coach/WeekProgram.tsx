import { trpc } from '../trpc';
import { formatDate, humanize } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import { sessionSize } from './TodaysWorkout';
import type { Units, WeekProgram } from './types';
import { useSection, useUnits } from './useSection';

export interface WeekProgramCardProps extends SectionProps<WeekProgram> {
  units?: Units;
}

/** This week's program, Monday to Sunday: today highlighted, days with an activity ticked. */
export function WeekProgramCard({ units = 'metric', ...state }: WeekProgramCardProps) {
  const program = state.data;
  return (
    <SectionCard
      title="This week"
      testId="week-program"
      className="card--wide"
      aside={
        program ? (
          <span className="tag tag--stage">{humanize(program.stage)} phase</span>
        ) : undefined
      }
    >
      <SectionBody
        {...state}
        empty="No program for this week yet."
        isEmpty={(week) => week.days.length === 0}
      >
        {(week) => (
          <>
            {week.focus && <p className="week-focus">{week.focus}</p>}
            <ol className="week">
              {week.days.map((day) => {
                const size = sessionSize(day, units);
                const classes = [
                  'week-day',
                  day.isToday && 'week-day--today',
                  day.done && 'week-day--done',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <li
                    key={day.date}
                    className={classes}
                    aria-current={day.isToday ? 'date' : undefined}
                  >
                    <div className="week-day-head">
                      <span className="week-day-date">{formatDate(day.date)}</span>
                      {day.isToday && <span className="badge badge--today">Today</span>}
                      {day.done && (
                        <span className="badge badge--done">
                          <span aria-hidden="true">✓</span> Done
                        </span>
                      )}
                    </div>
                    <p className="week-day-type">
                      {humanize(day.workoutType)}
                      {size && <span className="muted"> · {size}</span>}
                    </p>
                    <p className="week-day-description">{day.description}</p>
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </SectionBody>
    </SectionCard>
  );
}

export function WeekProgramSection() {
  const state = useSection(trpc.coach.weekProgram.useQuery());
  const units = useUnits();
  return <WeekProgramCard {...state} units={units} />;
}
