import { type ReactNode, useId } from 'react';

/**
 * What every section of the Coach page takes: the query's data (undefined while it loads, null or
 * empty when there is nothing yet), or an error message in plain words.
 */
export interface SectionProps<T> {
  data: T | null | undefined;
  /** loading even though `data` is set (not needed while `data` is undefined) */
  loading?: boolean;
  error?: string | null;
  onRetry?: () => void;
}

export interface SectionCardProps {
  title: string;
  testId: string;
  /** e.g. "card--wide" to span the grid */
  className?: string;
  /** next to the title: a date, a badge */
  aside?: ReactNode;
  /** the element id, for a link to the card */
  id?: string;
  children: ReactNode;
}

/** One card of the Coach page: a titled region, labelled by its heading. */
export function SectionCard({ title, testId, className, aside, id, children }: SectionCardProps) {
  const headingId = useId();
  return (
    <section
      id={id}
      className={className ? `card ${className}` : 'card'}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <div className="card-header">
        <h2 id={headingId}>{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

export interface SectionBodyProps<T> extends SectionProps<T> {
  /** shown when there is no data yet: "No race goals yet." */
  empty: ReactNode;
  /** data that counts as empty besides null (an empty list) */
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}

/** Error, loading, empty, or the content, in that order. */
export function SectionBody<T>({
  data,
  loading,
  error,
  onRetry,
  empty,
  isEmpty,
  children,
}: SectionBodyProps<T>) {
  if (error) {
    return (
      <div className="section-error" role="alert">
        <p>{error}</p>
        {onRetry && (
          <button type="button" className="button small" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    );
  }
  if (data === undefined || (loading && data === null)) {
    return (
      <p className="loading" aria-live="polite" aria-busy="true">
        Loading…
      </p>
    );
  }
  if (data === null || isEmpty?.(data)) return <p className="empty">{empty}</p>;
  return <>{children(data)}</>;
}
