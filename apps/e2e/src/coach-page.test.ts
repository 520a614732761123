import { UNIVERSE_LABELS } from '@coach/prompts/universes';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lastAnswer, productForFile, screenshot, send, signIn } from './harness';

const product = productForFile();

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await product.browser.newContext({ viewport });
  return context.newPage();
}

async function openChat(page: Page): Promise<void> {
  await page.getByTestId('chat-toggle').click();
  await page.getByTestId('chat-input').waitFor();
}

describe('the Coach page in a real browser', () => {
  it('signs in and shows the demo athlete’s own numbers', async () => {
    const page = await newPage();
    await page.goto(product.server.url);
    await screenshot(page, 'sign-in');
    await signIn(page, product.server.url);
    const metrics = await (
      await fetch(`${product.server.url}/trpc/coach.currentMetrics`, {
        headers: {
          cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
        },
      })
    ).json();
    const externalAcwr = metrics.result.data.externalAcwr as number;
    await expect
      .poll(() => page.getByTestId('acwr-external').textContent())
      .toContain(externalAcwr.toFixed(2));
    for (const section of [
      'todays-workout',
      'acwr-chart',
      'latest-autopsy',
      'week-program',
      'race-goals',
      'coach-memory',
      'journal-form',
      'settings-form',
    ]) {
      await page.getByTestId(section).waitFor();
    }
    await page.waitForTimeout(1500); // the chart's lines draw in
    await screenshot(page, 'coach-page', { fullPage: true });
    await page.context().close();
  });

  it.each(Object.entries(UNIVERSE_LABELS))(
    'asks in %s and watches the tokens arrive',
    async (universe, label) => {
      product.fake.setDefault({ tokenDelayMs: 40 });
      const page = await newPage();
      await signIn(page, product.server.url);
      await openChat(page);
      await page.getByTestId('chat-universe').selectOption({ label });
      await send(page, `A question about ${universe}`);
      const answer = lastAnswer(page);
      await expect.poll(() => answer.getAttribute('data-streaming')).toBe('true');
      const partial = (await answer.textContent()) ?? '';
      await expect
        .poll(() => answer.getAttribute('data-streaming'), { timeout: 10_000 })
        .not.toBe('true');
      const full = (await answer.textContent()) ?? '';
      expect(full).toContain('Keep today easy');
      expect(full.length).toBeGreaterThan(partial.length);
      await screenshot(page, `chat-${universe}`);
      await page.context().close();
    },
  );

  it('stops a stream with the Stop button: the model call ends', async () => {
    product.fake.reset();
    product.fake.setDefault({ tokenDelayMs: 150 });
    const page = await newPage();
    await signIn(page, product.server.url);
    await openChat(page);
    await send(page, 'Talk to me slowly');
    // Stop once the model is talking: only a call in progress can be aborted.
    await expect.poll(() => lastAnswer(page).textContent()).toContain('Keep today easy');
    await expect.poll(() => lastAnswer(page).getAttribute('data-streaming')).toBe('true');
    await page.getByTestId('chat-stop').click();
    await expect.poll(() => lastAnswer(page).getAttribute('data-streaming')).not.toBe('true');
    await product.fake.waitForIdle(5000);
    expect(product.fake.counts().aborted).toBe(1);
    await expect.poll(() => page.getByTestId('chat-input').isDisabled()).toBe(false);
    await page.context().close();
  });

  it('on a phone the chat takes the whole width', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signIn(page, product.server.url);
    await openChat(page);
    const box = await page.locator('.chat-widget').boundingBox();
    expect(box?.width).toBe(390);
    await screenshot(page, 'phone');
    await page.context().close();
  });
});
