import type { PrismaClient } from '@coach/db';
import { type LocalDate, todayIn } from '@coach/metrics';
import { runCoachingDay } from './coaching-day';

export interface CoachingDaysLogger {
  warn(details: object, message: string): void;
}

/**
 * When the engines run, for one server instance: `ensureToday` on an athlete's requests (once per
 * athlete and local day here; the database's lock and mark guard across instances), `rerun` after
 * a change they rest on. A failed run is logged, never the request's failure: the page then shows
 * the weekly program's session, and the next request tries again.
 */
export class CoachingDays {
  private readonly coached = new Map<number, { day: LocalDate; run: Promise<void> }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: CoachingDaysLogger,
  ) {}

  ensureToday(userId: number, timezone: string, now: Date = new Date()): Promise<void> {
    const day = todayIn(timezone, now);
    const known = this.coached.get(userId);
    if (known?.day === day) return known.run;
    // Concurrent first requests of the day share one run.
    const run = this.run(userId, 'ensure', now).then((ok) => {
      if (!ok && this.coached.get(userId)?.run === run) this.coached.delete(userId);
    });
    this.coached.set(userId, { day, run });
    return run;
  }

  async rerun(userId: number, now: Date = new Date()): Promise<void> {
    await this.run(userId, 'rerun', now);
  }

  private async run(userId: number, mode: 'ensure' | 'rerun', now: Date): Promise<boolean> {
    try {
      await runCoachingDay(this.prisma, userId, mode, now);
      return true;
    } catch (error) {
      this.logger.warn({ err: error, userId, mode }, 'coaching run failed');
      return false;
    }
  }
}
