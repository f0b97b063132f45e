import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { Tabs, type TabSpec } from '../../ui/Tabs';
import { BrowsePanel } from './BrowsePanel';
import { LoginsPanel } from './LoginsPanel';
import { MirrorsPanel } from './MirrorsPanel';

export type RegistriesTab = 'logins' | 'mirrors' | 'browse';

/** Registry logins, mirrors (the engine's and the user's prefix mirrors), and a private registry's contents. */
export function RegistriesDialog({ tab: first, onClose }: { tab: RegistriesTab; onClose(): void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<RegistriesTab>(first);
  const footer = (
    <button type="button" className="button" onClick={onClose}>
      {t('dialog.close')}
    </button>
  );
  const tabs: TabSpec<RegistriesTab>[] = [
    { key: 'logins', label: t('registries.tabs.logins'), testId: 'registries-tab-logins' },
    { key: 'mirrors', label: t('registries.tabs.mirrors'), testId: 'registries-tab-mirrors' },
    { key: 'browse', label: t('registries.tabs.browse'), testId: 'registries-tab-browse' },
  ];
  return (
    <Dialog title={t('registries.title')} testId="registries-dialog" onClose={onClose} footer={footer} size="large">
      <Tabs<RegistriesTab> tabs={tabs} active={tab} onChange={(k) => setTab(k)} label={t('registries.title')} idPrefix="registries" />
      <div role="tabpanel" id={`registries-panel-${tab}`} aria-labelledby={`registries-tab-${tab}`} className="registries-tabpanel">
        {tab === 'logins' && <LoginsPanel />}
        {tab === 'mirrors' && <MirrorsPanel />}
        {tab === 'browse' && <BrowsePanel />}
      </div>
    </Dialog>
  );
}
