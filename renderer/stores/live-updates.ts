import i18next from 'i18next';
import { api } from '../api/client';
import { describeError } from '../i18n/describe-error';
import { useToasts } from '../ui/toast-store';
import { useContainers } from './containers-store';
import { useDetails } from './details-store';
import { selectStoreKind, useEngine } from './engine-store';
import { setImagesBackgroundFailureHandler, useImages } from './images-store';
import { useUsage } from './usage-store';
import { useJobs } from './jobs-store';
import type { FirstList } from '../../shared/first-list';

/**
 * Connects the stores to the backend's events: engine status, the host link, and "images changed"
 * notices. With the list the web host wrote into the page, the window starts from it and lists again
 * only if the engine changed before this window's socket began to hear of changes. Returns the
 * unsubscribe for all of it.
 */
export function startLiveUpdates(first: Promise<FirstList | null> = Promise.resolve(null)): () => void {
  setImagesBackgroundFailureHandler((error) => {
    useToasts.getState().show('error', i18next.t('images.refreshFailed', { message: describeError(i18next, error).title }));
  });

  const stops = [
    api.onLink((up) => {
      useEngine.getState().setLink(up);
      // Jobs went on in the backend while this window could not hear about them.
      if (up) void useJobs.getState().sync();
      // The engine may have come or gone while the link was down.
      if (up) void useEngine.getState().refreshStatus();
    }),
    api.on('engine.status', (status) => useEngine.getState().setStatus(status)),
    api.on('job.update', (update) => {
      useUsage.getState().update(update);
      useJobs.getState().update(update);
    }),
    api.on('jobs.dismissed', (d) => useJobs.getState().dismissed(d)),
    api.on('engine.changed', (change) => {
      if (change.resync || change.kinds.includes('images')) {
        if (change.resync || change.imageRefs === null) void useImages.getState().refresh();
        else void useImages.getState().imagesChanged(change.imageRefs);
        useUsage.getState().invalidate();
      }
      if (change.resync || change.kinds.includes('containers')) void useContainers.getState().refresh();
    }),
    useEngine.subscribe((state, prev) => {
      if (state.status?.state !== 'connected' || prev.status?.state === 'connected') return;
      // The first answer only confirms what the lists asked at start already assume.
      const firstAnswer = prev.status === null;
      if (!firstAnswer || useImages.getState().status === 'error') void useImages.getState().refresh();
      if (!firstAnswer || useContainers.getState().error !== null) void useContainers.getState().refresh();
    }),
    useEngine.subscribe((state, prev) => {
      if (selectStoreKind(state) !== selectStoreKind(prev)) useImages.getState().storeKnown();
    }),
    useImages.subscribe((state, prev) => {
      if (state.version !== prev.version) useDetails.getState().listChanged(state.rows);
    }),
  ];
  // The list comes with the page (web host) or is asked for as soon as the page is parsed, beside
  // the engine's status rather than after it: on a big host the list is what the user waits for.
  void useEngine.getState().refreshStatus();
  void first.then((list) => {
    if (!list) return useImages.getState().refresh();
    // Whatever this window heard or fetched meanwhile is newer than the page's list.
    if (useImages.getState().status !== 'idle') return;
    if (useEngine.getState().status === null) useEngine.getState().setStatus(list.status);
    useImages.getState().seed(list.images);
    // Asked once the socket is open, and so once this window hears every later change as an event.
    return api
      .call('images.changedSince', { generation: list.generation })
      .catch(() => true)
      .then((changed) => {
        if (changed) void useImages.getState().refresh();
      });
  });
  void useContainers.getState().refresh();
  return () => {
    for (const stop of stops) stop();
  };
}
