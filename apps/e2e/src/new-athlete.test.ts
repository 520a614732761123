import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activityFixture,
  stravaActivityDate,
  stravaCsv,
  utcDaysAgoAt,
  writeZip,
} from '@coach/activity-files/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productForFile, screenshot, send } from './harness';

const product = productForFile();
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'coach-e2e-upload-'));
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A small Strava export: one activity with its file, one logged by hand (no file). */
async function stravaExport(): Promise<string> {
  const path = join(scratch, 'export_12345.zip');
  await writeZip(path, [
    {
      name: 'activities.csv',
      data: stravaCsv([
        {
          id: '501',
          date: stravaActivityDate(utcDaysAgoAt(20, 7)),
          name: 'Track laps',
          fileName: 'activities/501.gpx.gz',
          elapsedSeconds: 1200,
          meters: 4800,
        },
        {
          id: '502',
          date: stravaActivityDate(utcDaysAgoAt(1, 7)),
          name: 'Tempo by the river',
          elapsedSeconds: 3000,
          movingSeconds: 3000,
          meters: 12_340,
        },
      ]),
    },
    {
      name: 'activities/501.gpx.gz',
      data: await readFile(activityFixture('track-run.gpx.gz')),
      compress: false,
    },
  ]);
  return path;
}

const RACE = 'Lakeside Marathon';
const raceDate = `${new Date().getUTCFullYear() + 1}-09-27`;

describe('a new athlete brings their training in', () => {
  it('signs up, uploads a GPX file and a Strava export, adds an A race and training days, and the coach’s prompt carries them', async () => {
    const context = await product.browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    await page.goto(product.server.url);
    await page.getByTestId('signup-toggle').click();
    await page.getByTestId('signup-name').fill('Lena Lakeside');
    await page.getByTestId('signin-email').fill(`runner-${randomUUID()}@example.com`);
    await page.getByTestId('signin-password').fill('a-long-password-1');
    await page.getByTestId('signin-submit').click();
    const recent = page.getByTestId('recent-activities');
    await recent.getByText(/No activities yet/).waitFor();

    // Activities: a watch's GPX file and a Strava export, with a result per file.
    const add = page.getByTestId('add-activities');
    await add
      .locator('input[type="file"]')
      .setInputFiles([activityFixture('hill-run.gpx'), await stravaExport()]);
    await add.getByText('export_12345.zip/activities.csv: Tempo by the river: imported').waitFor();
    const results = await add.locator('.upload-result').allTextContents();
    expect(results).toEqual([
      'imported',
      'export_12345.zip/activities/501.gpx.gz: imported',
      'export_12345.zip/activities.csv: Tempo by the river: imported',
    ]);

    // The list refreshes without a reload, newest first.
    await expect
      .poll(async () => (await recent.getByTestId('activity-row').allTextContents()).length)
      .toBe(3);
    const rows = await recent.getByTestId('activity-row').allTextContents();
    expect(rows[0]).toContain('Tempo by the river');
    expect(rows.join('\n')).toContain('Hill repeats');
    expect(rows.join('\n')).toContain('Track laps');
    await screenshot(page, 'activities-imported', { fullPage: true });

    // A race goal and the days the athlete can train.
    const goals = page.getByTestId('race-goals');
    await goals.getByText('No race goals yet.').waitFor();
    await goals.getByRole('button', { name: 'Add race goal' }).click();
    const form = goals.getByRole('form', { name: 'Race goal' });
    await form.getByLabel('Race name').fill(RACE);
    await form.getByLabel('Date').fill(raceDate);
    await form.getByLabel('Distance', { exact: true }).selectOption('marathon');
    await form.getByLabel('Target time (optional)').fill('3:45:00');
    await form.getByLabel('Priority').selectOption('A');
    await form.getByRole('button', { name: 'Save race goal' }).click();
    await goals.getByRole('heading', { name: RACE }).waitFor();
    expect(await goals.textContent()).toContain('A race');
    expect(await goals.textContent()).toContain('Marathon · target 3:45:00');

    const settings = page.getByTestId('settings-form');
    for (const day of ['Tuesday', 'Thursday', 'Sunday']) {
      await settings.getByRole('checkbox', { name: day }).check();
    }
    await settings.getByLabel('Long-run day').selectOption('Sunday');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();
    await screenshot(page, 'races-and-availability', { fullPage: true });

    // After a reload, all of it comes from the server.
    await page.reload();
    await page.getByTestId('race-goals').getByRole('heading', { name: RACE }).waitFor();
    expect(await page.getByTestId('activity-row').count()).toBe(3);
    const reloaded = page.getByTestId('settings-form');
    await expect
      .poll(() => reloaded.getByRole('checkbox', { name: 'Sunday' }).isChecked())
      .toBe(true);
    expect(await reloaded.getByRole('checkbox', { name: 'Monday' }).isChecked()).toBe(false);
    expect(await reloaded.getByLabel('Long-run day').inputValue()).toBe('Sunday');

    product.fake.reset();
    product.fake.script({ text: 'A solid tempo run this week.' });
    await page.getByTestId('chat-toggle').click();
    await page.getByTestId('chat-universe').selectOption({ label: 'Progress' });
    await send(page, 'How is my training going for my race?');
    await page
      .locator('[data-testid="chat-message"][data-role="assistant"]')
      .last()
      .getByText('A solid tempo run this week.')
      .waitFor();
    expect(product.fake.requests).toHaveLength(1);
    const prompt = JSON.stringify(product.fake.requests[0]?.body);
    expect(prompt).not.toContain('No activities in the last 12 weeks');
    // The last four weeks hold the tempo run (the files are from September, in the weekly trends).
    expect(prompt).toContain('12.3 km');
    // The A race is one of the facts of the day every universe carries.
    expect(prompt).toContain(RACE);
    expect(prompt).toContain(raceDate);
    await context.close();
  }, 120_000);
});
