import type { PrismaClient } from '@coach/db';
import type { ChatModel } from '@coach/llm';
import { type LocalDate, todayIn } from '@coach/metrics';
import { type CoachingRun, type CoachingRunMode, runCoachingDay } from './coaching-day';
import { writeNarratives } from './narratives';

/** What an athlete changed, as the API's changes name it. */
export type AthleteChange = 'activities' | 'journal' | 'memory' | 'races' | 'settings';

/**
 * The run each change asks for: the plan rests on race goals and results, availability and the
 * other settings; activities plan again only when they moved the training base the plan was built
 * on; journal and memory rewrite today's recommendation, the plan standing (their effect on the
 * plan is the weekly drift's).
 */
const RUN_AFTER: Record<AthleteChange, CoachingRunMode> = {
  races: 'replan',
  settings: 'replan',
  activities: 'activities',
  journal: 'refresh',
  memory: 'refresh',
};

export interface CoachingDaysLogger {
  warn(details: object, message: string): void;
}

/**
 * When the engines run, for one server instance: `ensureToday` on an athlete's requests (once per
 * athlete and local day here; the database's lock and mark guard across instances), `rerun` after
 * a change they rest on (the plan again only for the changes it rests on). A failed run is logged, never the request's failure: the page then shows
 * the weekly program's session, and the next request tries again.
 */
export class CoachingDays {
  private readonly coached = new Map<number, { day: LocalDate; run: Promise<void> }>();
  /** narratives being written: the requests do not wait for the model */
  private readonly narrating = new Set<Promise<void>>();

  /**
   * `narrator`: the model that writes the narratives, or null for the engine's words only;
   * `narrated`: told of an athlete whose narratives were written (the chat's cached context is stale).
   */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: CoachingDaysLogger,
    private readonly narrator: ChatModel | null = null,
    private readonly narrated: (userId: number) => Promise<void> = async () => {},
  ) {}

  ensureToday(userId: number, timezone: string, now: Date = new Date()): Promise<void> {
    const day = todayIn(timezone, now);
    const known = this.coached.get(userId);
    if (known?.day === day) return known.run;
    // Concurrent first requests of the day share one run.
    const run = this.run(userId, 'ensure', now).then((ran) => {
      if (!ran && this.coached.get(userId)?.run === run) this.coached.delete(userId);
    });
    this.coached.set(userId, { day, run });
    return run;
  }

  /** What the run wrote, or null when it failed (logged). */
  rerun(
    userId: number,
    change: AthleteChange,
    now: Date = new Date(),
  ): Promise<CoachingRun | null> {
    return this.run(userId, RUN_AFTER[change], now);
  }

  private async run(userId: number, mode: CoachingRunMode, now: Date): Promise<CoachingRun | null> {
    try {
      const run = await runCoachingDay(this.prisma, userId, mode, now);
      if (this.narrator) {
        const narrating = this.narrate(userId, run).finally(() => this.narrating.delete(narrating));
        this.narrating.add(narrating);
      }
      return run;
    } catch (error) {
      this.logger.warn({ err: error, userId, mode }, 'coaching run failed');
      return null;
    }
  }

  /** Resolves once the narratives under way are written (or have failed): for shutdown and tests. */
  async narrativesWritten(): Promise<void> {
    await Promise.all([...this.narrating]);
  }

  /** A narrative that fails is logged and left out: the day stands on the engine's words. */
  private async narrate(userId: number, run: Awaited<ReturnType<typeof runCoachingDay>>) {
    if (!this.narrator) return;
    try {
      const written = await writeNarratives(this.prisma, this.narrator, userId, run);
      if (written.recommendation || written.autopsy) await this.narrated(userId);
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'coaching narrative failed');
    }
  }
}
