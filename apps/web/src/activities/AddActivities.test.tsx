import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AddActivitiesCard } from './AddActivities';
import type { UploadAnswer, UploadFile } from './upload';

const gpx = () => new File(['<gpx/>'], 'hill-run.gpx', { type: 'application/gpx+xml' });
const zip = () => new File([new Uint8Array(4)], 'export.zip', { type: 'application/zip' });

const answers: Record<string, UploadAnswer> = {
  'hill-run.gpx': {
    results: [{ origin: 'hill-run.gpx', status: 'imported' }],
    summary: { imported: 1, alreadyThere: 0, failed: 0 },
  },
  'export.zip': {
    results: [
      { origin: 'export.zip/activities/1.gpx', status: 'already_there' },
      { origin: 'export.zip/activities/2.tcx', status: 'failed', reason: 'the file is empty' },
    ],
    summary: { imported: 0, alreadyThere: 1, failed: 1 },
  },
};

/** An upload that waits until the test lets it finish, reporting progress on the way. */
function controlledUpload() {
  const finish: Record<string, () => void> = {};
  const sent: Record<string, (share: number) => void> = {};
  const upload = vi.fn<UploadFile>(
    (file, onProgress) =>
      new Promise((resolve) => {
        onProgress(0.5);
        sent[file.name] = onProgress;
        finish[file.name] = () => resolve(answers[file.name] as UploadAnswer);
      }),
  );
  return { upload, finish, sent };
}

function renderCard(upload: UploadFile, onImported = vi.fn()) {
  render(<AddActivitiesCard upload={upload} onImported={onImported} />);
  return { card: within(screen.getByTestId('add-activities')), onImported };
}

describe('AddActivitiesCard', () => {
  it('sends picked files one after the other with progress, then a result per activity', async () => {
    const { upload, finish, sent } = controlledUpload();
    const { card, onImported } = renderCard(upload);
    const input = card.getByLabelText(/choose files/) as HTMLInputElement;
    expect(input.accept).toBe('.fit,.gpx,.tcx,.gz,.zip');
    await userEvent.setup({ applyAccept: false }).upload(input, [gpx(), zip()]);

    const progress = card.getByRole('progressbar', { name: 'Uploading hill-run.gpx' });
    expect(progress.getAttribute('value')).toBe('0.5');
    expect(upload).toHaveBeenCalledTimes(1);
    act(() => sent['hill-run.gpx']?.(1));
    expect(card.getByText('Sent; importing…')).toBeTruthy();
    finish['hill-run.gpx']?.();
    expect(await card.findByText('imported')).toBeTruthy();
    expect(upload).toHaveBeenCalledTimes(2);
    finish['export.zip']?.();
    expect(await card.findByText('export.zip/activities/1.gpx: already there')).toBeTruthy();
    expect(
      card.getByText('export.zip/activities/2.tcx: failed: the file is empty').className,
    ).toContain('upload-result--failed');
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it('takes dropped files', async () => {
    const upload = vi.fn<UploadFile>(async () => answers['export.zip'] as UploadAnswer);
    const { card, onImported } = renderCard(upload);
    fireEvent.drop(card.getByTestId('drop-zone'), { dataTransfer: { files: [zip()] } });
    expect(await card.findByText('export.zip/activities/1.gpx: already there')).toBeTruthy();
    expect(upload.mock.calls[0]?.[0].name).toBe('export.zip');
    // Nothing new: the page has nothing to refresh.
    expect(onImported).not.toHaveBeenCalled();
  });

  it('refuses a file over the server’s limit without sending it, and sends the others', async () => {
    const upload = vi.fn<UploadFile>(async () => answers['export.zip'] as UploadAnswer);
    render(
      <AddActivitiesCard
        upload={upload}
        limits={{ maxFileBytes: 4 * 2 ** 20, maxTotalBytes: 8 }}
      />,
    );
    const card = within(screen.getByTestId('add-activities'));
    const big = new File([new Uint8Array(5 * 2 ** 20)], 'big-run.fit');
    await userEvent.upload(card.getByLabelText(/choose files/), [big, zip()]);
    expect(await card.findByText('export.zip/activities/1.gpx: already there')).toBeTruthy();
    expect(
      card.getByText(
        'failed: too large to upload: 5.0 MB, and an activity file may be at most 4.0 MB; not sent',
      ),
    ).toBeTruthy();
    expect(upload.mock.calls.map(([file]) => file.name)).toEqual(['export.zip']);
  });
});
