import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

describe('Markdown', () => {
  it('renders markdown', () => {
    const { container } = render(
      <Markdown>{'**Easy** week:\n\n- Mon: rest\n- Tue: 8 km easy'}</Markdown>,
    );
    expect(container.querySelector('strong')?.textContent).toBe('Easy');
    expect(container.querySelectorAll('li')).toHaveLength(2);
  });

  it('never renders raw HTML', () => {
    const { container } = render(
      <Markdown>
        {
          'Hi <img src=x onerror="alert(1)"> <script>alert(2)</script> <b>bold</b>\n\n<iframe src="https://example.com"></iframe>'
        }
      </Markdown>,
    );
    expect(container.querySelector('img, script, iframe, b')).toBeNull();
    expect(container.textContent).toContain('<script>alert(2)</script>');
  });

  it('drops unsafe link targets and opens safe links in a new tab', () => {
    const { container } = render(
      <Markdown>{'[bad](javascript:alert(1)) and [good](https://example.com/a)'}</Markdown>,
    );
    const [bad, good] = Array.from(container.querySelectorAll('a'));
    expect(bad?.getAttribute('href') ?? '').not.toMatch(/javascript/i);
    expect(good?.getAttribute('href')).toBe('https://example.com/a');
    expect(good?.getAttribute('target')).toBe('_blank');
    expect(good?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('leaves images out', () => {
    const { container } = render(<Markdown>{'![pixel](https://tracker.example/p.gif)'}</Markdown>);
    expect(container.querySelector('img')).toBeNull();
  });
});
