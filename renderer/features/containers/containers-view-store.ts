import { create } from 'zustand';
import { DEFAULT_CONTAINER_SORT, nextContainerSort, type ContainerColumn, type ContainerSort } from './containers-table';

/** How the user looks at the containers list; kept outside the page so switching views keeps it. */
interface ContainersViewState {
  filterText: string;
  sort: ContainerSort;
  setFilterText(text: string): void;
  sortBy(column: ContainerColumn): void;
}

export const useContainersView = create<ContainersViewState>()((set) => ({
  filterText: '',
  sort: DEFAULT_CONTAINER_SORT,
  setFilterText: (filterText) => set({ filterText }),
  sortBy: (column) => set((s) => ({ sort: nextContainerSort(s.sort, column) })),
}));
