/**
 * Row selection like a file manager's: click selects one, Ctrl/Cmd+click toggles, Shift+click selects
 * the range from the anchor (the last plainly or Ctrl-clicked row), arrows move the focus.
 * Rows are identified by key so selection survives re-sorting and refetches.
 */
export interface SelectionState {
  selected: ReadonlySet<string>;
  /** Where Shift ranges start. */
  anchor: string | null;
  /** The keyboard cursor: what Enter opens. */
  focused: string | null;
}

export const EMPTY_SELECTION: SelectionState = { selected: new Set(), anchor: null, focused: null };

export interface ClickModifiers {
  /** Ctrl on Linux/Windows, Cmd on macOS. */
  toggle: boolean;
  range: boolean;
}

function rangeKeys(order: readonly string[], from: string | null, to: string): string[] {
  const end = order.indexOf(to);
  if (end < 0) return [];
  const start = from === null ? -1 : order.indexOf(from);
  if (start < 0) return [to];
  const [lo, hi] = start <= end ? [start, end] : [end, start];
  return order.slice(lo, hi + 1);
}

export function applyClick(state: SelectionState, order: readonly string[], key: string, mods: ClickModifiers): SelectionState {
  if (mods.range) {
    const range = rangeKeys(order, state.anchor, key);
    const selected = mods.toggle ? new Set([...state.selected, ...range]) : new Set(range);
    return { selected, anchor: state.anchor ?? key, focused: key };
  }
  if (mods.toggle) {
    const selected = new Set(state.selected);
    if (selected.has(key)) selected.delete(key);
    else selected.add(key);
    return { selected, anchor: key, focused: key };
  }
  return { selected: new Set([key]), anchor: key, focused: key };
}

export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

/** Index math for the keyboard cursor; with nothing focused, Down starts at the top and Up at the bottom. */
export function nextIndex(current: number, key: MoveKey, count: number, pageSize: number): number {
  if (count <= 0) return -1;
  const last = count - 1;
  const page = Math.max(1, pageSize);
  if (current < 0 || current > last) {
    return key === 'ArrowUp' || key === 'End' || key === 'PageUp' ? last : 0;
  }
  const target = {
    ArrowUp: current - 1,
    ArrowDown: current + 1,
    Home: 0,
    End: last,
    PageUp: current - page,
    PageDown: current + page,
  }[key];
  return Math.min(last, Math.max(0, target));
}

/**
 * Arrows move the cursor and select the row they land on; Shift extends the selection from the
 * anchor; Ctrl/Cmd moves the cursor alone, leaving the selection as it is.
 */
export function applyMove(state: SelectionState, order: readonly string[], key: MoveKey, pageSize: number, mods: { extend: boolean; cursorOnly: boolean }): SelectionState {
  const current = state.focused === null ? -1 : order.indexOf(state.focused);
  const index = nextIndex(current, key, order.length, pageSize);
  const target = order[index];
  if (target === undefined) return state;
  if (mods.cursorOnly) return { ...state, focused: target };
  if (mods.extend) {
    const anchor = state.anchor ?? state.focused ?? target;
    return { selected: new Set(rangeKeys(order, anchor, target)), anchor, focused: target };
  }
  return { selected: new Set([target]), anchor: target, focused: target };
}

/** After a refetch or a new filter, forget rows that are no longer on screen, so actions never hit hidden rows. */
export function keepVisible(state: SelectionState, visible: ReadonlySet<string>): SelectionState {
  const selected = [...state.selected].filter((k) => visible.has(k));
  const anchor = state.anchor !== null && visible.has(state.anchor) ? state.anchor : null;
  const focused = state.focused !== null && visible.has(state.focused) ? state.focused : null;
  if (selected.length === state.selected.size && anchor === state.anchor && focused === state.focused) return state;
  return { selected: new Set(selected), anchor, focused };
}
