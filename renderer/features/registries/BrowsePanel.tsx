import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import { formatSize, shortId } from '../../../shared/format';
import type { RemoteManifest } from '../../../shared/registry-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { useRegistryDialog } from '../../stores/registry-dialog-store';
import { CommandHint } from '../../ui/CommandHint';
import { CopyButton } from '../../ui/CopyButton';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { LoginState } from './LoginState';
import { registryFromInput } from '../../../shared/registry-input';
import { pullCommand } from '../../../shared/registry-commands';

const NAMES = new Intl.Collator('en', { numeric: true });
/** Tags as a person scans them: 1.9 before 1.10, whatever order the registry answered in. */
const sorted = (names: string[]) => [...names].sort(NAMES.compare);

interface Listing<T> {
  items: T[];
  next: string | null;
}

/** A private registry's repositories, a repository's tags, and a tag's manifest: pull it or delete it. */
export function BrowsePanel() {
  const { t, i18n } = useTranslation();
  const [known, setKnown] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [registry, setRegistry] = useState<string | null>(null);
  const [repos, setRepos] = useState<Listing<string> | null>(null);
  const [repo, setRepo] = useState<string | null>(null);
  const [tags, setTags] = useState<Listing<string> | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [manifest, setManifest] = useState<RemoteManifest | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StevedoreError | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** The other tags the deletion takes along (same manifest digest); null while they are being read. */
  const [alsoGoes, setAlsoGoes] = useState<string[] | null>(null);

  useEffect(() => {
    api.call('registries.browsed').then(
      ({ registries }) => {
        setKnown(registries);
        if (registries[0]) setText(registries[0]);
      },
      () => undefined,
    );
  }, []);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(toStevedoreError(err));
    } finally {
      setBusy(false);
    }
  };
  const open = (event: FormEvent) => {
    event.preventDefault();
    const host = registryFromInput(text);
    // What was shown belongs to the registry opened before: never leave it beside another's name.
    setRegistry(null);
    setRepos(null);
    setRepo(null);
    setTags(null);
    setTag(null);
    setManifest(null);
    setConfirming(false);
    void run(async () => {
      const page = await api.call('registries.catalog', { registry: host });
      setRegistry(host);
      setRepos({ items: page.repositories, next: page.next });
      setRepo(null);
      setTags(null);
      setTag(null);
      setManifest(null);
    });
  };
  const moreRepos = () =>
    void run(async () => {
      const page = await api.call('registries.catalog', { registry: registry!, last: repos!.next! });
      setRepos({ items: [...repos!.items, ...page.repositories], next: page.next });
    });
  const pickRepo = (name: string) =>
    void run(async () => {
      const page = await api.call('registries.tags', { registry: registry!, repository: name });
      setRepo(name);
      setTags({ items: sorted(page.tags), next: page.next });
      setTag(null);
      setManifest(null);
    });
  const moreTags = () =>
    void run(async () => {
      const page = await api.call('registries.tags', { registry: registry!, repository: repo!, last: tags!.next! });
      setTags({ items: sorted([...tags!.items, ...page.tags]), next: page.next });
    });
  const pickTag = (name: string) =>
    void run(async () => {
      setConfirming(false);
      setManifest(await api.call('registries.manifest', { registry: registry!, repository: repo!, reference: name }));
      setTag(name);
    });
  // Deleting by digest removes every tag on that manifest: name them before the user agrees.
  const askToDelete = () => {
    setConfirming(true);
    setAlsoGoes(null);
    const others = (tags?.items ?? []).filter((x) => x !== tag).slice(0, 100);
    void Promise.all(
      others.map((x) =>
        api.call('registries.manifest', { registry: registry!, repository: repo!, reference: x }).then(
          (m) => (m.digest === manifest!.digest ? x : null),
          () => null,
        ),
      ),
    ).then((same) => setAlsoGoes(same.filter((x): x is string => x !== null)));
  };
  const remove = () =>
    void run(async () => {
      await api.call('registries.deleteManifest', { registry: registry!, repository: repo!, digest: manifest!.digest });
      setConfirming(false);
      setManifest(null);
      setTag(null);
      const page = await api.call('registries.tags', { registry: registry!, repository: repo! });
      setTags({ items: sorted(page.tags), next: page.next });
    });
  const ref = registry && repo && tag ? `${registry}/${repo}:${tag}` : null;

  return (
    <div className="registries-panel browse" data-testid="browse-panel">
      <form className="mirror-add" onSubmit={open} noValidate>
        <input className="text-input mono" data-testid="browse-registry" list="browse-known" value={text} placeholder="registry.example.com:5000" onChange={(e) => setText(e.target.value)} spellCheck={false} aria-label={t('registries.login.registry')} />
        <datalist id="browse-known">
          {known.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
        <button type="submit" className="button" data-testid="browse-open" disabled={busy || text.trim() === ''}>
          {t('registries.browse.open')}
        </button>
        {busy && <Spinner size={14} />}
      </form>
      {registry && <LoginState registry={registry} />}
      {error && <InlineError heading={t('registries.browse.failed', { registry: registry ?? registryFromInput(text) })} error={error} testId="browse-error" />}
      {repos && (
        <div className="browse-columns">
          <div className="browse-column" data-testid="browse-repos">
            <h3 className="registries-heading">{t('registries.browse.repositories', { count: repos.items.length })}</h3>
            {repos.items.length === 0 && <p className="muted">{t('registries.browse.empty')}</p>}
            <ul className="browse-list">
              {repos.items.map((r) => (
                <li key={r}>
                  <button type="button" className={`browse-item mono${r === repo ? ' is-current' : ''}`} data-testid="browse-repo" onClick={() => pickRepo(r)}>
                    {r}
                  </button>
                </li>
              ))}
            </ul>
            {repos.next && (
              <button type="button" className="link-button" onClick={moreRepos}>
                {t('registries.browse.more')}
              </button>
            )}
          </div>
          {tags && (
            <div className="browse-column" data-testid="browse-tags">
              <h3 className="registries-heading">{t('registries.browse.tags', { count: tags.items.length })}</h3>
              <ul className="browse-list">
                {tags.items.map((x) => (
                  <li key={x}>
                    <button type="button" className={`browse-item mono${x === tag ? ' is-current' : ''}`} data-testid="browse-tag" onClick={() => pickTag(x)}>
                      {x}
                    </button>
                  </li>
                ))}
              </ul>
              {tags.next && (
                <button type="button" className="link-button" onClick={moreTags}>
                  {t('registries.browse.more')}
                </button>
              )}
            </div>
          )}
          {manifest && ref && (
            <div className="browse-column browse-manifest" data-testid="browse-manifest">
              <h3 className="registries-heading mono" data-testid="browse-ref" title={ref}>
                {ref}
              </h3>
              <p className="browse-digest">
                <code className="mono" data-testid="browse-digest">
                  {manifest.digest}
                </code>
                <CopyButton text={`${registry}/${repo}@${manifest.digest}`} label={t('registries.push.copyDigest')} />
              </p>
              <dl className="browse-facts">
                <dt>{t('registries.browse.size')}</dt>
                <dd>{t('registries.browse.layers', { count: manifest.layers.length, size: formatSize(manifest.totalSize) })}</dd>
                {manifest.created && (
                  <>
                    <dt>{t('registries.browse.created')}</dt>
                    <dd>{new Date(manifest.created).toLocaleString(i18n.language)}</dd>
                  </>
                )}
                {manifest.platforms.length > 0 && (
                  <>
                    <dt>{t('registries.browse.platforms')}</dt>
                    <dd>{manifest.platforms.map((p) => p.platform).join(', ')}</dd>
                  </>
                )}
                {manifest.configDigest && (
                  <>
                    <dt>{t('registries.browse.configDigest')}</dt>
                    <dd className="mono">{shortId(manifest.configDigest)}</dd>
                  </>
                )}
              </dl>
              <div className="browse-actions">
                <button type="button" className="button button-primary" data-testid="browse-pull" onClick={() => useRegistryDialog.getState().open({ kind: 'pull', ref })}>
                  {t('registries.pull.submit')}
                </button>
                {!confirming ? (
                  <button type="button" className="button button-danger" data-testid="browse-delete" onClick={askToDelete}>
                    {t('registries.browse.delete')}
                  </button>
                ) : (
                  <span className="browse-confirm" role="alert">
                    {t('registries.browse.deleteConfirm')}{' '}
                    <span data-testid="browse-also-goes">
                      {alsoGoes === null
                        ? t('registries.browse.checkingOthers')
                        : alsoGoes.length === 0
                          ? t('registries.browse.noOthers')
                          : t('registries.browse.others', { count: alsoGoes.length, tags: alsoGoes.join(', ') })}
                    </span>{' '}
                    <button type="button" className="button button-danger button-small" data-testid="browse-delete-confirm" onClick={remove} disabled={busy || alsoGoes === null}>
                      {t('registries.browse.deleteYes')}
                    </button>{' '}
                    <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
                      {t('dialog.cancel')}
                    </button>
                  </span>
                )}
              </div>
              <CommandHint command={pullCommand(ref, null)} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
