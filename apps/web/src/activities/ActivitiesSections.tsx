import { apiErrorMessage } from '../auth/errors';
import { useSection } from '../coach/useSection';
import { trpc } from '../trpc';
import { AddActivitiesCard } from './AddActivities';
import { RecentActivitiesCard } from './RecentActivities';
import { uploadActivityFile } from './upload';

const PAGE_SIZE = 10;

/** What a new, changed or deleted activity changes on the page: refetched, no reload. */
function useRefreshAfterActivities() {
  const utils = trpc.useUtils();
  return () =>
    Promise.all([
      utils.activities.list.invalidate(),
      // metrics, the ACWR series, today's workout, autopsy: all follow the activities
      utils.coach.invalidate(),
      utils.chat.usage.invalidate(),
    ]);
}

export function AddActivitiesSection() {
  const refresh = useRefreshAfterActivities();
  const limits = trpc.activities.uploadLimits.useQuery(undefined, { staleTime: Infinity });
  return (
    <AddActivitiesCard
      upload={uploadActivityFile}
      limits={limits.data ?? null}
      onImported={() => void refresh()}
    />
  );
}

/** The athlete's local date, for the form's default and bound. */
function localToday(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export function RecentActivitiesSection() {
  const refresh = useRefreshAfterActivities();
  const query = trpc.activities.list.useInfiniteQuery(
    { limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const pages = query.data?.pages;
  const state = useSection({
    data: pages
      ? { units: pages[0]?.units ?? 'metric', items: pages.flatMap((page) => page.items) }
      : undefined,
    error: query.error,
    refetch: query.refetch,
  });
  const onSuccess = () => void refresh();
  const create = trpc.activities.create.useMutation({ onSuccess });
  const update = trpc.activities.update.useMutation({ onSuccess });
  const remove = trpc.activities.delete.useMutation({ onSuccess });
  const failed = [create, update, remove].find((mutation) => mutation.error);
  return (
    <RecentActivitiesCard
      {...state}
      today={localToday()}
      hasMore={query.hasNextPage}
      loadingMore={query.isFetchingNextPage}
      onMore={() => void query.fetchNextPage()}
      onCreate={(input) => create.mutateAsync(input)}
      onUpdate={(id, activity) => update.mutateAsync({ id, activity })}
      onDelete={(id) => remove.mutateAsync({ id })}
      saving={create.isPending || update.isPending || remove.isPending}
      changeError={failed?.error ? apiErrorMessage(failed.error) : null}
    />
  );
}
