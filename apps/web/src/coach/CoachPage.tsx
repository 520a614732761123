import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { AddActivitiesSection, RecentActivitiesSection } from '../activities/ActivitiesSections';
import { apiErrorMessage, errorCode } from '../auth/errors';
import { clearAthleteData } from '../auth/session';
import { ChatWidget } from '../chat/ChatWidget';
import { trpc } from '../trpc';
import { CoachMemorySection } from './CoachMemory';
import { CurrentMetricsSection } from './CurrentMetrics';
import { JournalSection } from './JournalForm';
import { LatestAutopsySection } from './LatestAutopsy';
import { RaceGoalsSection, RaceResultsSection } from './RaceGoals';
import { SectionCard } from './Section';
import { SettingsSection } from './SettingsForm';
import { TodaysWorkoutSection } from './TodaysWorkout';
import type { Athlete } from './types';
import { WeekProgramSection } from './WeekProgram';

// The chart library is the biggest part of the page: it loads in its own chunk, beside the rest.
const AcwrChartSection = lazy(() =>
  import('./AcwrChart').then((module) => ({ default: module.AcwrChartSection })),
);

function AcwrChartFallback() {
  return (
    <SectionCard title="ACWR, last 90 days" testId="acwr-chart" className="card--wide">
      <p className="loading">Loading…</p>
    </SectionCard>
  );
}

interface CoachHeaderProps {
  athlete: Pick<Athlete, 'displayName' | 'email'>;
  onSignOut: () => void;
  signingOut?: boolean;
  signOutError?: string | null;
}

function CoachHeader({
  athlete,
  onSignOut,
  signingOut = false,
  signOutError = null,
}: CoachHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-title">
        <p className="brand">Coach</p>
        <h1>{athlete.displayName}</h1>
      </div>
      <div className="page-actions">
        {signOutError && (
          <p className="form-error" role="alert">
            {signOutError}
          </p>
        )}
        <button
          type="button"
          className="button"
          data-testid="signout"
          onClick={onSignOut}
          disabled={signingOut}
          aria-busy={signingOut || undefined}
        >
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </header>
  );
}

export interface CoachPageProps {
  /** the signed-in athlete (`auth.me`) */
  athlete: Athlete;
}

/** The athlete's training state, plan, journal, settings and the chat with the coach. */
export function CoachPage({ athlete }: CoachPageProps) {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const logout = trpc.auth.logout.useMutation({
    onSettled: async (_data, error) => {
      // A session that has already ended counts as signed out.
      if (error && errorCode(error) !== 'UNAUTHORIZED') return;
      await utils.auth.me.invalidate();
      clearAthleteData(queryClient);
    },
  });
  const signOutFailed = logout.error && errorCode(logout.error) !== 'UNAUTHORIZED';

  return (
    <div className="coach-page">
      <CoachHeader
        athlete={athlete}
        onSignOut={() => logout.mutate()}
        signingOut={logout.isPending}
        signOutError={
          signOutFailed && logout.error
            ? `Could not sign out. ${apiErrorMessage(logout.error)}`
            : null
        }
      />
      <main className="coach-grid">
        <TodaysWorkoutSection />
        <CurrentMetricsSection />
        <LatestAutopsySection />
        <Suspense fallback={<AcwrChartFallback />}>
          <AcwrChartSection />
        </Suspense>
        <WeekProgramSection />
        <AddActivitiesSection />
        <RecentActivitiesSection />
        <RaceGoalsSection />
        <RaceResultsSection />
        <CoachMemorySection />
        <JournalSection />
        <SettingsSection />
      </main>
      <ChatWidget />
    </div>
  );
}
