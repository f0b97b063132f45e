import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import type { HubResult } from '../../../shared/registry-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { describeError } from '../../i18n/describe-error';
import { Spinner } from '../../ui/Spinner';

/** `docker search` on Docker Hub, when the engine can reach it; a result fills in the name to pull. */
export function HubSearch({ term, onPick }: { term: string; onPick(name: string): void }) {
  const { t, i18n } = useTranslation();
  const [results, setResults] = useState<HubResult[] | null>(null);
  const [error, setError] = useState<StevedoreError | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async () => {
    setBusy(true);
    setError(null);
    setResults(null);
    try {
      setResults(await api.call('registries.searchHub', { term, limit: 25 }));
    } catch (err) {
      setError(toStevedoreError(err));
    } finally {
      setBusy(false);
    }
  };
  const text = error ? describeError(i18n, error) : null;
  return (
    <div className="hub-search" data-testid="hub-search">
      <button type="button" className="link-button" data-testid="hub-search-start" disabled={busy || term.trim() === ''} onClick={() => void search()}>
        {busy && <Spinner size={12} />}
        {t('registries.search.start', { term: term.trim() || '…' })}
      </button>
      {text && (
        <p className="field-note hub-search-error" data-testid="hub-search-error" role="alert" title={error?.detail}>
          {text.title} {text.hint}
        </p>
      )}
      {results && results.length === 0 && <p className="muted">{t('registries.search.none', { term })}</p>}
      {results && results.length > 0 && (
        <ul className="hub-results" data-testid="hub-results">
          {results.map((r) => (
            <li key={r.name}>
              <button type="button" className="hub-result" data-testid="hub-result" onClick={() => onPick(r.name)}>
                <span className="mono hub-name">{r.name}</span>
                {r.official && <span className="badge">{t('registries.search.official')}</span>}
                <span className="hub-stars">★ {r.stars.toLocaleString(i18n.language)}</span>
                <span className="muted hub-description">{r.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
