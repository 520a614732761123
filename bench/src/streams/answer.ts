// What is asked and what the fake model answers: every question carries its stream's id, so the
// fake can say when that stream's schedule began; every token has the same length, so the client
// knows how many tokens have arrived from the characters alone, however the path groups or splits
// them into frames.

/** Characters per token: a space and three more, about the size of a real model's token. */
export const TOKEN_CHARS = 4;

export function answerTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => ` w${String(i % 100).padStart(2, '0')}`);
}

export function expectedAnswer(count: number): string {
  return answerTokens(count).join('');
}

export function question(streamId: string): string {
  return `How should I run today? (bench stream ${streamId})`;
}

const STREAM_ID = /bench stream ([0-9a-f-]{36})/;

/** The stream id inside a request to the model (the server wraps the question in its prompt). */
export function streamIdIn(requestText: string): string | null {
  return STREAM_ID.exec(requestText)?.[1] ?? null;
}

/** Wall-clock milliseconds with a fraction, comparable between processes on one machine. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** What the bare relay's client sends on its socket for each stream. */
export interface RelayQuestion {
  message: string;
  maxTokens: number;
}

/** What the bare relay sends back: one frame per text delta, then done or error. */
export type RelayFrame =
  | { type: 'token'; content: string }
  | { type: 'done' }
  | { type: 'error'; message: string };
