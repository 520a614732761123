import { Encoder, type FileIdMesg, type RecordMesg, type SessionMesg } from '@garmin/fitsdk';
import { describe, expect, it } from 'vitest';
import { parseFit } from './fit';
import { fitMessageNumber } from './testing';

const START = Date.parse('2026-05-01T06:00:00Z');

/** Ten minutes of records, one every 5 s: 3 m/s, 200 → 230 m, heart rate 120 + ⌊second / 10⌋ bpm. */
function fitFile(session: SessionMesg | null): Uint8Array {
  const encoder = new Encoder();
  const fileId: FileIdMesg = { type: 'activity', manufacturer: 'development', product: 1 };
  encoder.onMesg(fitMessageNumber('FILE_ID'), fileId);
  for (let second = 0; second <= 600; second += 5) {
    const record: RecordMesg = {
      timestamp: new Date(START + second * 1000),
      distance: 3 * second,
      altitude: 200 + second / 20,
      heartRate: 120 + Math.floor(second / 10),
    };
    encoder.onMesg(fitMessageNumber('RECORD'), record);
  }
  if (session) encoder.onMesg(fitMessageNumber('SESSION'), session);
  return encoder.close();
}

describe('parseFit', () => {
  it("fills in heart rate from the records when the session lacks it, and has no id without the file's serial", () => {
    const run = parseFit(
      fitFile({
        startTime: new Date(START),
        timestamp: new Date(START + 600_000),
        sport: 'running',
        subSport: 'treadmill',
        totalTimerTime: 600,
        totalDistance: 1800,
      }),
    );
    expect(run).toMatchObject({
      fileActivityId: null,
      type: 'treadmill_run',
      distanceMeters: 1800,
      movingTimeSeconds: 600,
      // no total_ascent in the session: from the records' altitude, 200 → 230 m
      elevationGainMeters: 30,
      maxHeartRate: 180,
    });
    // 120 + ⌊s / 10⌋ over 600 s: ≈ 149.75 time-weighted
    expect(run.averageHeartRate).toBeCloseTo(149.75, 0);
  });

  it('computes everything from the records of a file without a session', () => {
    const run = parseFit(fitFile(null));
    expect(run).toMatchObject({
      startTime: new Date(START),
      type: 'other',
      distanceMeters: 1800,
      movingTimeSeconds: 600,
      elevationGainMeters: 30,
      maxHeartRate: 180,
    });
  });
});
