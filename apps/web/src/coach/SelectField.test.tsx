import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { SelectField } from './SelectField';

type Priority = '' | 'A' | 'B';
const PRIORITY_TEXT: Record<Priority, string> = { '': 'None', A: 'A race', B: 'B race' };

/** A form's state around the field, as the cards keep it. */
function PriorityForm({ onChange }: { onChange: (priority: Priority) => void }) {
  const [priority, setPriority] = useState<Priority>('A');
  return (
    <SelectField
      id="race-priority"
      name="priority"
      label="Priority"
      value={priority}
      options={['', 'A', 'B'] as const}
      optionLabel={(option) => PRIORITY_TEXT[option]}
      onChange={(next) => {
        setPriority(next);
        onChange(next);
      }}
      hint="The A race shapes the plan."
    />
  );
}

describe('SelectField', () => {
  it('is a select named by its label and described by its hint, with each option’s text', () => {
    render(<PriorityForm onChange={vi.fn()} />);
    const select = screen.getByRole('combobox', {
      name: 'Priority',
      description: 'The A race shapes the plan.',
    }) as HTMLSelectElement;
    expect(screen.getByLabelText('Priority')).toBe(select);
    expect(select.name).toBe('priority');
    expect(select.value).toBe('A');
    expect([...select.options].map((option) => [option.value, option.text])).toEqual([
      ['', 'None'],
      ['A', 'A race'],
      ['B', 'B race'],
    ]);
  });

  it('gives back the chosen option, the empty one included', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<PriorityForm onChange={onChange} />);
    const select = screen.getByLabelText('Priority') as HTMLSelectElement;
    await user.selectOptions(select, 'B race');
    await user.selectOptions(select, 'None');
    expect(onChange.mock.calls).toEqual([['B'], ['']]);
    expect(select.value).toBe('');
  });

  it('passes over a value that is none of its options, and has no description without a hint', () => {
    const onChange = vi.fn();
    render(
      <SelectField
        id="kind"
        label="Kind"
        value="goal"
        options={['goal', 'injury']}
        optionLabel={(kind) => kind}
        onChange={onChange}
      />,
    );
    const select = screen.getByLabelText('Kind');
    fireEvent.change(select, { target: { value: 'Z' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(select.hasAttribute('aria-describedby')).toBe(false);
  });
});
