import { useEffect } from 'react';
import { DetailsPanel } from './features/details/DetailsPanel';
import { DialogHost } from './features/operations/DialogHost';
import { EngineDownBanner } from './features/engine/EngineDownBanner';
import { EngineInfoDialog } from './features/engine/EngineInfoDialog';
import { EngineScreen } from './features/engine/EngineScreen';
import { LinkLostBanner } from './features/engine/LinkLostBanner';
import { ImagesPage } from './features/images/ImagesPage';
import { ContainersPage } from './features/containers/ContainersPage';
import { LayersPage } from './features/layers/LayersPage';
import { DiskPage } from './features/disk/DiskPage';
import { SharingPage } from './features/sharing/SharingPage';
import { DropOverlay } from './features/files/DropOverlay';
import { FilesDialogHost } from './features/files/FilesDialogHost';
import { RegistryDialogHost } from './features/registries/RegistryDialogHost';
import { TasksPanel } from './features/tasks/TasksPanel';
import { followBrowserHistory, useNav } from './stores/nav-store';
import { useLayers } from './features/layers/layers-store';
import { Header } from './features/shell/Header';
import { useAppearance } from './features/shell/use-appearance';
import { selectConnected, useEngine } from './stores/engine-store';
import { useDetails } from './stores/details-store';
import { useImages } from './stores/images-store';
import { startClock } from './ui/clock-store';
import { Toasts } from './ui/Toasts';

export function App() {
  useAppearance();
  useEffect(() => startClock(), []);
  useEffect(() => followBrowserHistory((ref) => useLayers.getState().arrive(ref)), []);
  const connected = useEngine(selectConnected);
  const detailsOpen = useDetails((s) => s.row !== null);
  // A list already shown stays on screen when the engine goes away, marked as the past.
  const hadList = useImages((s) => s.status === 'ready');
  const view = useNav((s) => s.view);

  return (
    <div className="app">
      <Header />
      <LinkLostBanner />
      <main className={`app-main${detailsOpen && connected && view === 'images' ? ' with-details' : ''}`}>
        {connected && view === 'containers' ? (
          <ContainersPage />
        ) : connected && view === 'layers' ? (
          <LayersPage />
        ) : connected && view === 'disk' ? (
          <DiskPage />
        ) : connected && view === 'sharing' ? (
          <SharingPage />
        ) : connected ? (
          <>
            <ImagesPage />
            <DetailsPanel />
          </>
        ) : hadList ? (
          <div className="stale-list" data-testid="stale-list">
            <EngineDownBanner />
            <ImagesPage stale />
          </div>
        ) : (
          <EngineScreen />
        )}
      </main>
      {connected && <DialogHost />}
      {connected && <EngineInfoDialog />}
      {connected && <FilesDialogHost />}
      {connected && <RegistryDialogHost />}
      {connected && <DropOverlay />}
      <TasksPanel />
      <Toasts />
    </div>
  );
}
