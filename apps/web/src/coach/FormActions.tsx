/** A form's error line, submit button and saved confirmation, alike on every card. */
export function FormActions({
  saving,
  showSaved,
  error,
  submitLabel,
  savedMessage,
  onCancel,
}: {
  saving: boolean;
  /** the last save succeeded and nothing was changed since */
  showSaved: boolean;
  error: string | null | undefined;
  submitLabel: string;
  savedMessage: string;
  /** a Cancel button beside the submit button, for a form that can be closed */
  onCancel?: () => void;
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
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {showSaved && !error && (
          <p className="saved" role="status">
            {savedMessage}
          </p>
        )}
      </div>
    </>
  );
}
