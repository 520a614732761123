import { describe, expect, it } from 'vitest';
import { WorkSlots } from './work-slots';

/** A task that runs until `finish` is called, noting when it starts. */
function gate(log: string[], name: string) {
  let finish = () => {};
  const task = () =>
    new Promise<void>((resolve) => {
      log.push(name);
      finish = resolve;
    });
  return { task, finish: () => finish() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkSlots', () => {
  it('runs at most `size` tasks at once; urgent ones first, then in arrival order', async () => {
    const slots = new WorkSlots(2);
    const started: string[] = [];
    const tasks = Object.fromEntries(
      ['a', 'b', 'n1', 'n2', 'u1', 'u2'].map((name) => [name, gate(started, name)]),
    );
    const run = (name: string, priority: 'urgent' | 'normal') =>
      slots.run(priority, tasks[name]?.task ?? (() => Promise.resolve()));
    const done = [
      run('a', 'normal'),
      run('b', 'normal'),
      run('n1', 'normal'),
      run('n2', 'normal'),
      run('u1', 'urgent'),
      run('u2', 'urgent'),
    ];
    await tick();
    expect(started).toEqual(['a', 'b']);
    tasks.a?.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'u1']);
    tasks.b?.finish();
    tasks.u1?.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'u1', 'u2', 'n1']);
    for (const name of ['u2', 'n1']) tasks[name]?.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'u1', 'u2', 'n1', 'n2']);
    tasks.n2?.finish();
    await Promise.all(done);
  });

  it('frees the slot of a task that fails', async () => {
    const slots = new WorkSlots(1);
    await expect(slots.run('normal', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await slots.run('normal', async () => 'next')).toBe('next');
  });
});
