import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginForm } from './LoginForm';
import { loginFor, useLogins } from './logins-store';

/** Whether a pull or push to this registry will go as someone, and a way to log in right there. */
export function LoginState({ registry }: { registry: string }) {
  const { t } = useTranslation();
  const logins = useLogins((s) => s.logins);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void useLogins.getState().refresh();
  }, []);
  if (logins === null) return null;
  const login = loginFor(logins, registry);
  return (
    <div className="login-state" data-testid="login-state" data-logged-in={login ? 'true' : 'false'}>
      <p className="field-note">
        {login ? t('registries.state.loggedIn', { registry, username: login.username, source: t(`registries.sources.${login.source}`, { helper: login.helper ?? '' }) }) : t('registries.state.anonymous', { registry })}{' '}
        {!open && (
          <button type="button" className="link-button" data-testid="login-open" onClick={() => setOpen(true)}>
            {login ? t('registries.state.switch') : t('registries.state.logIn')}
          </button>
        )}
      </p>
      {open && <LoginForm key={registry} registry={registry} onDone={() => setOpen(false)} />}
    </div>
  );
}
