import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { raceGoals, raceResults } from './fixtures';
import { RaceGoalsCard, RaceResultsCard } from './RaceGoals';

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
    // Without the page's mutations the card only shows.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says race day on the day', () => {
    render(<RaceGoalsCard data={[{ ...raceGoals[0], daysToGo: 0 } as (typeof raceGoals)[0]]} />);
    expect(screen.getByText('Race day is today')).toBeTruthy();
  });

  it('says when there are no race goals yet', () => {
    render(<RaceGoalsCard data={[]} />);
    expect(screen.getByText('No race goals yet.')).toBeTruthy();
  });

  it('adds a goal with a preset distance and closes the form once saved', async () => {
    const onAdd = vi.fn(async () => true);
    const user = userEvent.setup();
    render(<RaceGoalsCard data={[]} onAdd={onAdd} onUpdate={vi.fn()} onDelete={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Add race goal' }));
    const form = within(screen.getByRole('form', { name: 'Race goal' }));
    await user.click(form.getByRole('button', { name: 'Save race goal' }));
    expect(form.getByRole('alert').textContent).toBe('Give the race a name.');
    await user.type(form.getByLabelText('Race name'), ' Berlin Marathon ');
    await user.type(form.getByLabelText('Date'), '2027-09-26');
    await user.type(form.getByLabelText('Target time (optional)'), '3:29:59');
    await user.type(form.getByLabelText('Notes'), 'Sub 3:30');
    await user.click(form.getByRole('button', { name: 'Save race goal' }));
    expect(onAdd).toHaveBeenCalledExactlyOnceWith({
      name: 'Berlin Marathon',
      raceDate: '2027-09-26',
      distance: 'marathon',
      targetTimeSeconds: 12_599,
      priority: 'A',
      notes: 'Sub 3:30',
    });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('keeps the form open with the server’s message when a save is refused', async () => {
    const user = userEvent.setup();
    const onAdd = vi.fn(async () => false);
    const { rerender } = render(<RaceGoalsCard data={raceGoals} onAdd={onAdd} />);
    await user.click(screen.getByRole('button', { name: 'Add race goal' }));
    const form = within(screen.getByRole('form', { name: 'Race goal' }));
    await user.type(form.getByLabelText('Race name'), 'Second A');
    await user.type(form.getByLabelText('Date'), '2027-04-01');
    await user.click(form.getByRole('button', { name: 'Save race goal' }));
    const message = 'You already have an A race ahead: Valencia Marathon on 2027-01-09.';
    const onEditChange = vi.fn();
    rerender(
      <RaceGoalsCard
        data={raceGoals}
        onAdd={onAdd}
        saveError={message}
        onEditChange={onEditChange}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe(message);
    expect(screen.getByRole('form', { name: 'Race goal' })).toBeTruthy();
    // Closing the form tells the page, which forgets the refused save's error.
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onEditChange).toHaveBeenCalledOnce();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('edits a goal in the athlete’s units, and deletes it', async () => {
    const onUpdate = vi.fn(async () => true);
    const onDelete = vi.fn(async () => true);
    const user = userEvent.setup();
    const fifteenK = { ...raceGoals[0], distanceMeters: 16_093.44 } as (typeof raceGoals)[0];
    render(
      <RaceGoalsCard
        data={[fifteenK]}
        units="imperial"
        onAdd={vi.fn()}
        onUpdate={onUpdate}
        onDelete={onDelete}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Edit City 10K' }));
    const form = within(screen.getByRole('form', { name: 'Race goal' }));
    expect((form.getByLabelText('Distance') as HTMLSelectElement).value).toBe('custom');
    expect((form.getByLabelText('Distance (mi)') as HTMLInputElement).value).toBe('10');
    expect((form.getByLabelText('Target time (optional)') as HTMLInputElement).value).toBe('43:00');
    await user.clear(form.getByLabelText('Target time (optional)'));
    await user.selectOptions(form.getByLabelText('Priority'), 'B');
    await user.click(form.getByRole('button', { name: 'Save race goal' }));
    expect(onUpdate).toHaveBeenCalledExactlyOnceWith({
      id: 1,
      name: 'City 10K',
      raceDate: '2026-11-28',
      distance: 10,
      targetTimeSeconds: null,
      priority: 'B',
      notes: null,
    });
    await user.click(screen.getByRole('button', { name: 'Edit City 10K' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onDelete).toHaveBeenCalledExactlyOnceWith(1);
  });
});

describe('RaceResultsCard', () => {
  it('lists results with distance and finish time', () => {
    render(<RaceResultsCard data={raceResults} units="imperial" currentYear={2026} />);
    const items = within(screen.getByTestId('race-results')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Autumn HalfSun 18 Oct · Half marathon · 1:32:10Windy.',
      // 15 km = 9.32 mi → nearest half mile 9.5
      'Trail 15Sun 1 Jun 2025 · 9.5 mi · 1:30:00',
    ]);
  });

  it('adds a result, which needs a finish time', async () => {
    const onAdd = vi.fn(async () => true);
    const user = userEvent.setup();
    render(<RaceResultsCard data={[]} onAdd={onAdd} />);
    expect(screen.getByText('No race results yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add result' }));
    const form = within(screen.getByRole('form', { name: 'Race result' }));
    await user.type(form.getByLabelText('Race name'), 'Parkrun');
    await user.type(form.getByLabelText('Date'), '2026-11-21');
    await user.selectOptions(form.getByLabelText('Distance'), '5k');
    await user.click(form.getByRole('button', { name: 'Save result' }));
    expect(form.getByRole('alert').textContent).toMatch(/^Give the time as h:mm:ss/);
    await user.type(form.getByLabelText('Finish time'), '21:45');
    await user.click(form.getByRole('button', { name: 'Save result' }));
    expect(onAdd).toHaveBeenCalledExactlyOnceWith({
      name: 'Parkrun',
      raceDate: '2026-11-21',
      distance: '5k',
      finishTimeSeconds: 1305,
      notes: null,
    });
  });
});
