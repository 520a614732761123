/** Longest message the athlete may send, in characters: the chat box, the API and the model agree. */
export const MAX_MESSAGE_CHARS = 4000;

/**
 * Most prior messages a client may send with a question. Clients send their whole conversation up
 * to this; the server picks the model's window from it, dropping old turns in blocks so successive
 * prompts share their beginning (a client that slid its own window would defeat that).
 */
export const MAX_CONVERSATION_TURNS = 50;

/** What the athlete is told when something failed that they cannot fix. */
export const GENERIC_ERROR_MESSAGE = 'Something went wrong. Please try again later.';

/** The context universes the athlete picks from: each loads just the data its questions need. */
export const UNIVERSES = [
  'autopsy',
  'training_plan',
  'todays_workout',
  'progress',
  'general',
] as const;
export type Universe = (typeof UNIVERSES)[number];

export function isUniverse(value: unknown): value is Universe {
  return (UNIVERSES as readonly unknown[]).includes(value);
}

/** Short labels for the universe selector. */
export const UNIVERSE_LABELS: Readonly<Record<Universe, string>> = Object.freeze({
  autopsy: 'Latest workout analysis',
  training_plan: 'Training plan',
  todays_workout: "Today's workout",
  progress: 'Progress',
  general: 'General coaching',
});

/** The coach's opening line for each universe (the plan's text, word for word). */
export const UNIVERSE_INTROS: Readonly<Record<Universe, string>> = Object.freeze({
  autopsy:
    'I can explain your latest workout analysis, alignment score, and what I learned from comparing your prescribed vs actual training.',
  training_plan:
    'Ask me about your weekly program, race goals, training phases, or how your schedule is structured.',
  todays_workout:
    "I can explain today's recommendation, suggest modifications, or discuss how it fits your current metrics.",
  progress:
    "Let's talk about your fitness trends, training patterns, or how you're progressing toward your goals.",
  general:
    'Ask me general coaching questions about training, nutrition, recovery, or running technique.',
});

/** The intro for a universe; anything unknown gets the general intro, as in the plan. */
export function getUniverseIntro(universe: string): string {
  return isUniverse(universe) ? UNIVERSE_INTROS[universe] : UNIVERSE_INTROS.general;
}

/** Three starter questions per universe, phrased the way runners ask them. */
export const SUGGESTED_QUESTIONS: Readonly<Record<Universe, readonly string[]>> = Object.freeze({
  autopsy: Object.freeze([
    'What did my last autopsy find?',
    'Why was my alignment score what it was?',
    'What should I change next time?',
  ]),
  training_plan: Object.freeze([
    'How is my week structured, and why?',
    'How far am I from race shape?',
    'When should I start my taper?',
  ]),
  todays_workout: Object.freeze([
    'What should I do today and why?',
    "I'm tired today: how should I change the workout?",
    'How does today fit my current load?',
  ]),
  progress: Object.freeze([
    'Am I overdoing it?',
    'Is my fitness actually improving?',
    'What does my divergence trend say about recovery?',
  ]),
  general: Object.freeze([
    'How should I fuel a long run?',
    'How do I balance easy and hard running?',
    'When is a niggle a reason to stop?',
  ]),
});
