import type { KeyboardEvent, Ref } from 'react';
import { CloseIcon, SearchIcon } from './icons';

interface SearchBoxProps {
  value: string;
  onChange(value: string): void;
  placeholder: string;
  label: string;
  testId: string;
  inputRef?: Ref<HTMLInputElement>;
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void;
  className?: string;
  /** When given, a clear button appears while there is text. */
  clearLabel?: string;
}

/** The magnifier-and-input filter field the list and the inspect tree share. */
export function SearchBox({ value, onChange, placeholder, label, testId, inputRef, onKeyDown, className, clearLabel }: SearchBoxProps) {
  return (
    <div className={`filter-box${className ? ` ${className}` : ''}`}>
      <SearchIcon className="filter-icon" />
      <input
        ref={inputRef}
        type="search"
        className="filter-input"
        data-testid={testId}
        placeholder={placeholder}
        aria-label={label}
        value={value}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {clearLabel && value && (
        <button type="button" className="icon-button filter-clear" aria-label={clearLabel} title={clearLabel} onClick={() => onChange('')}>
          <CloseIcon size={14} />
        </button>
      )}
    </div>
  );
}
