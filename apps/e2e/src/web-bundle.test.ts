// The browser gets the universe vocabulary, never the coach's instructions: the built web app
// (scripts and their source maps, all of which the server serves) carries no system prompt or guide.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_PROMPT_TEMPLATE, TRAINING_GUIDE, UNIVERSE_LABELS } from '@coach/prompts';
import { describe, expect, it } from 'vitest';

const ASSETS = fileURLToPath(new URL('../../web/dist/assets', import.meta.url));

/** A line long and distinctive enough that finding it means the text was bundled. */
function firstLongLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim().length > 40);
  if (!line) throw new Error('no distinctive line in the text');
  return line.trim();
}

describe('the built web bundle', () => {
  const bundle = readdirSync(ASSETS)
    .filter((name) => name.endsWith('.js') || name.endsWith('.js.map'))
    .map((name) => readFileSync(join(ASSETS, name), 'utf8'))
    .join('\n');

  it('has the universe labels the selector shows', () => {
    expect(bundle).toContain(UNIVERSE_LABELS.training_plan);
  });

  it('has neither the system prompt nor the training guide', () => {
    expect(bundle).not.toContain(firstLongLine(SYSTEM_PROMPT_TEMPLATE));
    expect(bundle).not.toContain(firstLongLine(TRAINING_GUIDE));
  });
});
