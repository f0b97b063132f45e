import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme } from './features/shell/use-appearance';
import { setupI18n } from './i18n/setup';
import { useSettings } from './stores/settings-store';
import './styles/tokens.css';
import './styles/base.css';
import './styles/feedback.css';
import './styles/shell.css';
import './styles/engine.css';
import './styles/images.css';
import './styles/details.css';
import './styles/layers.css';
import './styles/inspect.css';
import './styles/dialogs.css';
import './styles/removal.css';
import './styles/prune.css';

// Before the first render, so neither the theme nor the language flashes.
setupI18n(useSettings.getState().language);
applyTheme(useSettings.getState().theme);
document.documentElement.lang = useSettings.getState().language;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
