import type { ReactNode } from 'react';

/** A form's error line, submit button and saved confirmation, alike on every card. */
export function FormActions({
  saving,
  showSaved,
  error,
  submitLabel,
  savedMessage,
  children,
}: {
  saving: boolean;
  /** the last save succeeded and nothing was changed since */
  showSaved: boolean;
  error: string | null | undefined;
  submitLabel: string;
  savedMessage: string;
  /** further buttons after the submit button (Cancel, Delete) */
  children?: ReactNode;
}) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button primary"
          disabled={saving}
          aria-busy={saving || undefined}
        >
          {saving ? 'Saving…' : submitLabel}
        </button>
        {children}
        {showSaved && !error && (
          <p className="saved" role="status">
            {savedMessage}
          </p>
        )}
      </div>
    </>
  );
}
