import { useEffect } from 'react';
import { DetailsPanel } from './features/details/DetailsPanel';
import { EngineDownBanner } from './features/engine/EngineDownBanner';
import { EngineScreen } from './features/engine/EngineScreen';
import { LinkLostBanner } from './features/engine/LinkLostBanner';
import { ImagesPage } from './features/images/ImagesPage';
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
import { later, PartLoading, PartNotLoaded } from './ui/later';

// Every view but the image list, and every dialog, loads after the first paint: together they are
// most of the page's code, and parsing it was time a big host's first row waited for.
const VIEW_PLACEHOLDERS = { loading: PartLoading, failed: PartNotLoaded };
const ContainersPage = later(() => import('./features/containers/ContainersPage').then((m) => m.ContainersPage), VIEW_PLACEHOLDERS);
const LayersPage = later(() => import('./features/layers/LayersPage').then((m) => m.LayersPage), VIEW_PLACEHOLDERS);
const DiskPage = later(() => import('./features/disk/DiskPage').then((m) => m.DiskPage), VIEW_PLACEHOLDERS);
const SharingPage = later(() => import('./features/sharing/SharingPage').then((m) => m.SharingPage), VIEW_PLACEHOLDERS);
const DialogHost = later(() => import('./features/operations/DialogHost').then((m) => m.DialogHost));
const EngineInfoDialog = later(() => import('./features/engine/EngineInfoDialog').then((m) => m.EngineInfoDialog));
const FilesDialogHost = later(() => import('./features/files/FilesDialogHost').then((m) => m.FilesDialogHost));
const RegistryDialogHost = later(() => import('./features/registries/RegistryDialogHost').then((m) => m.RegistryDialogHost));
const DropOverlay = later(() => import('./features/files/DropOverlay').then((m) => m.DropOverlay));

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
      {connected && (
        <>
          <DialogHost />
          <EngineInfoDialog />
          <FilesDialogHost />
          <RegistryDialogHost />
          <DropOverlay />
        </>
      )}
      <TasksPanel />
      <Toasts />
    </div>
  );
}
