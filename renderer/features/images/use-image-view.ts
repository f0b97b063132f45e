import { useEffect, useMemo } from 'react';
import { useContainers, usageByImage } from '../../stores/containers-store';
import { useImages } from '../../stores/images-store';
import { useImagesView } from '../../stores/images-view-store';
import { countView, filterRows, withUse } from './image-view';
import { sortRows } from './sort';

/** The rows on screen: the engine's list with what uses each image, filtered and sorted, with selection kept to what is visible. */
export function useImageView() {
  const allRows = useImages((s) => s.rows);
  const containers = useContainers((s) => s.list);
  const filterText = useImagesView((s) => s.filterText);
  const usage = useImagesView((s) => s.usage);
  const sort = useImagesView((s) => s.sort);
  // Sorted once per list or sort change; a keystroke only filters (which keeps the order), so it
  // costs one pass over the rows and fits in a frame at thousands of rows.
  const viewRows = useMemo(() => withUse(allRows, usageByImage(containers)), [allRows, containers]);
  const sorted = useMemo(() => sortRows(viewRows, sort), [viewRows, sort]);
  const rows = useMemo(() => filterRows(sorted, { text: filterText, usage }), [sorted, filterText, usage]);
  const counts = useMemo(() => countView(rows), [rows]);

  useEffect(() => {
    const { selected, anchor, focused } = useImagesView.getState().selection;
    // Nothing selected: no need to index 5,000 keys on every keystroke.
    if (selected.size === 0 && anchor === null && focused === null) return;
    useImagesView.getState().keepVisible(new Set(rows.map((r) => r.key)));
  }, [rows]);

  return { rows, counts, total: allRows.length, filtered: filterText.trim() !== '' || usage !== 'all', appliedText: filterText };
}
