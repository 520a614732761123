// `pnpm bench cost`: what a chat message costs. For the demo athlete as `pnpm start` shows it (seeded
// into a test database, then coached by the engines over the same last days as the server does),
// a 10-turn conversation per universe goes through the real chat path (ChatService: context,
// prompt, history window, the Anthropic provider and SDK) against the fake Anthropic server, which
// bills like the API (cache minimum per model, breakpoints, 5-minute lifetime). Every answer is 300
// tokens. Costs at Haiku 4.5 list prices, as billed and as they would be with no caching.
//   cold: the prompt cache is empty when the conversation starts.
//   warm: another athlete asked in the same universe just before (what is shared by all athletes
//         is cached; the other athlete's message is not counted).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatService } from '@coach/chat';
import { AUTOPSY_DAYS, catchUpCoaching } from '@coach/coaching-runs';
import { loadConfig } from '@coach/config';
import { ContextManager } from '@coach/context';
import { openTestDatabase } from '@coach/db/testing';
import { type ChatTurn, createAnthropicModel } from '@coach/llm';
import { type FakeUsage, startFakeAnthropic } from '@coach/llm/testing';
import { addDays, todayIn } from '@coach/metrics';
import { UNIVERSES, type Universe } from '@coach/prompts';
import { createRateLimiter } from '@coach/rate-limiter';
import { DEMO_TIMEZONE, generateAthleteHistory, seedDemoAthlete, writeAthlete } from '@coach/seed';
import { costAsBilled, costWithoutCaching, HAIKU_4_5_PRICES } from './pricing';
import { CONVERSATIONS } from './questions';

const ANSWER_TOKENS = 300;
const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, '../../results/cost.json');
/** The figures measured before the prompt was laid out for caching (committed, for comparison). */
const BASELINE = join(HERE, 'baseline.json');
const SCENARIOS = ['cold', 'warm'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** A 300-token answer as the fake counts it: 300 deltas, about four characters each. */
function answerTokens(turn: number): string[] {
  const words = ['Keep', ' it', ' easy', ' and', ' rest', ' well', ' now'];
  return Array.from({ length: ANSWER_TOKENS }, (_, i) =>
    i === 0 ? `T${turn}` : (words[i % words.length] ?? ' ok'),
  );
}

interface UniverseCost {
  messages: number;
  perMessage: number;
  perMessageWithoutCaching: number;
  usage: FakeUsage;
}

interface CostResults {
  model: string;
  prices: typeof HAIKU_4_5_PRICES;
  answerTokens: number;
  turns: number;
  scenarios: Record<Scenario, Record<Universe, UniverseCost>>;
  average: Record<Scenario, { perMessage: number; perMessageWithoutCaching: number }>;
}

export async function main(args: string[]): Promise<void> {
  if (args.includes('--help')) {
    console.log('pnpm bench cost: cost per chat message per universe, with and without caching');
    return;
  }
  const config = loadConfig({});
  const database = await openTestDatabase();
  const fake = await startFakeAnthropic();
  try {
    const { prisma } = database;
    const demo = await seedDemoAthlete(prisma, { email: 'demo@bench.example.com', password: 'x' });
    // Its plan, recommendations and autopsies, as the server's start writes them (apps/server demo.ts).
    const today = todayIn(DEMO_TIMEZONE);
    await catchUpCoaching(prisma, demo.userId, addDays(today, 1 - AUTOPSY_DAYS));
    const other = await writeAthlete(
      prisma,
      generateAthleteHistory({ seed: 7, days: 120, today: todayIn('Europe/Paris') }),
      { email: 'other@bench.example.com', passwordHash: 'unused' },
    );
    const model = createAnthropicModel({
      apiKey: 'bench',
      baseURL: fake.url,
      model: config.chat.model,
    });
    const limiter = createRateLimiter({
      prisma,
      limits: { dailyInputTokens: 1e9, dailyOutputTokens: 1e9, dailyMessages: 10_000 },
    });
    const chat = new ChatService({
      contexts: new ContextManager({ prisma }),
      limiter,
      model,
      settings: { ...config.chat, maxConcurrentStreams: 1 },
    });

    let turn = 0;
    const ask = async (
      userId: number,
      universe: Universe,
      message: string,
      history: ChatTurn[],
    ) => {
      turn += 1;
      const tokens = answerTokens(turn);
      fake.script({ tokens });
      for await (const { event } of chat.streamChat({
        userId,
        universe,
        message,
        conversation: history,
        requestId: randomUUID(),
      })) {
        if (event.type === 'error') throw new Error(`chat failed: ${event.message}`);
      }
      const usage = fake.requests.at(-1)?.usage;
      if (!usage) throw new Error('the fake recorded no usage');
      return { usage, answer: tokens.join('') };
    };

    const scenarios = {} as CostResults['scenarios'];
    for (const scenario of SCENARIOS) {
      scenarios[scenario] = {} as Record<Universe, UniverseCost>;
      for (const universe of UNIVERSES) {
        fake.reset();
        if (scenario === 'warm') {
          await ask(other.userId, universe, CONVERSATIONS[universe][0] ?? 'Hi', []);
        }
        const history: ChatTurn[] = [];
        const usages: FakeUsage[] = [];
        for (const question of CONVERSATIONS[universe]) {
          const { usage, answer } = await ask(demo.userId, universe, question, history);
          usages.push(usage);
          history.push({ role: 'user', content: question }, { role: 'assistant', content: answer });
        }
        scenarios[scenario][universe] = summarise(usages);
      }
    }
    const results: CostResults = {
      model: config.chat.model,
      prices: HAIKU_4_5_PRICES,
      answerTokens: ANSWER_TOKENS,
      turns: CONVERSATIONS.general.length,
      scenarios,
      average: {
        cold: averageOf(scenarios.cold),
        warm: averageOf(scenarios.warm),
      },
    };
    report(results, readBaseline());
    await mkdir(dirname(RESULTS), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwritten: ${RESULTS}`);
  } finally {
    await fake.close();
    await database.close();
  }
}

function summarise(usages: FakeUsage[]): UniverseCost {
  const sum = (pick: (u: FakeUsage) => number) => usages.reduce((n, u) => n + pick(u), 0);
  return {
    messages: usages.length,
    perMessage: sum(costAsBilled) / usages.length,
    perMessageWithoutCaching: sum(costWithoutCaching) / usages.length,
    usage: {
      input_tokens: sum((u) => u.input_tokens),
      output_tokens: sum((u) => u.output_tokens),
      cache_read_input_tokens: sum((u) => u.cache_read_input_tokens),
      cache_creation_input_tokens: sum((u) => u.cache_creation_input_tokens),
    },
  };
}

function averageOf(costs: Record<Universe, UniverseCost>) {
  const all = Object.values(costs);
  const mean = (pick: (c: UniverseCost) => number) =>
    all.reduce((n, c) => n + pick(c), 0) / all.length;
  return {
    perMessage: mean((c) => c.perMessage),
    perMessageWithoutCaching: mean((c) => c.perMessageWithoutCaching),
  };
}

function readBaseline(): CostResults | null {
  return existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as CostResults) : null;
}

const dollars = (value: number | undefined) =>
  value === undefined ? '' : `$${value.toFixed(6)}`.padStart(10);

function report(results: CostResults, baseline: CostResults | null): void {
  console.log(
    `${results.model}, ${results.turns} turns, ${results.answerTokens}-token answers: cost per message`,
  );
  const head = ['universe'.padEnd(15), 'scenario', '    cached', '  no cache'];
  if (baseline) head.push('before: cached', '  no cache');
  console.log(head.join('  '));
  for (const scenario of SCENARIOS) {
    const rows: Array<[string, { perMessage: number; perMessageWithoutCaching: number }]> = [
      ...UNIVERSES.map((u) => [u, results.scenarios[scenario][u]] as [string, UniverseCost]),
      ['average', results.average[scenario]],
    ];
    for (const [name, cost] of rows) {
      const before =
        name === 'average'
          ? baseline?.average[scenario]
          : baseline?.scenarios[scenario][name as Universe];
      const line = [
        name.padEnd(15),
        scenario.padEnd(8),
        dollars(cost.perMessage),
        dollars(cost.perMessageWithoutCaching),
      ];
      if (baseline)
        line.push(
          dollars(before?.perMessage).padStart(14),
          dollars(before?.perMessageWithoutCaching),
        );
      console.log(line.join('  '));
    }
  }
}
