import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import { formatBytesExact, formatSize } from '../../../shared/format';
import { CHANGE_KINDS, type ChangeKind, type TreeView } from '../../../shared/layer-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { InlineError } from '../../ui/InlineError';
import { SearchBox } from '../../ui/SearchBox';
import { modeString } from './layer-text';
import { useLayers } from './layers-store';
import { isMore, treeKey, visibleRows, type LoadedDir } from './tree-rows';

const PAGE = 5000;
/** With a filter on, folders holding matches open by themselves, up to this many. */
const AUTO_OPEN = 300;

interface Props {
  imageId: string;
  platform: string | null;
  layer: number;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** One layer's files as a tree: its own changes, or the whole filesystem up to it, filtered by path and change. */
export function FileTree({ imageId, platform, layer }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<TreeView>('changes');
  const [text, setText] = useState('');
  const [kinds, setKinds] = useState<ChangeKind[]>([]);
  // Paths are shown elsewhere as /etc/passwd; the tree's paths have no leading slash.
  const filterText = useDebounced(text.trim().replace(/^\/+/, ''), 200);
  const [loaded, setLoaded] = useState<Map<string, LoadedDir>>(new Map());
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [matches, setMatches] = useState<number | null>(null);
  const [error, setError] = useState<StevedoreError | null>(null);
  const generation = useRef(0);
  // A wasted-space row asked to see a path: its layer's changes, filtered to it.
  const focus = useLayers((s) => s.focus);
  useEffect(() => {
    if (!focus) return;
    setView('changes');
    setKinds([]);
    setText(`/${focus.path}`);
    // Asked once: coming back to this tab later keeps whatever filter the user has since typed.
    useLayers.setState({ focus: null });
  }, [focus]);

  const fetchDir = useCallback(
    async (dir: string, offset = 0) => {
      const page = await api.call('layers.tree', { imageId, platform, layer, view, dir, filter: { text: filterText, kinds }, offset, limit: PAGE });
      return page;
    },
    [imageId, platform, layer, view, filterText, kinds],
  );

  useEffect(() => {
    const mine = ++generation.current;
    setLoaded(new Map());
    setExpanded(new Set());
    setMatches(null);
    setError(null);
    void (async () => {
      try {
        const root = await fetchDir('');
        if (mine !== generation.current) return;
        const next = new Map([['', { nodes: root.nodes, total: root.total }]]);
        const open = new Set<string>();
        // A filter's matches sit deep in the tree: open the folders that lead to them.
        if (filterText !== '' || kinds.length > 0 || view === 'changes') {
          const queue = root.nodes.filter((n) => n.kind === 'dir').map((n) => n.path);
          while (queue.length > 0 && open.size < AUTO_OPEN) {
            const dir = queue.shift()!;
            const page = await fetchDir(dir);
            if (mine !== generation.current) return;
            next.set(dir, { nodes: page.nodes, total: page.total });
            open.add(dir);
            for (const n of page.nodes) if (n.kind === 'dir') queue.push(n.path);
          }
        }
        setLoaded(next);
        setExpanded(open);
        setMatches(root.matches);
      } catch (err) {
        if (mine === generation.current) setError(toStevedoreError(err));
      }
    })();
  }, [fetchDir, filterText, kinds, view]);

  const toggle = async (path: string) => {
    if (expanded.has(path)) {
      setExpanded((s) => new Set([...s].filter((p) => p !== path && !p.startsWith(`${path}/`))));
      return;
    }
    setExpanded((s) => new Set(s).add(path));
    if (loaded.has(path)) return;
    const mine = generation.current;
    try {
      const page = await fetchDir(path);
      if (mine === generation.current) setLoaded((m) => new Map(m).set(path, { nodes: page.nodes, total: page.total }));
    } catch (err) {
      setError(toStevedoreError(err));
    }
  };

  const more = async (dir: string, shown: number) => {
    const mine = generation.current;
    const page = await fetchDir(dir, shown).catch((err: unknown) => {
      setError(toStevedoreError(err));
      return null;
    });
    if (!page || mine !== generation.current) return;
    setLoaded((m) => {
      const before = m.get(dir);
      return new Map(m).set(dir, { nodes: [...(before?.nodes ?? []), ...page.nodes], total: page.total });
    });
  };

  const rows = useMemo(() => visibleRows(loaded, expanded), [loaded, expanded]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => 26, overscan: 12 });
  const [focused, setFocused] = useState<string | null>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = treeKey(rows, focused, event.key);
    if (!action) return;
    event.preventDefault();
    if ('toggle' in action) {
      setFocused(action.toggle);
      void toggle(action.toggle);
      return;
    }
    setFocused(action.focus);
    const index = rows.findIndex((r) => !isMore(r) && r.node.path === action.focus);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const toggleKind = (k: ChangeKind) => setKinds((ks) => (ks.includes(k) ? ks.filter((x) => x !== k) : [...ks, k]));

  return (
    <div className="file-tree" data-testid="file-tree">
      <div className="file-tree-toolbar">
        <div className="segmented" role="radiogroup" aria-label={t('insight.files.viewLabel')}>
          {(['changes', 'merged'] as const).map((v) => (
            <label key={v} className={`segment${view === v ? ' is-on' : ''}`} data-testid={`tree-view-${v}`}>
              <input type="radio" name="tree-view" checked={view === v} onChange={() => setView(v)} />
              {t(`insight.files.view.${v}`)}
            </label>
          ))}
        </div>
        <SearchBox value={text} onChange={setText} placeholder={t('insight.files.filterPlaceholder')} label={t('insight.files.filterLabel')} testId="tree-filter" />
        <div className="change-filters" role="group" aria-label={t('insight.files.kindsLabel')}>
          {CHANGE_KINDS.map((k) => (
            <label key={k} className={`change-filter change-${k}`}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={() => toggleKind(k)} data-testid={`tree-kind-${k}`} />
              {t(`insight.change.${k}`)}
            </label>
          ))}
        </div>
        {matches !== null && (
          <span className="muted file-tree-count" data-testid="tree-matches">
            {t('insight.files.matches', { count: matches })}
          </span>
        )}
      </div>
      {error && <InlineError heading={t('insight.files.failed')} error={error} testId="tree-error" />}
      <div className="file-tree-head" role="row">
        <span role="columnheader">{t('insight.files.name')}</span>
        <span role="columnheader">{t('insight.files.change')}</span>
        <span role="columnheader" className="num">
          {t('insight.files.size')}
        </span>
        <span role="columnheader">{t('insight.files.mode')}</span>
        <span role="columnheader">{t('insight.files.owner')}</span>
        <span role="columnheader" className="num">
          {t('insight.files.layer')}
        </span>
      </div>
      <div
        className="file-tree-scroll"
        ref={scrollRef}
        role="treegrid"
        aria-label={t('insight.files.label')}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => {
          const first = rows[0];
          if (focused === null && first && !isMore(first)) setFocused(first.node.path);
        }}
        aria-activedescendant={focused !== null ? `tree-row-${encodeURIComponent(focused)}` : undefined}
        data-testid="tree-scroll"
      >
        {rows.length === 0 && matches !== null && <p className="muted file-tree-empty">{t(matches === 0 && view === 'changes' && filterText === '' && kinds.length === 0 ? 'insight.files.noChanges' : 'insight.files.noMatches')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` };
            if (isMore(row)) {
              return (
                <div key={`more-${row.more.dir}`} style={style} className="file-row file-row-more">
                  <span style={{ paddingInlineStart: `${row.more.depth * 16 + 22}px` }}>
                    <button type="button" className="link-button" onClick={() => void more(row.more.dir, row.more.shown)}>
                      {t('insight.files.showMore', { shown: row.more.shown.toLocaleString(), total: row.more.total.toLocaleString() })}
                    </button>
                  </span>
                </div>
              );
            }
            const n = row.node;
            const isDir = n.kind === 'dir';
            return (
              <div
                key={n.path}
                id={`tree-row-${encodeURIComponent(n.path)}`}
                style={style}
                className={`file-row${n.change ? ` is-${n.change}` : ''}${focused === n.path ? ' is-focused' : ''}`}
                aria-selected={focused === n.path}
                onClick={() => setFocused(n.path)}
                role="row"
                aria-level={row.depth + 1} aria-expanded={isDir ? row.expanded : undefined} data-testid="tree-row" data-path={n.path} data-change={n.change ?? 'none'}>
                <span className="file-name" style={{ paddingInlineStart: `${row.depth * 16}px` }} title={n.path}>
                  {isDir ? (
                    <button type="button" className="twisty" aria-label={t(row.expanded ? 'insight.files.collapse' : 'insight.files.expand', { name: n.name })} onClick={() => void toggle(n.path)} data-testid="tree-toggle">
                      {row.expanded ? '▾' : '▸'}
                    </button>
                  ) : (
                    <span className="twisty" aria-hidden="true" />
                  )}
                  <span className={`file-label kind-${n.kind}`}>{n.name}</span>
                  {n.link !== null && (
                    <span className="file-link muted" title={t(n.kind === 'hardlink' ? 'insight.files.hardLinkTitle' : 'insight.files.symlinkTitle', { target: n.link })}>
                      {n.kind === 'hardlink' ? ` ⇒ /${n.link}` : ` → ${n.link}`}
                    </span>
                  )}
                  {isDir && <span className="muted file-children">{n.children.toLocaleString()}</span>}
                </span>
                <span>{n.change && <span className={`change-badge change-${n.change}`}>{t(`insight.change.${n.change}`)}</span>}</span>
                <span className="num" title={formatBytesExact(n.size)}>
                  {n.size > 0 || !isDir ? formatSize(n.size) : ''}
                </span>
                <span className="mono">{modeString(n.kind, n.mode)}</span>
                <span className="mono">
                  {n.uid}:{n.gid}
                </span>
                <span className="num">{n.layer + 1}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
