import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { week } from './fixtures';
import { WeekProgramCard } from './WeekProgram';

describe('WeekProgramCard', () => {
  it('lists the week, highlights today and ticks done days', () => {
    render(<WeekProgramCard data={week} />);
    const card = within(screen.getByTestId('week-program'));
    const days = card.getAllByRole('listitem');
    expect(days).toHaveLength(7);
    const today = days.filter((day) => day.getAttribute('aria-current') === 'date');
    expect(today).toHaveLength(1);
    expect(today[0]?.className).toContain('week-day--today');
    expect(today[0]?.textContent).toContain('Wed 25 Nov');
    expect(today[0]?.textContent).toContain('Today');
    expect(today[0]?.textContent).toContain('Tempo · 10 km · 55 min');
    const done = days.filter((day) => day.className.includes('week-day--done'));
    expect(done.map((day) => within(day).getByText('Tue 24 Nov').textContent)).toEqual([
      'Tue 24 Nov',
    ]);
    expect(within(days[1] as HTMLElement).getByText('Done')).toBeTruthy();
    expect(within(days[0] as HTMLElement).queryByText('Done')).toBeNull();
    expect(card.getByText('Build phase')).toBeTruthy();
    expect(card.getByText(week.focus)).toBeTruthy();
  });

  it('uses the athlete’s units', () => {
    render(<WeekProgramCard data={week} units="imperial" />);
    expect(screen.getByTestId('week-program').textContent).toContain('6.2 mi');
  });

  it('says when there is no program yet', () => {
    const { rerender } = render(<WeekProgramCard data={null} />);
    expect(screen.getByText('No program for this week yet.')).toBeTruthy();
    rerender(<WeekProgramCard data={{ ...week, days: [] }} />);
    expect(screen.getByText('No program for this week yet.')).toBeTruthy();
  });
});
