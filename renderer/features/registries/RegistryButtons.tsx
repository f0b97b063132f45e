import { useTranslation } from 'react-i18next';
import { useRegistryDialog } from '../../stores/registry-dialog-store';

/** Pull a name from a registry, and the registries the user is logged in to. */
export function RegistryButtons() {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="button" data-testid="pull-open" title={t('registries.pull.openTitle')} onClick={() => useRegistryDialog.getState().open({ kind: 'pull' })}>
        <span>{t('registries.pull.open')}</span>
      </button>
      <button type="button" className="button" data-testid="logins-open" title={t('registries.logins.openTitle')} onClick={() => useRegistryDialog.getState().open({ kind: 'registries', tab: 'logins' })}>
        <span>{t('registries.logins.open')}</span>
      </button>
    </>
  );
}
