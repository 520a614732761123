import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  stravaActivityDate,
  stravaCsv,
  utcDaysAgoAt,
  writeZip,
} from '@coach/activity-files/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productForFile, screenshot } from './harness';

const product = productForFile();
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'coach-e2e-coaching-'));
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Six weeks of running in a Strava export: an easy 8 km four days a week, a long run on the fifth. */
async function sixWeeksExport(): Promise<string> {
  const rows = [];
  for (let daysAgo = 43; daysAgo >= 2; daysAgo--) {
    if (daysAgo % 7 === 1 || daysAgo % 7 === 4) continue; // two rest days a week
    const long = daysAgo % 7 === 0;
    rows.push({
      id: String(9000 + daysAgo),
      date: stravaActivityDate(utcDaysAgoAt(daysAgo, 18)),
      name: long ? 'Long run' : 'Easy run',
      elapsedSeconds: long ? 5400 : 2700,
      movingSeconds: long ? 5400 : 2700,
      meters: long ? 16_000 : 8000,
      averageHeartRate: long ? 148 : 140,
      maxHeartRate: long ? 165 : 155,
    });
  }
  const path = join(scratch, 'export_six_weeks.zip');
  await writeZip(path, [{ name: 'activities.csv', data: stravaCsv(rows) }]);
  return path;
}

describe('the coaching engines for a new athlete', () => {
  it('imports six weeks and adds an A race: a plan and today’s recommendation; after the day, an autopsy', async () => {
    // The athlete signs up far west of UTC; moving the time zone far east later turns their today
    // into yesterday, as the next morning would, without a clock to turn.
    const context = await product.browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Pacific/Pago_Pago',
    });
    const page = await context.newPage();
    await page.goto(product.server.url);
    await page.getByTestId('signup-toggle').click();
    await page.getByTestId('signup-name').fill('Nina New');
    await page.getByTestId('signin-email').fill(`nina-${randomUUID()}@example.com`);
    await page.getByTestId('signin-password').fill('a-long-password-2');
    await page.getByTestId('signin-submit').click();
    await page
      .getByTestId('recent-activities')
      .getByText(/No activities yet/)
      .waitFor();

    const add = page.getByTestId('add-activities');
    await add.locator('input[type="file"]').setInputFiles(await sixWeeksExport());
    await expect
      .poll(async () => (await add.locator('.upload-result').allTextContents()).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(20);

    const raceDate = new Date(Date.now() + 16 * 7 * 86_400_000).toISOString().slice(0, 10);
    const goals = page.getByTestId('race-goals');
    await goals.getByRole('button', { name: 'Add race goal' }).click();
    const form = goals.getByRole('form', { name: 'Race goal' });
    await form.getByLabel('Race name').fill('Harbour Half');
    await form.getByLabel('Date').fill(raceDate);
    await form.getByLabel('Distance', { exact: true }).selectOption('half_marathon');
    await form.getByLabel('Target time (optional)').fill('1:50:00');
    await form.getByLabel('Priority').selectOption('A');
    await form.getByRole('button', { name: 'Save race goal' }).click();
    await goals.getByRole('heading', { name: 'Harbour Half' }).waitFor();

    // The plan: this week's program of a periodised plan, and today's recommendation.
    await page.reload();
    const week = page.getByTestId('week-program');
    await week.getByText(/phase/).waitFor();
    // A plan made today covers today to Sunday of this week, then the weeks to the race.
    await week.locator('.week li[aria-current="date"]').waitFor();
    expect(await week.locator('.week li').count()).toBeGreaterThanOrEqual(1);
    expect(await week.textContent()).toMatch(/\d+(\.\d)? km/);
    const workout = page.getByTestId('todays-workout');
    await workout.locator('.workout-prescription').waitFor();
    const prescription = await workout.locator('.workout-prescription').textContent();
    expect(prescription?.length).toBeGreaterThan(5);
    expect(await workout.textContent()).toMatch(/ACWR|load|rest|plan/i);
    expect(await page.getByTestId('latest-autopsy').textContent()).toContain(
      'No workout autopsy yet.',
    );
    await screenshot(page, 'coaching-plan-and-today', { fullPage: true });
    const recommendedDay = await workout.locator('.card-date').textContent();

    // The day goes by: the athlete runs it, and their today moves on (time zone 25 hours east).
    const settings = page.getByTestId('settings-form');
    await settings.getByLabel('Time zone').selectOption('Pacific/Kiritimati');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();
    const yesterday = new Date(Date.now() - 11 * 3_600_000).toISOString().slice(0, 10);
    const recent = page.getByTestId('recent-activities');
    await recent.getByRole('button', { name: 'Add by hand' }).click();
    const manual = recent.getByRole('form', { name: 'Add an activity' });
    await manual.getByLabel('Date').fill(yesterday);
    await manual.getByLabel('Start time').fill('07:00');
    await manual.getByLabel('Name').fill('Morning run');
    await manual.getByLabel('Distance (km)').fill('8');
    await manual.getByLabel('Duration (minutes)').fill('45');
    await manual.getByLabel('Average heart rate').fill('142');
    await manual.getByRole('button', { name: 'Add activity' }).click();
    await recent.getByText('Morning run').waitFor();

    await page.reload();
    const autopsy = page.getByTestId('latest-autopsy');
    await autopsy.locator('.score-number').waitFor();
    expect(await autopsy.locator('.card-date').textContent()).toBe(recommendedDay);
    const score = Number(await autopsy.locator('.score-number').textContent());
    expect(score).toBeGreaterThanOrEqual(1);
    expect(score).toBeLessThanOrEqual(10);
    expect(await autopsy.textContent()).toContain('8.0 km');
    await screenshot(page, 'coaching-autopsy', { fullPage: true });
    await context.close();
  }, 180_000);
});
