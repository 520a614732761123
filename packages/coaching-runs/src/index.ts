export { catchUpCoaching } from './catch-up';
export { AUTOPSY_DAYS } from './coaching-day';
export { CoachingDays } from './coaching-days';
