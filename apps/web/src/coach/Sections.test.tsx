import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AcwrChartCard, chartDescription } from './AcwrChart';
import { autopsy, series, todaysWorkout } from './fixtures';
import { LatestAutopsyCard } from './LatestAutopsy';
import { TodaysWorkoutCard } from './TodaysWorkout';

describe('TodaysWorkoutCard', () => {
  it('shows the workout and why, with the planned session it replaces', () => {
    render(<TodaysWorkoutCard data={todaysWorkout} />);
    const card = within(screen.getByTestId('todays-workout'));
    expect(card.getByText(todaysWorkout.prescribedWorkout)).toBeTruthy();
    expect(card.getByRole('heading', { name: 'Why' })).toBeTruthy();
    expect(card.getByText(todaysWorkout.rationale)).toBeTruthy();
    expect(card.getByText('Wed 25 Nov')).toBeTruthy();
    expect(card.getByText('Planned this week: Tempo, Tempo 3×2 km at threshold pace')).toBeTruthy();
  });

  it("shows the model's narrative under the engine's words when there is one", () => {
    const narrative = 'An easy day now keeps Sunday’s long run strong.';
    render(<TodaysWorkoutCard data={{ ...todaysWorkout, narrative }} />);
    expect(screen.getByText(narrative)).toBeTruthy();
    expect(screen.getByText(todaysWorkout.rationale)).toBeTruthy();
  });

  it('says when there is no workout yet', () => {
    render(<TodaysWorkoutCard data={null} />);
    expect(screen.getByText('No workout for today yet.')).toBeTruthy();
  });
});

describe('LatestAutopsyCard', () => {
  it('shows the alignment score and the analysis', () => {
    render(<LatestAutopsyCard data={autopsy} />);
    const card = within(screen.getByTestId('latest-autopsy'));
    expect(card.getByText('7')).toBeTruthy();
    expect(card.getByText('Partly aligned with the plan')).toBeTruthy();
    const meter = card.getByRole('meter', { name: 'Alignment score' }) as HTMLMeterElement;
    expect(meter.getAttribute('value')).toBe('7');
    expect(card.getByText(autopsy.prescribedAction)).toBeTruthy();
    expect(card.getByText(autopsy.actualActivities)).toBeTruthy();
    expect(card.getByText(autopsy.analysis)).toBeTruthy();
    expect(card.getByText('Tue 24 Nov')).toBeTruthy();
  });

  it("shows the model's narrative under the analysis when there is one", () => {
    const narrative = 'You went a little long, and that is fine this week.';
    render(<LatestAutopsyCard data={{ ...autopsy, narrative }} />);
    expect(screen.getByText(narrative)).toBeTruthy();
    expect(screen.getByText(autopsy.analysis)).toBeTruthy();
  });

  it('says when there is no autopsy yet', () => {
    render(<LatestAutopsyCard data={null} />);
    expect(screen.getByText('No workout autopsy yet.')).toBeTruthy();
  });
});

describe('AcwrChartCard', () => {
  it('draws both ratios with a title, a description and the numbers as a table', () => {
    const points = series(90);
    render(<AcwrChartCard data={points} highRisk={1.3} width={600} height={280} />);
    const card = screen.getByTestId('acwr-chart');
    const svg = card.querySelector('.recharts-wrapper > svg');
    expect(svg?.querySelector('title')?.textContent).toBe(
      'External and internal ACWR, last 90 days',
    );
    expect(svg?.querySelector('desc')?.textContent).toContain('your high-risk line at 1.30');
    expect(card.querySelectorAll('.recharts-line').length).toBe(2);
    expect(within(card).getAllByRole('row')).toHaveLength(91);
    const last = points.at(-1);
    expect(card.querySelector('figcaption')?.textContent).toContain(
      `On Sun 29 Nov: external ${last?.externalAcwr?.toFixed(2)}, internal ${last?.internalAcwr?.toFixed(2)}`,
    );
  });

  it('describes the band and the line in words', () => {
    expect(chartDescription([], { min: 0.8, max: 1.3 }, 1.5)).toBe(
      'External and internal acute:chronic workload ratios, day by day. The shaded band is the optimal zone, 0.80 to 1.30; the red line is your high-risk line at 1.50.',
    );
  });

  it('says when there is no history yet', () => {
    const { rerender } = render(<AcwrChartCard data={[]} />);
    expect(screen.getByText(/^No ACWR history yet/)).toBeTruthy();
    rerender(<AcwrChartCard data={series(3)} />);
    expect(screen.getByText(/^No ACWR history yet/)).toBeTruthy();
  });
});
