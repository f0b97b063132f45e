import { useTranslation } from 'react-i18next';
import { LogoIcon } from '../../ui/icons';
import { EngineStatusBadge } from './EngineStatusBadge';
import { TasksButton } from '../tasks/TasksButton';
import { ViewTabs } from './ViewTabs';
import { LanguageSelect, ThemeSelect } from './SettingsSelects';

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand">
        <LogoIcon />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <EngineStatusBadge />
      <ViewTabs />
      <div className="header-spacer" />
      <TasksButton />
      <LanguageSelect />
      <ThemeSelect />
    </header>
  );
}
