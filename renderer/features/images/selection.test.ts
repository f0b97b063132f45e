import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, applyClick, applyMove, keepVisible, nextIndex, type SelectionState } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const plain = { toggle: false, range: false };
const toggle = { toggle: true, range: false };
const range = { toggle: false, range: true };
const sel = (s: SelectionState) => [...s.selected].sort();

describe('applyClick', () => {
  it('selects only the clicked row and focuses it', () => {
    const s = applyClick({ selected: new Set(['a', 'b']), anchor: 'a', focused: 'a' }, order, 'c', plain);
    expect(sel(s)).toEqual(['c']);
    expect(s.focused).toBe('c');
    expect(s.anchor).toBe('c');
  });

  it('toggles a row with Ctrl/Cmd, keeping the others', () => {
    let s = applyClick(EMPTY_SELECTION, order, 'a', plain);
    s = applyClick(s, order, 'c', toggle);
    expect(sel(s)).toEqual(['a', 'c']);
    s = applyClick(s, order, 'a', toggle);
    expect(sel(s)).toEqual(['c']);
  });

  it('selects the range from the anchor with Shift, in either direction', () => {
    let s = applyClick(EMPTY_SELECTION, order, 'd', plain);
    s = applyClick(s, order, 'b', range);
    expect(sel(s)).toEqual(['b', 'c', 'd']);
    // The anchor stays, so a second Shift+click re-draws the range from it.
    s = applyClick(s, order, 'e', range);
    expect(sel(s)).toEqual(['d', 'e']);
  });

  it('adds the range to the selection with Ctrl+Shift', () => {
    let s = applyClick(EMPTY_SELECTION, order, 'a', plain);
    s = applyClick(s, order, 'c', toggle);
    s = applyClick(s, order, 'e', { toggle: true, range: true });
    expect(sel(s)).toEqual(['a', 'c', 'd', 'e']);
  });

  it('treats Shift+click with no anchor as a plain selection of that row', () => {
    const s = applyClick(EMPTY_SELECTION, order, 'c', range);
    expect(sel(s)).toEqual(['c']);
  });
});

describe('nextIndex', () => {
  it('moves one row and stops at the ends', () => {
    expect(nextIndex(2, 'ArrowDown', 5, 10)).toBe(3);
    expect(nextIndex(4, 'ArrowDown', 5, 10)).toBe(4);
    expect(nextIndex(0, 'ArrowUp', 5, 10)).toBe(0);
  });
  it('starts at the top going down and at the bottom going up when nothing is focused', () => {
    expect(nextIndex(-1, 'ArrowDown', 5, 10)).toBe(0);
    expect(nextIndex(-1, 'ArrowUp', 5, 10)).toBe(4);
  });
  it('pages by the visible row count and jumps to the ends', () => {
    expect(nextIndex(1, 'PageDown', 100, 20)).toBe(21);
    expect(nextIndex(95, 'PageDown', 100, 20)).toBe(99);
    expect(nextIndex(50, 'Home', 100, 20)).toBe(0);
    expect(nextIndex(50, 'End', 100, 20)).toBe(99);
  });
  it('has nowhere to go in an empty list', () => {
    expect(nextIndex(-1, 'ArrowDown', 0, 10)).toBe(-1);
  });
});

describe('applyMove', () => {
  it('moves the cursor and selects the row it lands on', () => {
    const s = applyMove({ selected: new Set(['b']), anchor: 'b', focused: 'b' }, order, 'ArrowDown', 10, { extend: false, cursorOnly: false });
    expect(s.focused).toBe('c');
    expect(sel(s)).toEqual(['c']);
  });
  it('extends the selection from the anchor with Shift', () => {
    let s = applyClick(EMPTY_SELECTION, order, 'b', plain);
    s = applyMove(s, order, 'ArrowDown', 10, { extend: true, cursorOnly: false });
    s = applyMove(s, order, 'ArrowDown', 10, { extend: true, cursorOnly: false });
    expect(sel(s)).toEqual(['b', 'c', 'd']);
    s = applyMove(s, order, 'ArrowUp', 10, { extend: true, cursorOnly: false });
    expect(sel(s)).toEqual(['b', 'c']);
  });
  it('moves only the cursor with Ctrl/Cmd', () => {
    const s = applyMove({ selected: new Set(['a']), anchor: 'a', focused: 'a' }, order, 'ArrowDown', 10, { extend: false, cursorOnly: true });
    expect(s.focused).toBe('b');
    expect(sel(s)).toEqual(['a']);
  });
});

describe('keepVisible', () => {
  it('drops selected, anchor and focused rows that are no longer shown', () => {
    const s = keepVisible({ selected: new Set(['a', 'c']), anchor: 'c', focused: 'c' }, new Set(['a', 'b']));
    expect(sel(s)).toEqual(['a']);
    expect(s.anchor).toBeNull();
    expect(s.focused).toBeNull();
  });
  it('returns the same object when nothing changed, so subscribers do not re-render', () => {
    const state = { selected: new Set(['a']), anchor: 'a', focused: 'a' };
    expect(keepVisible(state, new Set(order))).toBe(state);
  });
});
