import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme } from './features/shell/use-appearance';
import { setupI18n } from './i18n/setup';
import { startLiveUpdates } from './stores/live-updates';
import { useSettings } from './stores/settings-store';
import { firstListWhenParsed } from './stores/first-list-element';
import './styles/tokens.css';
import './styles/base.css';
import './styles/feedback.css';
import './styles/shell.css';
import './styles/engine.css';
import './styles/images.css';
import './styles/details.css';
import './styles/layers.css';
import './styles/insight.css';
import './styles/inspect.css';
import './styles/dialogs.css';
import './styles/removal.css';
import './styles/prune.css';
import './styles/containers-page.css';
import './styles/tasks.css';
import './styles/files.css';
import './styles/disk.css';
import './styles/sharing.css';
import './styles/registries.css';

// Before the first render, so neither the theme nor the language flashes.
setupI18n(useSettings.getState().language);
applyTheme(useSettings.getState().theme);
document.documentElement.lang = useSettings.getState().language;

// Before the first render too: the list's question goes out while React builds the page, and the
// page lives as long as the connection (nothing to stop).
startLiveUpdates(firstListWhenParsed());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
