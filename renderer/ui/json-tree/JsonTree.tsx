import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JsonValue } from '../../../shared/image-types';
import { ChevronDownIcon, ChevronRightIcon } from '../icons';
import { ROOT, childPath, entriesOf, isContainer, primitiveText, splitHighlight, type JsonSearch } from './json-search';

interface JsonTreeProps {
  value: JsonValue;
  expanded: ReadonlySet<string>;
  onToggle(path: string): void;
  /** Active search: only its visible nodes are drawn, matches are highlighted. */
  search: JsonSearch | null;
  query: string;
  label: string;
}

export function JsonTree({ value, expanded, onToggle, search, query, label }: JsonTreeProps) {
  return (
    <div className="json-tree" role="tree" aria-label={label} data-testid="inspect-tree">
      <JsonNode name={null} value={value} path={ROOT} depth={0} expanded={expanded} onToggle={onToggle} search={search} query={query} />
    </div>
  );
}

interface NodeProps {
  name: string | number | null;
  value: JsonValue;
  path: string;
  depth: number;
  expanded: ReadonlySet<string>;
  onToggle(path: string): void;
  search: JsonSearch | null;
  query: string;
}

function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {splitHighlight(text, query).map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

function Key({ name, query }: { name: string | number | null; query: string }) {
  if (name === null) return null;
  if (typeof name === 'number') return <span className="json-index">{name}</span>;
  return (
    <span className="json-key">
      <Highlighted text={name} query={query} />
    </span>
  );
}

const JsonNode = memo(function JsonNode({ name, value, path, depth, expanded, onToggle, search, query }: NodeProps) {
  const { t } = useTranslation();
  if (search && !search.visible.has(path)) return null;
  const matched = search?.matched.has(path) ?? false;
  const indent = { paddingInlineStart: depth * 16 };

  if (!isContainer(value)) {
    const kind = value === null ? 'null' : typeof value;
    const text = primitiveText(value);
    return (
      <div className={`json-row${matched ? ' is-match' : ''}`} role="treeitem" aria-level={depth + 1} data-path={path} style={indent}>
        <span className="json-toggle-space" />
        <Key name={name} query={query} />
        {name !== null && <span className="json-colon">: </span>}
        <span className={`json-value json-${kind}`}>
          {kind === 'string' && '"'}
          <Highlighted text={text} query={query} />
          {kind === 'string' && '"'}
        </span>
      </div>
    );
  }

  const open = expanded.has(path);
  const entries = entriesOf(value);
  const isArray = Array.isArray(value);
  const summary = isArray ? t('inspect.items', { count: entries.length }) : t('inspect.keys', { count: entries.length });
  return (
    <div role="treeitem" aria-level={depth + 1} aria-expanded={open} data-path={path}>
      <div className={`json-row json-branch${matched ? ' is-match' : ''}`} style={indent}>
        <button type="button" className="json-toggle" aria-label={String(name ?? '')} onClick={() => onToggle(path)} disabled={entries.length === 0}>
          {entries.length === 0 ? null : open ? <ChevronDownIcon size={12} /> : <ChevronRightIcon size={12} />}
        </button>
        <Key name={name} query={query} />
        {name !== null && <span className="json-colon">: </span>}
        <span className="json-summary" onClick={() => entries.length > 0 && onToggle(path)}>
          {isArray ? '[' : '{'}
          {entries.length === 0 ? '' : open ? '' : ` ${summary} `}
          {open && entries.length > 0 ? '' : isArray ? ']' : '}'}
        </span>
      </div>
      {open && entries.length > 0 && (
        <div role="group">
          {entries.map(([key, child]) => {
            const p = childPath(path, key);
            return <JsonNode key={p} name={key} value={child} path={p} depth={depth + 1} expanded={expanded} onToggle={onToggle} search={search} query={query} />;
          })}
          <div className="json-row json-close" style={indent}>
            <span className="json-toggle-space" />
            <span className="json-summary">{isArray ? ']' : '}'}</span>
          </div>
        </div>
      )}
    </div>
  );
});
