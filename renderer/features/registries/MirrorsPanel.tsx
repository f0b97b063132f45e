import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import { prefixMirror, type MirrorCheck, type MirrorSettings, type PrefixMirror } from '../../../shared/registry-types';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { CommandHint } from '../../ui/CommandHint';
import { InlineError } from '../../ui/InlineError';

const DAEMON_JSON = '{ "registry-mirrors": ["https://mirror.example.com"] }';

/**
 * The engine's Docker Hub mirrors (shown with how to change them: Stevedore does not edit the
 * daemon's files) and the user's own prefix mirrors, which Pull can go through, each testable.
 */
export function MirrorsPanel() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<MirrorSettings | null>(null);
  const [error, setError] = useState<StevedoreError | null>(null);
  const [checks, setChecks] = useState<Record<string, MirrorCheck | 'checking'>>({});
  const [text, setText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    api.call('registries.mirrors').then(setSettings, (err: unknown) => setError(toStevedoreError(err)));
  }, []);
  const save = async (prefixMirrors: PrefixMirror[]) => {
    try {
      setSettings(await api.call('registries.setPrefixMirrors', { prefixMirrors }));
      setError(null);
    } catch (err) {
      setError(toStevedoreError(err));
    }
  };
  const check = async (mirror: PrefixMirror) => {
    setChecks((c) => ({ ...c, [mirror.prefix]: 'checking' }));
    try {
      const result = await api.call('registries.checkMirror', { mirror });
      setChecks((c) => ({ ...c, [mirror.prefix]: result }));
    } catch (err) {
      setChecks((c) => ({ ...c, [mirror.prefix]: { prefix: mirror.prefix, ok: false, ms: null, status: null, error: toStevedoreError(err).message } }));
    }
  };
  const candidate = text.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  const valid = candidate !== '' && prefixMirror.safeParse({ prefix: candidate }).success;
  const list = settings?.prefixMirrors ?? [];
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    if (list.some((m) => m.prefix === candidate)) return setNote(t('registries.mirrors.duplicate', { prefix: candidate }));
    setNote(null);
    setText('');
    void save([...list, { prefix: candidate }]);
  };
  const move = (i: number) => void save(list.map((m, k) => (k === i - 1 ? list[i]! : k === i ? list[i - 1]! : m)));

  return (
    <div className="registries-panel" data-testid="mirrors-panel">
      {error && <InlineError heading={t('registries.mirrors.failed')} error={error} testId="mirrors-error" />}
      <h3 className="registries-heading">{t('registries.mirrors.daemonTitle')}</h3>
      {settings && (
        <>
          {settings.daemon.mirrors.length === 0 ? (
            <p className="muted" data-testid="daemon-mirrors-none">
              {t('registries.mirrors.daemonNone')}
            </p>
          ) : (
            <ul className="mirror-list" data-testid="daemon-mirrors">
              {settings.daemon.mirrors.map((m) => (
                <li key={m} className="mono">
                  {m}
                </li>
              ))}
            </ul>
          )}
          <p className="field-note">{t('registries.mirrors.daemonMeaning')}</p>
          <CommandHint command={DAEMON_JSON} prompt="daemon.json" />
          <CommandHint command="sudo systemctl restart docker" />
          {settings.daemon.insecure.length > 0 && <p className="field-note">{t('registries.mirrors.insecure', { list: settings.daemon.insecure.join(', ') })}</p>}
        </>
      )}
      <h3 className="registries-heading">{t('registries.mirrors.prefixTitle')}</h3>
      <p className="field-note">{t('registries.mirrors.prefixMeaning')}</p>
      {settings?.problem && <p className="field-note">{settings.problem}</p>}
      {list.length > 0 && (
        <ol className="mirror-list" data-testid="prefix-mirrors">
          {list.map((m, i) => {
            const c = checks[m.prefix];
            return (
              <li key={m.prefix} className="prefix-mirror" data-testid="prefix-mirror">
                <span className="mono" title={m.prefix}>
                  {m.prefix}
                </span>
                <span className="prefix-example muted mono" title={`${m.prefix}/library/nginx:1.27`}>{`${m.prefix}/library/nginx:1.27`}</span>
                <span className="mirror-check" data-testid="mirror-check" data-ok={c && c !== 'checking' ? String(c.ok) : undefined} title={c && c !== 'checking' ? (c.error ?? undefined) : undefined}>
                  {c === 'checking' ? t('registries.mirrors.checking') : c ? (c.ok ? t('registries.mirrors.answers', { ms: c.ms }) : t('registries.mirrors.noAnswer', { why: c.error ?? '' })) : ''}
                </span>
                <button type="button" className="button button-small" data-testid="mirror-test" onClick={() => void check(m)}>
                  {t('registries.mirrors.test')}
                </button>
                <button type="button" className="button button-small" aria-label={t('registries.mirrors.up')} title={t('registries.mirrors.up')} disabled={i === 0} onClick={() => move(i)}>
                  ↑
                </button>
                <button type="button" className="button button-small" data-testid="mirror-remove" onClick={() => void save(list.filter((x) => x !== m))}>
                  {t('registries.mirrors.remove')}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <form className="mirror-add" onSubmit={add} noValidate>
        <input className={`text-input mono${candidate && !valid ? ' is-invalid' : ''}`} data-testid="mirror-input" value={text} placeholder="mirror.example.com/docker.io" onChange={(e) => setText(e.target.value)} spellCheck={false} aria-label={t('registries.mirrors.add')} />
        <button type="submit" className="button" data-testid="mirror-add" disabled={!valid}>
          {t('registries.mirrors.add')}
        </button>
      </form>
      {candidate && !valid && <p className="name-problem">{t('registries.mirrors.bad')}</p>}
      {note && <p className="field-note" role="status">{note}</p>}
    </div>
  );
}
