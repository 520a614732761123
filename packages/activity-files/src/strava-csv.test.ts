import { ACTIVITY_NOTES_MAX_CHARS } from '@coach/metrics';
import { describe, expect, it } from 'vitest';
import { ActivityFileError } from './activity-file-error';
import { readStravaCsv } from './strava-csv';
import { stravaActivityDate, stravaCsv } from './testing';

describe('readStravaCsv', () => {
  it('reads back the dates the test exports write, morning, noon and evening', () => {
    const times = ['2026-02-03T00:05:09Z', '2026-09-20T12:00:00Z', '2026-11-30T23:59:59Z'];
    const csv = stravaCsv(
      times.map((time, i) => ({
        id: String(i + 1),
        date: stravaActivityDate(new Date(time)),
        meters: 1000,
        elapsedSeconds: 300,
      })),
    );
    expect(stravaActivityDate(new Date(times[1] as string))).toBe('Sep 20, 2026, 12:00:00 PM');
    const { activities } = readStravaCsv(csv);
    expect(activities.map((activity) => activity.startTime.toISOString())).toEqual(
      times.map((time) => new Date(time).toISOString()),
    );
  });

  it('reads the base-unit columns where names repeat, with a real CSV parser', () => {
    const csv = stravaCsv([
      {
        id: '15873216543',
        date: 'Sep 20, 2026, 2:05:01 PM',
        name: 'Lunch run, with "hills"',
        type: 'Trail Run',
        description: 'Felt good,\nlegs heavy at the end',
        fileName: 'activities/17012345678.fit.gz',
        elapsedSeconds: 3720,
        movingSeconds: 3600,
        displayDistance: '10.01',
        meters: 10012.4,
        climbMeters: 215,
        displayMaxHeartRate: '171',
        maxHeartRate: 171,
        averageHeartRate: 148.6,
      },
    ]);
    const { activities, problems } = readStravaCsv(csv);
    expect(problems).toEqual([]);
    expect(activities).toEqual([
      {
        activityId: '15873216543',
        startTime: new Date('2026-09-20T14:05:01Z'),
        name: 'Lunch run, with "hills"',
        type: 'Trail Run',
        fileName: 'activities/17012345678.fit.gz',
        distanceMeters: 10012.4,
        elapsedTimeSeconds: 3720,
        movingTimeSeconds: 3600,
        elevationGainMeters: 215,
        averageHeartRate: 148.6,
        maxHeartRate: 171,
        notes: 'Felt good,\nlegs heavy at the end',
      },
    ]);
  });

  it('keeps the description and the private note as notes, within the notes limit', () => {
    const row = { date: 'Feb 3, 2026, 1:00:00 PM', meters: 1, elapsedSeconds: 60 };
    const long = `${'é'.repeat(ACTIVITY_NOTES_MAX_CHARS - 2)}😀 and more`;
    const csv = stravaCsv([
      { ...row, id: '1', description: ' Easy, by the river ', privateNote: 'Left calf tight' },
      { ...row, id: '2', privateNote: 'Only for me' },
      { ...row, id: '3', description: '  ' },
      { ...row, id: '4', description: long },
    ]);
    const notes = readStravaCsv(csv).activities.map((activity) => activity.notes);
    expect(notes.slice(0, 3)).toEqual([
      'Easy, by the river\n\nLeft calf tight',
      'Only for me',
      null,
    ]);
    // Cut to the limit with an ellipsis, the emoji (two UTF-16 units) dropped whole.
    expect(notes[3]).toBe(`${'é'.repeat(ACTIVITY_NOTES_MAX_CHARS - 2)}…`);
    expect(notes[3]?.length).toBeLessThanOrEqual(ACTIVITY_NOTES_MAX_CHARS);
  });

  it('reads an export without the notes columns', () => {
    const csv = Buffer.from(
      'Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Distance\n' +
        '7,"Feb 3, 2026, 1:00:00 PM",Run,Run,600,1.5,,1500\n',
    );
    const { activities } = readStravaCsv(csv);
    expect(activities.map((activity) => [activity.distanceMeters, activity.notes])).toEqual([
      [1500, null],
    ]);
  });

  it('reads dates with a narrow no-break space, at midnight and noon', () => {
    const csv = stravaCsv([
      { id: '1', date: 'Jan 2, 2026, 12:00:05\u202fAM', meters: 1, elapsedSeconds: 60 },
      { id: '2', date: 'Feb 3, 2026, 12:30:00 PM', meters: 1, elapsedSeconds: 60 },
    ]);
    expect(readStravaCsv(csv).activities.map((a) => a.startTime.toISOString())).toEqual([
      '2026-01-02T00:00:05.000Z',
      '2026-02-03T12:30:00.000Z',
    ]);
  });

  it('reports a row it cannot read and keeps the others', () => {
    const csv = stravaCsv([
      { id: '1', date: 'yesterday', meters: 1, elapsedSeconds: 60 },
      { id: '2', date: 'Feb 3, 2026, 1:00:00 PM', meters: 1, elapsedSeconds: 60 },
    ]);
    const { activities, problems } = readStravaCsv(csv);
    expect(activities.map((a) => a.activityId)).toEqual(['2']);
    expect(problems).toEqual([{ row: 1, activityId: '1', error: expect.any(ActivityFileError) }]);
  });

  it('refuses a CSV without the base-unit distance or a required column', () => {
    const reason = (text: string) => {
      try {
        readStravaCsv(Buffer.from(text));
        return 'no error';
      } catch (error) {
        return (error as ActivityFileError).reason;
      }
    };
    expect(reason('Activity ID,Activity Date,Distance\n1,"Feb 3, 2026, 1:00:00 PM",5\n')).toBe(
      'wrong_format',
    );
    expect(reason('Activity ID,Distance,Distance\n1,5,5000\n')).toBe('wrong_format');
    expect(reason('')).toBe('empty');
    expect(reason('"unterminated\n')).toBe('corrupt');
  });
});
