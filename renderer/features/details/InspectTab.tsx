import { useCallback, useDeferredValue, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonValue } from '../../../shared/image-types';
import { CopyButton } from '../../ui/CopyButton';
import { SearchBox } from '../../ui/SearchBox';
import { JsonTree } from '../../ui/json-tree/JsonTree';
import { allContainerPaths, defaultExpanded, searchJson, type JsonSearch } from '../../ui/json-tree/json-search';

/** `docker image inspect` as a tree: collapsible, searchable, and copyable as pretty JSON. */
export function InspectTab({ raw }: { raw: JsonValue }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const search = useMemo(() => (deferredQuery.trim() ? searchJson(raw, deferredQuery) : null), [raw, deferredQuery]);
  const pretty = useMemo(() => JSON.stringify(raw, null, 2), [raw]);

  // Expansion belongs to one search: a new search opens the way to its matches, clearing it returns
  // to the default view, and the user's own toggles apply on top until the search changes again.
  const [manual, setManual] = useState<{ search: JsonSearch | null; expanded: ReadonlySet<string> } | null>(null);
  const initial = useMemo(() => defaultExpanded(raw), [raw]);
  const expanded = manual && manual.search === search ? manual.expanded : search ? search.expanded : initial;
  const setExpanded = (next: ReadonlySet<string>) => setManual({ search, expanded: next });

  const onToggle = useCallback(
    (path: string) => {
      const next = new Set(expanded);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      setManual({ search, expanded: next });
    },
    [expanded, search],
  );

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  const matches = search?.matched.size ?? 0;
  return (
    <div className="inspect">
      <div className="inspect-toolbar">
        <SearchBox
          className="inspect-search-box"
          testId="inspect-search"
          placeholder={t('inspect.search')}
          label={t('inspect.search')}
          value={query}
          onChange={setQuery}
          onKeyDown={onSearchKey}
        />
        {search && (
          <span className={`inspect-matches${matches === 0 ? ' is-none' : ''}`} data-testid="inspect-matches" aria-live="polite">
            {matches === 0 ? t('inspect.noMatches') : t('inspect.matches', { count: matches })}
          </span>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" onClick={() => setExpanded(allContainerPaths(raw))}>
          {t('inspect.expandAll')}
        </button>
        <button type="button" className="button button-small" onClick={() => setExpanded(new Set(['']))}>
          {t('inspect.collapseAll')}
        </button>
        <CopyButton text={pretty} label={t('inspect.copy')} showText={t('inspect.copy')} testId="inspect-copy" />
      </div>
      <JsonTree value={raw} expanded={expanded} onToggle={onToggle} search={search} query={deferredQuery} label={t('inspect.treeLabel')} />
    </div>
  );
}
