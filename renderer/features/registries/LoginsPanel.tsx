import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryLogin } from '../../../shared/registry-types';
import { logoutCommand } from '../../../shared/registry-commands';
import { api } from '../../api/client';
import { toStevedoreError } from '../../api/errors';
import { describeError } from '../../i18n/describe-error';
import { CommandHint } from '../../ui/CommandHint';
import { useToasts } from '../../ui/toast-store';
import { LoginForm } from './LoginForm';
import { useLogins } from './logins-store';

/** Every registry the user is logged in to, and where the login is kept; log in to another, or out. */
export function LoginsPanel() {
  const { t, i18n } = useTranslation();
  const logins = useLogins((s) => s.logins);
  const problems = useLogins((s) => s.problems);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    void useLogins.getState().refresh();
  }, []);
  const logout = async (login: RegistryLogin) => {
    try {
      const { removed, source } = await api.call('registries.logout', { registry: login.registry });
      if (!removed && source === 'config-file') useToasts.getState().show('info', t('registries.logins.configFile', { command: logoutCommand(login.registry) }));
      await useLogins.getState().refresh();
    } catch (err) {
      useToasts.getState().show('error', describeError(i18n, toStevedoreError(err)).title);
    }
  };
  return (
    <div className="registries-panel" data-testid="logins-panel">
      {logins !== null && logins.length === 0 && <p className="muted">{t('registries.logins.none')}</p>}
      {logins !== null && logins.length > 0 && (
        <table className="logins-table" data-testid="logins-table">
          <thead>
            <tr>
              <th>{t('registries.login.registry')}</th>
              <th>{t('registries.login.username')}</th>
              <th>{t('registries.logins.keptIn')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {logins.map((l) => (
              <tr key={l.registry} data-testid="login-row">
                <td className="mono">{l.registry}</td>
                <td>{l.username}</td>
                <td>{t(`registries.sources.${l.source}`, { helper: l.helper ?? '' })}</td>
                <td>
                  <button type="button" className="button button-small" data-testid="logout" title={logoutCommand(l.registry)} onClick={() => void logout(l)}>
                    {t('registries.logins.logout')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problems.map((p) => (
        <p key={p} className="field-note">
          {p}
        </p>
      ))}
      {adding ? (
        <LoginForm registry={null} onDone={() => setAdding(false)} />
      ) : (
        <div className="logins-add">
          <button type="button" className="button" data-testid="login-add" onClick={() => setAdding(true)}>
            {t('registries.logins.add')}
          </button>
          <CommandHint command="docker login" />
        </div>
      )}
    </div>
  );
}
