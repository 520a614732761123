import type { InputHTMLAttributes, ReactNode } from 'react';

type InputFieldProps = {
  /** the input's id, which its label points at */
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

/** A labelled `<input>` whose change gives back its text; other attributes go to the input. */
export function InputField({ id, label, onChange, ...input }: InputFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}
