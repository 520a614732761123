import type { ReactNode } from 'react';

interface SelectFieldProps<T extends string> {
  /** the select's id, which its label points at */
  id: string;
  label: ReactNode;
  value: T;
  /** in the order shown; '' among them stands for "no choice" */
  options: readonly T[];
  optionLabel: (option: T) => string;
  onChange: (value: T) => void;
  /** the form field's name */
  name?: string;
  /** a line under the select that describes it */
  hint?: ReactNode;
}

/** A labelled `<select>` whose change gives back one of its own options, never another string. */
export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  optionLabel,
  onChange,
  name,
  hint,
}: SelectFieldProps<T>) {
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        value={value}
        aria-describedby={hint === undefined ? undefined : hintId}
        onChange={(event) => {
          const chosen = options.find((option) => option === event.target.value);
          if (chosen !== undefined) onChange(chosen);
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
      {hint !== undefined && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
