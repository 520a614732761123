import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChatLog } from './ChatLog';
import type { Turn } from './chat-state';

function turn(answer: string, requestId = 'r1'): Turn {
  return {
    id: requestId,
    question: 'How was my run?',
    requestId,
    answer,
    status: 'streaming',
    lastSeq: 0,
  };
}

/** happy-dom lays nothing out: give the log a tall content in a short box. */
function tallLog(): HTMLElement {
  const log = screen.getByRole('log');
  Object.defineProperty(log, 'scrollHeight', { configurable: true, value: 1000 });
  Object.defineProperty(log, 'clientHeight', { configurable: true, value: 100 });
  return log;
}

describe('ChatLog', () => {
  it('follows new text, stays put once the athlete scrolls up, and follows again on a new send', () => {
    const props = { intro: 'Hello', streaming: true, visible: true };
    const { rerender } = render(<ChatLog {...props} turns={[turn('A')]} followRequest="r1" />);
    const log = tallLog();

    rerender(<ChatLog {...props} turns={[turn('A longer')]} followRequest="r1" />);
    expect(log.scrollTop).toBe(1000);

    log.scrollTop = 200;
    fireEvent.scroll(log);
    rerender(<ChatLog {...props} turns={[turn('A longer answer')]} followRequest="r1" />);
    expect(log.scrollTop).toBe(200);

    const next = [turn('A longer answer'), turn('B', 'r2')];
    rerender(<ChatLog {...props} turns={next} followRequest="r2" />);
    expect(log.scrollTop).toBe(1000);
  });
});
