import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { InputField } from './InputField';

/** A form's state around the field, as the cards keep it. */
function RestingForm({ onChange }: { onChange: (text: string) => void }) {
  const [resting, setResting] = useState('50');
  return (
    <InputField
      id="resting"
      label="Resting heart rate (bpm)"
      type="number"
      min={30}
      max={120}
      value={resting}
      onChange={(text) => {
        setResting(text);
        onChange(text);
      }}
    />
  );
}

describe('InputField', () => {
  it('is an input named by its label, with the attributes it was given', () => {
    render(<RestingForm onChange={vi.fn()} />);
    const input = screen.getByRole('spinbutton', {
      name: 'Resting heart rate (bpm)',
    }) as HTMLInputElement;
    expect(input.id).toBe('resting');
    expect([input.type, input.min, input.max, input.value]).toEqual(['number', '30', '120', '50']);
  });

  it('gives back the text typed', async () => {
    const onChange = vi.fn();
    const user = userEvent.setup();
    render(<RestingForm onChange={onChange} />);
    const input = screen.getByLabelText('Resting heart rate (bpm)') as HTMLInputElement;
    await user.clear(input);
    await user.type(input, '48');
    expect(onChange.mock.calls).toEqual([[''], ['4'], ['48']]);
    expect(input.value).toBe('48');
  });
});
