/** What the coach says: daily rationales and post-hoc autopsies of generated days. */
import { formatPlanDistance, type Units } from '@coach/metrics';
import type { RaceEvent, Session, SessionStyle, WeekPlan } from './generate-plan';
import type { Rng } from './random';

export type OutcomeKind =
  | 'rest'
  | 'as_planned'
  | 'race'
  | 'skipped'
  | 'easier'
  | 'ride_swap'
  | 'shorter'
  | 'longer'
  | 'too_fast'
  | 'extra_run'
  | 'extra_ride';

export type Reason = 'busy' | 'tired' | 'sick' | 'niggle' | null;

const HARD: ReadonlySet<string> = new Set([
  'tempo',
  'intervals',
  'hills',
  'long',
  'long_mp',
  'race',
]);

export const isHard = (style: string) => HARD.has(style);

export interface RationaleInput {
  week: WeekPlan;
  session: Session;
  planned: Session;
  adapted: 'rest' | 'easy' | null;
  part: string | null;
  /** what happened yesterday */
  yesterday: { kind: OutcomeKind; style: SessionStyle | 'ride' | null; label: string };
  tomorrow: Session | null;
  aRace: RaceEvent;
}

/** One or two sentences tying today's session to the week's focus and the days around it. */
export function rationaleFor(rng: Rng, input: RationaleInput): string {
  const { week, session, yesterday, tomorrow, aRace } = input;
  if (input.adapted) {
    const replacement = input.adapted === 'rest' ? 'rest' : 'a short easy run';
    return `You logged ${input.part} pain yesterday, so the planned ${input.planned.label} is replaced by ${replacement} to let it settle. We return to the plan once it is pain-free; pain that changes your stride means stop.`;
  }
  const theme = week.theme;
  let first: string;
  switch (session.style) {
    case 'rest':
      first =
        yesterday.style === 'long' || yesterday.style === 'long_mp' || yesterday.style === 'race'
          ? `A rest day after yesterday's ${yesterday.label} lets the body absorb the work; this week is about ${theme}.`
          : `A planned rest day in a week built around ${theme}: adaptation happens while you recover.`;
      break;
    case 'easy':
    case 'strides':
      first = rng.pick([
        `Easy aerobic running supports this week's focus on ${theme} without adding fatigue.`,
        `An easy day keeps the aerobic volume ticking over while the week's focus stays on ${theme}.`,
      ]);
      if (session.style === 'strides')
        first += ' The strides keep some leg speed without real fatigue.';
      break;
    case 'recovery':
    case 'shakeout':
      first =
        session.style === 'shakeout'
          ? `A short shakeout keeps the legs loose before the race without costing any freshness.`
          : `A short recovery run keeps blood flowing without adding load.`;
      break;
    case 'long':
      first =
        week.stage === 'taper'
          ? `The long run is shorter now: enough to keep the rhythm, not enough to tire you before the ${aRace.name}.`
          : `The long run is the key endurance session of a week built around ${theme}.`;
      break;
    case 'long_mp':
      first = `This is the most race-specific run of the block: race pace practised on tired legs, with race-day fuelling.`;
      break;
    case 'tempo':
      first = rng.pick([
        `Threshold work is the key quality session this week, building the pace you can hold for about an hour.`,
        `The tempo raises your threshold, which carries straight over to the ${aRace.name}.`,
      ]);
      break;
    case 'intervals':
      first = session.label.startsWith('Sharpener')
        ? `A few race-pace kilometres keep the legs sharp without tiring them before the race.`
        : `Short, fast repetitions lift VO2max and running economy, which this block of ${theme} is built around.`;
      break;
    case 'hills':
      first = `Hill efforts build strength and economy while the block is still about ${theme}.`;
      break;
    case 'trail':
      first = `A trail run swaps pace for time on feet and climbing: strength work disguised as easy running.`;
      break;
    case 'race': {
      const event = session.race;
      first =
        event?.priority === 'A'
          ? `This is the goal race the whole block has been building towards.`
          : event?.priority === 'B'
            ? `A tune-up race to rehearse pacing, fuelling and race-day routine before the ${aRace.name}.`
            : `A low-key race for fun and a hit of speed; no pressure on the time.`;
      break;
    }
  }

  const easyToday = !isHard(session.style);
  let second: string;
  if (yesterday.kind === 'skipped') {
    second = `Yesterday's session was missed, so don't try to make it up today: pick up the plan from here.`;
  } else if (yesterday.style === 'race' && session.style !== 'rest') {
    second = `Your legs are still recovering from yesterday's race, so keep this gentle.`;
  } else if (
    easyToday &&
    session.style !== 'rest' &&
    yesterday.style !== null &&
    isHard(yesterday.style)
  ) {
    second = `After yesterday's ${yesterday.label}, keep it genuinely easy so the adaptation can happen.`;
  } else if (easyToday && tomorrow && isHard(tomorrow.style) && session.style !== 'rest') {
    second = `Keep it relaxed so the legs are fresh for tomorrow's ${tomorrow.label}.`;
  } else if (
    !easyToday &&
    session.style !== 'race' &&
    (yesterday.style === null || !isHard(yesterday.style))
  ) {
    second = rng.pick([
      `You come into it off an easy day, so hit the paces but stay controlled.`,
      `Legs should be fresh after yesterday, so aim for smooth, even efforts rather than heroics.`,
    ]);
  } else if (week.stage === 'taper') {
    second = `Freshness matters more than fitness now; finishing feeling good is the goal.`;
  } else {
    second = `Consistency across the week matters more than any single run.`;
  }
  return `${first} ${second}`;
}

export interface AutopsyInput {
  kind: OutcomeKind;
  reason: Reason;
  prescribed: Session;
  week: WeekPlan;
  units: Units;
  part: string | null;
  /** the main activity's numbers, when there was one */
  main: {
    km: number;
    averageHeartRate: number | null;
    paceSecondsPerKm: number;
    movingTimeSeconds: number;
  } | null;
  extraRide: boolean;
  tomorrow: Session | null;
}

/** Alignment score 1–10 and two to four sentences of analysis. */
export function autopsyFor(rng: Rng, input: AutopsyInput): { score: number; analysis: string } {
  const { prescribed: p, main, units, week } = input;
  const label = p.label;
  const plannedDistance = formatPlanDistance(p.distanceKm, units);
  const actualDistance = main ? formatPlanDistance(Math.round(main.km * 10) / 10, units) : '';
  const result = (score: number, sentences: string[]) => {
    if (input.extraRide && main)
      sentences.push('The bike commute on top was light and adds little load.');
    return { score, analysis: sentences.join(' ') };
  };

  switch (input.kind) {
    case 'rest':
      return result(10, [
        'Rest day taken as planned.',
        input.tomorrow && isHard(input.tomorrow.style)
          ? `That sets up tomorrow's ${input.tomorrow.label} well.`
          : `Rest is where the adaptation from ${week.theme} happens.`,
      ]);
    case 'race': {
      const event = p.race;
      const target = event?.targetTimeSeconds ?? null;
      const time = main?.movingTimeSeconds ?? 0;
      if (target !== null && time > target * 1.02) {
        return result(9, [
          `Raced the ${event?.name ?? 'race'} as planned, a little outside the target time.`,
          'Execution matters more than the clock in a tune-up; look at where the pace slipped and whether fuelling or the start was the cause.',
          'Take the next few days easy before building again.',
        ]);
      }
      return result(10, [
        `Raced the ${event?.name ?? 'race'} as planned${target !== null ? ', on or inside the target time' : ''}.`,
        'Pacing and effort matched the plan, which is the real win.',
        'Recover properly over the next few days: easy running only until the legs feel normal.',
      ]);
    }
    case 'as_planned': {
      const capped = p.hrCap !== null && main?.averageHeartRate != null;
      const overCap = capped && (main?.averageHeartRate ?? 0) > (p.hrCap ?? 0);
      const offDistance = main !== null && Math.abs(main.km / p.distanceKm - 1) > 0.08;
      if (overCap || offDistance) {
        return result(9, [
          `The ${label} was done as planned.`,
          overCap
            ? `Heart rate averaged a little above the ${p.hrCap} cap; on a warm day or with poor sleep that is normal, but ease off when you see it climb.`
            : `Distance came out slightly ${main && main.km > p.distanceKm ? 'long' : 'short'} of the plan, well within normal variation.`,
        ]);
      }
      const praise: Record<string, string> = {
        tempo: 'Controlled threshold work like this is exactly what the week needed.',
        intervals: 'Hitting the reps without overcooking them is the whole point of the session.',
        hills: 'Strong, controlled efforts: good strength work for this phase.',
        long: 'The long run builds the endurance the race will demand; fuelling practice was part of the job.',
        long_mp: 'Race pace on tired legs is the best rehearsal there is.',
        trail: 'Time on feet and climbing at an easy effort: good strength without speed stress.',
      };
      return result(10, [
        `The ${label} was executed as prescribed${main?.averageHeartRate != null && p.hrCap !== null ? `, heart rate under the ${p.hrCap} cap` : ''}.`,
        praise[p.style] ?? 'Easy days kept easy are what make the hard days work.',
        rng.pick([
          'Nothing to change.',
          'Keep this rhythm going.',
          `This is the consistency that ${week.theme} is built on.`,
        ]),
      ]);
    }
    case 'skipped':
      if (input.reason === 'niggle') {
        return result(3, [
          `The planned ${label} was skipped because of the ${input.part ?? 'niggle'}.`,
          'Alignment with the plan is low, but with pain at that level not running was the right call.',
          'Reassess tomorrow: only run if walking and hopping are pain-free.',
        ]);
      }
      return result(2, [
        `The planned ${label} (${plannedDistance}) was missed${input.reason === 'sick' ? ' with signs of illness' : input.reason === 'tired' ? ' through fatigue' : ' because life got in the way'}.`,
        'One missed session costs very little fitness; do not squeeze it into the next days.',
        input.reason === 'sick'
          ? 'If symptoms are below the neck, rest until they clear.'
          : 'Pick up the plan as written.',
      ]);
    case 'easier':
      return result(5, [
        `The ${label} was swapped for an easy ${actualDistance}.`,
        'It keeps the aerobic work going but misses the key stimulus of the week.',
        'Swapping when the legs are flat can be wise; if it happens again this week, take an extra rest day instead.',
      ]);
    case 'ride_swap':
      return result(7, [
        `The ${label} was swapped for an easy ride.`,
        'Similar easy aerobic load with less impact, a reasonable substitute on an easy day.',
        `Try not to make a habit of it while the focus is ${week.theme}.`,
      ]);
    case 'shorter':
      return result(input.reason === 'niggle' ? 6 : 7, [
        `Ran ${actualDistance} of the planned ${plannedDistance} ${label}.`,
        input.reason === 'niggle'
          ? `Cutting it short with the ${input.part ?? 'niggle'} flaring up was sensible.`
          : 'Cutting a session short now and then is fine; the week as a whole is what counts.',
      ]);
    case 'longer': {
      const ratio = main ? main.km / p.distanceKm : 1;
      return result(ratio > 1.25 ? 6 : 7, [
        `Ran ${actualDistance} against ${plannedDistance} planned.`,
        'Extra easy kilometres add up over a week and can blunt the next key session.',
        'Stick to the planned distance and bank the energy for the quality days.',
      ]);
    }
    case 'too_fast':
      return result(p.style === 'long' ? 5 : 6, [
        `The ${label} was run too hard${main?.averageHeartRate != null && p.hrCap !== null ? `: heart rate averaged ${main.averageHeartRate} against a cap of ${p.hrCap}` : ''}.`,
        'Easy days need to stay easy so the hard days can be hard.',
        'Next time hold back, even if the pace feels too slow.',
      ]);
    case 'extra_run':
      return result(5, [
        `A ${actualDistance} run on a planned rest day.`,
        'The run itself was easy, but the week loses its recovery and the next hard session will feel it.',
        'Treat rest days as part of the training.',
      ]);
    case 'extra_ride':
      return result(7, [
        'An easy ride on a planned rest day.',
        'The load was low, so little harm done, but the rest day was meant for full recovery.',
      ]);
  }
}
