import { useDeferredValue, useEffect, useMemo } from 'react';
import { useImages } from '../../stores/images-store';
import { useImagesView } from '../../stores/images-view-store';
import { countView, filterRows } from './image-view';
import { sortRows } from './sort';

/** The rows on screen: the engine's list, filtered and sorted, with selection kept to what is visible. */
export function useImageView() {
  const allRows = useImages((s) => s.rows);
  const filterText = useImagesView((s) => s.filterText);
  const danglingOnly = useImagesView((s) => s.danglingOnly);
  const sort = useImagesView((s) => s.sort);
  // Typing stays responsive on thousands of rows: the list catches up a frame later.
  const deferredText = useDeferredValue(filterText);

  const filtered = useMemo(() => filterRows(allRows, { text: deferredText, danglingOnly }), [allRows, deferredText, danglingOnly]);
  const rows = useMemo(() => sortRows(filtered, sort), [filtered, sort]);
  const counts = useMemo(() => countView(rows), [rows]);

  useEffect(() => {
    useImagesView.getState().keepVisible(new Set(rows.map((r) => r.key)));
  }, [rows]);

  return { rows, counts, total: allRows.length, filtered: deferredText.trim() !== '' || danglingOnly };
}
