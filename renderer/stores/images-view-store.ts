import { create } from 'zustand';
import { DEFAULT_SORT, nextSort, type SortColumn, type SortState } from '../features/images/sort';
import type { UsageFilter } from '../features/images/image-view';
import { EMPTY_SELECTION, applyClick, applyMove, keepVisible, type ClickModifiers, type MoveKey, type SelectionState } from '../features/images/selection';

/** How the user is looking at the list: filter, sort, selection. Data lives in the images store. */
interface ImagesViewState {
  filterText: string;
  usage: UsageFilter;
  sort: SortState;
  selection: SelectionState;
  setFilterText(text: string): void;
  setUsage(usage: UsageFilter): void;
  sortBy(column: SortColumn): void;
  click(key: string, order: readonly string[], mods: ClickModifiers): void;
  move(key: MoveKey, order: readonly string[], pageSize: number, mods: { extend: boolean; cursorOnly: boolean }): void;
  focus(key: string): void;
  selectAll(order: readonly string[]): void;
  keepVisible(visible: ReadonlySet<string>): void;
  clearSelection(): void;
}

export const useImagesView = create<ImagesViewState>()((set) => ({
  filterText: '',
  usage: 'all',
  sort: DEFAULT_SORT,
  selection: EMPTY_SELECTION,
  setFilterText: (filterText) => set({ filterText }),
  setUsage: (usage) => set({ usage }),
  sortBy: (column) => set((s) => ({ sort: nextSort(s.sort, column) })),
  click: (key, order, mods) => set((s) => ({ selection: applyClick(s.selection, order, key, mods) })),
  move: (key, order, pageSize, mods) => set((s) => ({ selection: applyMove(s.selection, order, key, pageSize, mods) })),
  focus: (key) => set((s) => ({ selection: { ...s.selection, focused: key } })),
  selectAll: (order) => set((s) => ({ selection: { selected: new Set(order), anchor: s.selection.anchor ?? order[0] ?? null, focused: s.selection.focused ?? order[0] ?? null } })),
  keepVisible: (visible) =>
    set((s) => {
      const selection = keepVisible(s.selection, visible);
      return selection === s.selection ? s : { selection };
    }),
  clearSelection: () => set((s) => ({ selection: { ...EMPTY_SELECTION, focused: s.selection.focused } })),
}));
