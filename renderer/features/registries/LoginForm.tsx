import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StevedoreError } from '../../../shared/errors';
import { loginCommand } from '../../../shared/registry-commands';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { CommandHint } from '../../ui/CommandHint';
import { registryFromInput } from '../../../shared/registry-input';
import { InlineError } from '../../ui/InlineError';
import { Spinner } from '../../ui/Spinner';
import { useLogins } from './logins-store';

/**
 * `docker login`: the engine checks the credentials with the registry before anything is kept, and
 * the password field is cleared whatever the outcome.
 */
export function LoginForm({ registry: fixed, onDone }: { registry: string | null; onDone?(): void }) {
  const { t } = useTranslation();
  const [registry, setRegistry] = useState(fixed ?? 'docker.io');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StevedoreError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('registries.login', { registry: registryFromInput(registry), username: username.trim(), password });
      await useLogins.getState().refresh();
      onDone?.();
    } catch (err) {
      setError(toStevedoreError(err));
    } finally {
      setPassword('');
      setBusy(false);
    }
  };
  return (
    <form className="login-form" data-testid="login-form" onSubmit={(e) => void submit(e)} noValidate>
      {fixed === null && (
        <label className="field">
          <span className="field-label">{t('registries.login.registry')}</span>
          <input className="text-input mono" data-testid="login-registry" value={registry} onChange={(e) => setRegistry(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
      )}
      <div className="login-fields">
        <label className="field">
          <span className="field-label">{t('registries.login.username')}</span>
          <input className="text-input" data-testid="login-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" spellCheck={false} />
        </label>
        <label className="field">
          <span className="field-label">{t('registries.login.password')}</span>
          <input className="text-input" type="password" data-testid="login-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </label>
        <button type="submit" className="button button-primary" data-testid="login-submit" disabled={busy || !username.trim() || !password.trim() || !registryFromInput(registry)}>
          {busy && <Spinner size={14} />}
          {t('registries.login.submit')}
        </button>
      </div>
      <p className="field-note">{t('registries.login.kept')}</p>
      <CommandHint command={loginCommand(registryFromInput(registry) || 'docker.io', username.trim())} />
      {error && <InlineError heading={t('registries.login.failed', { registry })} error={error} testId="login-error" />}
    </form>
  );
}
