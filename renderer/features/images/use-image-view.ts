import { useDeferredValue, useEffect, useMemo } from 'react';
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
  // Typing stays responsive on thousands of rows: the list catches up a frame later.
  const deferredText = useDeferredValue(filterText);

  const viewRows = useMemo(() => withUse(allRows, usageByImage(containers)), [allRows, containers]);
  const filtered = useMemo(() => filterRows(viewRows, { text: deferredText, usage }), [viewRows, deferredText, usage]);
  const rows = useMemo(() => sortRows(filtered, sort), [filtered, sort]);
  const counts = useMemo(() => countView(rows), [rows]);

  useEffect(() => {
    useImagesView.getState().keepVisible(new Set(rows.map((r) => r.key)));
  }, [rows]);

  return { rows, counts, total: allRows.length, filtered: deferredText.trim() !== '' || usage !== 'all', appliedText: deferredText };
}
