export { catchUpCoaching } from './catch-up';
export { AUTOPSY_DAYS, type CoachingRun } from './coaching-day';
export { type AthleteChange, CoachingDays } from './coaching-days';
