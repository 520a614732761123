export { catchUpCoaching } from './catch-up';
export { AUTOPSY_DAYS } from './coaching-day';
export { type AthleteChange, CoachingDays } from './coaching-days';
