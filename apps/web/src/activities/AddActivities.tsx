import { type DragEvent, useId, useState } from 'react';
import { SectionCard } from '../coach/Section';
import {
  ACCEPTED_FILES,
  failedAnswer,
  oversizeReason,
  type UploadFile,
  type UploadLimits,
  type UploadOutcome,
} from './upload';

interface FileState {
  key: string;
  name: string;
  /** share sent, 0–1, while it uploads */
  progress: number | null;
  results: UploadOutcome[] | null;
}

const STATUS_TEXT: Record<UploadOutcome['status'], string> = {
  imported: 'imported',
  already_there: 'already there',
  failed: 'failed',
};

function outcomeText(outcome: UploadOutcome): string {
  if (outcome.status === 'failed') return `failed: ${outcome.reason}`;
  return outcome.note
    ? `${STATUS_TEXT[outcome.status]} (${outcome.note})`
    : STATUS_TEXT[outcome.status];
}

export interface AddActivitiesCardProps {
  upload: UploadFile;
  /** the server's limits, once known: a larger file is refused here, without sending it */
  limits?: UploadLimits | null;
  /** after the files of one drop or pick are all sent, when any activity was imported */
  onImported?: () => void;
}

/**
 * "Add activities": files or an export zip, by drag and drop or the picker, sent one after the other
 * with their progress, then one line per activity (imported, already there, or failed and why).
 */
export function AddActivitiesCard({ upload, limits = null, onImported }: AddActivitiesCardProps) {
  const id = useId();
  const [files, setFiles] = useState<FileState[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  const change = (key: string, update: Partial<FileState>) =>
    setFiles((all) => all.map((file) => (file.key === key ? { ...file, ...update } : file)));

  async function send(picked: readonly File[]) {
    if (picked.length === 0 || busy) return;
    const batch = picked.map((file, index) => ({
      file,
      state: { key: `${Date.now()}-${index}`, name: file.name, progress: 0, results: null },
    }));
    setFiles(batch.map(({ state }) => state));
    setBusy(true);
    let imported = 0;
    try {
      for (const { file, state } of batch) {
        const tooLarge = limits && oversizeReason(file, limits);
        const answer = tooLarge
          ? failedAnswer(file, tooLarge)
          : await upload(file, (progress) => change(state.key, { progress }));
        imported += answer.summary.imported;
        change(state.key, { progress: null, results: answer.results });
      }
    } finally {
      setBusy(false);
    }
    if (imported > 0) onImported?.();
  }

  function drop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    void send(Array.from(event.dataTransfer.files));
  }

  return (
    <SectionCard title="Add activities" testId="add-activities">
      <label
        htmlFor={`${id}-files`}
        className={dragging ? 'drop-zone drop-zone--over' : 'drop-zone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="drop-zone"
      >
        <span>
          Drop FIT, GPX or TCX files (plain or .gz) or a Strava export .zip here, or{' '}
          <span className="drop-zone-pick">choose files</span>.
        </span>
        <input
          id={`${id}-files`}
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          disabled={busy}
          className="visually-hidden"
          onChange={(event) => {
            const picked = Array.from(event.target.files ?? []);
            event.target.value = '';
            void send(picked);
          }}
        />
      </label>
      {files.length > 0 && (
        <ul className="upload-list" aria-live="polite">
          {files.map((file) => (
            <li key={file.key} className="upload-file">
              <p className="upload-name">{file.name}</p>
              {file.results === null ? (
                <>
                  <progress
                    max={1}
                    value={file.progress ?? undefined}
                    aria-label={`Uploading ${file.name}`}
                  />
                  {file.progress === 1 && <p className="muted">Sent; importing…</p>}
                </>
              ) : (
                <ul className="upload-results">
                  {file.results.map((outcome, index) => (
                    <li key={index} className={`upload-result upload-result--${outcome.status}`}>
                      {outcome.origin === file.name ? '' : `${outcome.origin}: `}
                      {outcomeText(outcome)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
