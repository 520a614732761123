import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyDaysFor, parseArgs, parsedOrExplained, runTimeoutMs, UsageError } from './args';

describe('parseArgs', () => {
  it('defaults to the issue’s runs: 100, 500 and 1,000 streams of 200 tokens at 50/s', () => {
    expect(parseArgs([])).toMatchObject({
      sizes: [100, 500, 1000],
      databases: ['pglite'],
      athletes: ['one'],
      tokens: 200,
      rate: 50,
      rounds: 1,
      smoke: false,
      leakStreams: 0,
      holdSizes: [200, 1000],
    });
    expect(parseArgs(['--leak', '200', '--hold', '100,400'])).toMatchObject({
      holdSizes: [100, 400],
    });
    expect(parseArgs(['--rounds', '5'])).toMatchObject({ rounds: 5 });
    expect(parseArgs(['--leak', '10000'])).toMatchObject({ leakStreams: 10_000 });
    expect(parseArgs(['--leak', '200', '--heap-snapshot', 'held.heapsnapshot'])).toMatchObject({
      leakStreams: 200,
      heapSnapshot: 'held.heapsnapshot',
    });
    expect(parseArgs(['--server-node-args', '--max-semi-space-size=1 --expose-gc'])).toMatchObject({
      serverNodeArgs: ['--max-semi-space-size=1', '--expose-gc'],
    });
  });

  it('reads --flag value and --flag=value, lists, and the smoke preset under explicit flags', () => {
    expect(
      parseArgs(['--smoke', '--streams=20', '--db', 'pglite,postgres', '--athletes', 'many']),
    ).toMatchObject({
      name: 'streams-smoke',
      sizes: [20],
      tokens: 20,
      databases: ['pglite', 'postgres'],
      athletes: ['many'],
      smoke: true,
    });
  });

  it('refuses what it does not know, with a message', () => {
    expect(() => parseArgs(['--streams', '0'])).toThrow(UsageError);
    expect(() => parseArgs(['--rounds', '0'])).toThrow(/--rounds/);
    expect(() => parseArgs(['--db', 'mysql'])).toThrow(/--db/);
    expect(() => parseArgs(['--name', '../x'])).toThrow(/--name/);
    expect(() => parseArgs(['--bogus', '1'])).toThrow(/unknown flag/);
    expect(() => parseArgs(['--leak', '0'])).toThrow(/--leak/);
    expect(() => parseArgs(['--heap-snapshot', 'x.heapsnapshot'])).toThrow(/only with --leak/);
    expect(() => parseArgs(['--hold', '200'])).toThrow(/only with --leak/);
    expect(() => parseArgs(['--leak', '200', '--hold', '1000,200'])).toThrow(/ascending/);
    expect(() => parseArgs(['--server-node-args', 'rm -rf'])).toThrow(/--server-node-args/);
  });

  it('bounds every run in time', () => {
    const options = parseArgs(['--tokens', '201', '--rate', '50']);
    expect(runTimeoutMs(options, 100)).toBe(4_000 + 30_000 + 10_000);
    expect(historyDaysFor(options, 'one')).toBe(182);
    expect(historyDaysFor(options, 'many')).toBe(56);
  });
});

describe('parsedOrExplained', () => {
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  it('prints the usage for --help and -h, and exits cleanly', () => {
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(parsedOrExplained(parseArgs, ['--help'], 'usage: streams')).toBeNull();
    expect(parsedOrExplained(parseArgs, ['--rounds', '3', '-h'], 'usage: streams')).toBeNull();
    expect(printed.mock.calls).toEqual([['usage: streams'], ['usage: streams']]);
    expect(process.exitCode).toBeUndefined();
  });

  it('prints what was not understood and the usage, with exit code 2', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(parsedOrExplained(parseArgs, ['--rounds', 'x'], 'usage: streams')).toBeNull();
    expect(printed).toHaveBeenCalledWith(expect.stringMatching(/--rounds[\s\S]*usage: streams$/));
    expect(process.exitCode).toBe(2);
  });

  it('gives the parsed options otherwise', () => {
    expect(parsedOrExplained(parseArgs, ['--rounds', '3'], 'usage')).toMatchObject({ rounds: 3 });
  });
});
