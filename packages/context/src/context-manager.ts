import { type AthleteProfile, listMemories, loadAthleteProfile } from '@coach/athlete-data';
import type { Logger } from '@coach/config';
import type { PrismaClient } from '@coach/db';
import type { LocalDate } from '@coach/metrics';
import { todayIn } from '@coach/metrics';
import type { BaseContext, Universe } from '@coach/prompts';
import { LRUCache } from 'lru-cache';
import { baseContextFor, FALLBACK_BASE_CONTEXT } from './base';
import { fitToBudget } from './budget';
import type { Fact } from './facts';
import { loadAutopsyContext } from './loaders/autopsy';
import { loadFactsOfTheDay, recentPainOf } from './loaders/facts-of-the-day';
import { loadGeneralContext } from './loaders/general';
import { loadProgressContext } from './loaders/progress';
import { loadTodaysWorkoutContext } from './loaders/todays-workout';
import { loadTrainingPlanContext } from './loaders/training-plan';
import { type LoaderDeps, section, type UniverseLoad } from './sections';

/** Token budget of each universe's context (the plan's numbers), guaranteed after trimming. */
export const TOKEN_BUDGETS: Readonly<Record<Universe, number>> = {
  autopsy: 3000,
  training_plan: 5000,
  todays_workout: 3500,
  progress: 3500,
  general: 1000,
};

/** Token budget of the athlete's facts of the day, shared by every universe. */
export const FACTS_OF_THE_DAY_BUDGET = 400;

export type UniverseLoader = (deps: LoaderDeps, athlete: AthleteProfile) => Promise<UniverseLoad>;

export const UNIVERSE_LOADERS: Readonly<Record<Universe, UniverseLoader>> = {
  autopsy: loadAutopsyContext,
  training_plan: loadTrainingPlanContext,
  todays_workout: loadTodaysWorkoutContext,
  progress: loadProgressContext,
  general: loadGeneralContext,
};

export interface ChatContext {
  universe: Universe;
  base: BaseContext;
  /**
   * the athlete's facts of the day, rendered: the same text in every universe all day while the
   * athlete's cache entry lives, so the prompt prefix that holds it repeats byte for byte
   */
  factsOfTheDay: string;
  /**
   * every numbered fact of the prompt: the facts of the day (numbered from 1), then the universe's,
   * numbered on from there; what an answer may cite
   */
  facts: Fact[];
  /**
   * the athlete's journal entries with pain in the last days, newest first ("2026-11-25: 20%"),
   * as the facts of the day show them: the offline coach's safety answer quotes them
   */
  recentPain: string[];
  /** the universe's data (what the offline coach reads) */
  context: Record<string, unknown>;
  /** the same, rendered for the prompt as numbered facts */
  text: string;
  tokens: number;
  budget: number;
  /** `fallback`: a loader failed and the coach works from less */
  status: 'ok' | 'no_data' | 'fallback';
  omitted: string[];
  /** null when even the athlete's settings could not be read */
  athlete: AthleteProfile | null;
}

export type ContextLogger = Pick<Logger, 'warn' | 'error'>;

export interface ContextManagerOptions {
  prisma: PrismaClient;
  now?: () => Date;
  logger?: ContextLogger;
  /** how long an athlete's settings and base context are reused (the plan's 5 minutes) */
  cacheTtlMs?: number;
  maxCachedAthletes?: number;
  /** replaces loaders, e.g. to test the fallback */
  loaders?: Partial<Record<Universe, UniverseLoader>>;
}

interface CachedAthlete {
  athlete: AthleteProfile;
  base: BaseContext;
  /** the facts of the day, rendered, for the athlete's local date they were loaded on */
  facts?: { day: LocalDate; text: string; facts: Fact[]; recentPain: string[] };
  /** each universe's context as last loaded and fitted, for the local date it was loaded on */
  universes: Partial<Record<Universe, { day: LocalDate; first: number; fitted: FittedUniverse }>>;
}

/** A universe's context fitted to its budget: what getContext adds to the base and the facts. */
type FittedUniverse = ReturnType<typeof fitToBudget> & { status: ChatContext['status'] };

const silent: ContextLogger = { warn: () => {}, error: () => {} };

export class ContextManager {
  private readonly deps: LoaderDeps;
  private readonly logger: ContextLogger;
  private readonly loaders: Record<Universe, UniverseLoader>;
  private readonly cache: LRUCache<number, CachedAthlete>;

  constructor(options: ContextManagerOptions) {
    this.deps = { prisma: options.prisma, now: options.now ?? (() => new Date()) };
    this.logger = options.logger ?? silent;
    this.loaders = { ...UNIVERSE_LOADERS, ...options.loaders };
    const now = this.deps.now;
    this.cache = new LRUCache({
      max: options.maxCachedAthletes ?? 10_000,
      ttl: options.cacheTtlMs ?? 300_000,
      // Expiry follows the same clock as everything else, so tests can move time.
      perf: { now: () => now().getTime() },
      ttlResolution: 0,
    });
  }

  /** The base and universe context for one question, within the universe's token budget. */
  async getContext(userId: number, universe: Universe): Promise<ChatContext> {
    const budget = TOKEN_BUDGETS[universe];
    const cached = await this.athleteAndBase(userId);
    if (!cached) {
      const fitted = fitToBudget(fallbackLoad(universe).sections, budget);
      return {
        universe,
        base: FALLBACK_BASE_CONTEXT,
        factsOfTheDay: '',
        recentPain: [],
        ...fitted,
        facts: fitted.facts,
        budget,
        status: 'fallback',
        athlete: null,
      };
    }
    // The cached athlete keeps their settings; "today" is theirs at this moment.
    const athlete = { ...cached.athlete, today: todayIn(cached.athlete.timezone, this.deps.now()) };
    // The two loads run together; the universe's facts are numbered on from the day's.
    const dayFacts = this.factsOfTheDay(cached, athlete);
    const fitted = await this.universeContext(
      cached,
      athlete,
      universe,
      dayFacts.then((day) => day.facts.length + 1),
    );
    const day = await dayFacts;
    return {
      universe,
      base: cached.base,
      factsOfTheDay: day.factsOfTheDay,
      recentPain: day.recentPain,
      ...fitted,
      facts: [...day.facts, ...fitted.facts],
      budget,
      athlete,
    };
  }

  /**
   * The universe's context, loaded once per athlete, universe and local day while the cache entry
   * lives (like the settings: at most the cache's time to live old, and dropped by clearUserCache
   * whenever the athlete's data changes), so a warm message reads nothing from the database for
   * it. A failed load is not kept.
   */
  private async universeContext(
    cached: CachedAthlete,
    athlete: AthleteProfile,
    universe: Universe,
    firstFactNumber: Promise<number>,
  ): Promise<FittedUniverse> {
    const kept = cached.universes[universe];
    const first = await firstFactNumber;
    if (kept?.day === athlete.today && kept.first === first) return kept.fitted;
    const budget = TOKEN_BUDGETS[universe];
    let load: UniverseLoad;
    try {
      load = await this.loaders[universe](this.deps, athlete);
    } catch (error) {
      this.logger.error(
        { err: error, userId: athlete.id, universe },
        'context loader failed; using fallback context',
      );
      const fallback = fitToBudget(fallbackLoad(universe).sections, budget, first);
      return { ...fallback, status: 'fallback' };
    }
    const fitted = {
      ...fitToBudget(load.sections, budget, first),
      status: load.status,
    };
    if (fitted.omitted.length > 0) {
      this.logger.warn(
        { userId: athlete.id, universe, omitted: fitted.omitted, budget },
        'context trimmed to budget',
      );
    }
    cached.universes[universe] = { day: athlete.today, first, fitted };
    return fitted;
  }

  /** The facts of the day, loaded once per athlete and local day while the cache entry lives. */
  private async factsOfTheDay(
    cached: CachedAthlete,
    athlete: AthleteProfile,
  ): Promise<{ factsOfTheDay: string; facts: Fact[]; recentPain: string[] }> {
    if (cached.facts?.day === athlete.today) {
      const { text, facts, recentPain } = cached.facts;
      return { factsOfTheDay: text, facts, recentPain };
    }
    try {
      const sections = await loadFactsOfTheDay(this.deps, athlete);
      const { text, facts } = fitToBudget(sections, FACTS_OF_THE_DAY_BUDGET);
      const recentPain = recentPainOf(sections);
      cached.facts = { day: athlete.today, text, facts, recentPain };
      return { factsOfTheDay: text, facts, recentPain };
    } catch (error) {
      this.logger.error(
        { err: error, userId: athlete.id },
        'facts of the day could not be loaded; the prompt goes without them',
      );
      return { factsOfTheDay: '', facts: [], recentPain: [] };
    }
  }

  /** Forget an athlete's cached settings: call whenever their data or settings change. */
  clearUserCache(userId: number): void {
    this.cache.delete(userId);
  }

  /** What the athlete told the coach to keep; without it (a failed read) the coach still answers. */
  private async athleteMemory(userId: number) {
    try {
      return await listMemories(this.deps.prisma, userId);
    } catch (error) {
      this.logger.error(
        { err: error, userId },
        'athlete memory could not be loaded; the prompt goes without it',
      );
      return [];
    }
  }

  private async athleteAndBase(userId: number): Promise<CachedAthlete | null> {
    const hit = this.cache.get(userId);
    if (hit) return hit;
    try {
      const [athlete, memory] = await Promise.all([
        loadAthleteProfile(this.deps.prisma, userId, this.deps.now()),
        this.athleteMemory(userId),
      ]);
      const entry: CachedAthlete = {
        athlete,
        base: baseContextFor(athlete, memory),
        universes: {},
      };
      this.cache.set(userId, entry);
      return entry;
    } catch (error) {
      this.logger.error(
        { err: error, userId },
        'athlete settings could not be loaded; using fallback base context',
      );
      return null;
    }
  }
}

function fallbackLoad(universe: Universe): UniverseLoad {
  return {
    status: 'ok',
    sections: [
      section('status', 'partial', 1),
      section(
        'message',
        `Some ${universe.replace('_', ' ')} data could not be loaded. I can still answer general questions.`,
        1,
      ),
    ],
  };
}
