import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { raceGoals } from './fixtures';
import { RaceGoalsCard } from './RaceGoals';

describe('RaceGoalsCard', () => {
  it('counts down to each race in days and weeks', () => {
    render(<RaceGoalsCard data={raceGoals} currentYear={2026} />);
    const races = within(screen.getByTestId('race-goals')).getAllByRole('listitem');
    expect(races).toHaveLength(2);
    const [tenK, marathon] = races as [HTMLElement, HTMLElement];
    expect(within(tenK).getByText('3 days to go')).toBeTruthy();
    expect(within(tenK).getByText('C race')).toBeTruthy();
    expect(tenK.textContent).toContain('Sat 28 Nov · 10 km · target 43:00');
    expect(within(marathon).getByRole('heading', { name: 'Valencia Marathon' })).toBeTruthy();
    expect(within(marathon).getByText('45 days to go (6 weeks, 3 days)')).toBeTruthy();
    expect(marathon.textContent).toContain('Sat 9 Jan 2027 · Marathon · target 3:15:00');
    expect(within(marathon).getByText('Goal: negative split.')).toBeTruthy();
  });

  it('says race day on the day', () => {
    render(<RaceGoalsCard data={[{ ...raceGoals[0], daysToGo: 0 } as (typeof raceGoals)[0]]} />);
    expect(screen.getByText('Race day is today')).toBeTruthy();
  });

  it('says when there are no race goals yet', () => {
    render(<RaceGoalsCard data={[]} />);
    expect(screen.getByText('No race goals yet.')).toBeTruthy();
  });
});
