import { describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../../shared/engine-types';
import type { ImageSummary } from '../../shared/image-types';

const image = (id: string, parentId = '', repoTags: string[] = []): ImageSummary => ({ id, parentId, repoTags, repoDigests: [], created: 1, size: 1, labels: {}, containers: -1 });
// A nameless image with a tagged child: not dangling on the legacy store, dangling on containerd.
const list = [image('sha256:p'), image('sha256:c', 'sha256:p', ['app:1'])];
const connected: EngineStatus = { state: 'connected', host: 'unix:///x', hostSource: 'option', store: { kind: 'containerd', driver: 'overlayfs' } };

// The engine's status is held back, so the list arrives first, as it can at start-up.
let answerStatus: (s: EngineStatus) => void = () => undefined;
const answers: Record<string, () => Promise<unknown>> = {
  'engine.status': () => new Promise((resolve) => (answerStatus = resolve)),
  'images.list': async () => list,
  'containers.list': async () => [],
};
vi.mock('../api/client', () => ({
  api: { call: (name: string) => answers[name]!(), on: () => () => undefined, onLink: () => () => undefined },
}));

const { useImages } = await import('./images-store');
const { startLiveUpdates } = await import('./live-updates');

describe('the image rows when the list arrives before the engine says which store it has', () => {
  it('counts a nameless parent as dangling once the engine turns out to use the containerd store', async () => {
    const stop = startLiveUpdates();
    await vi.waitFor(() => expect(useImages.getState().status).toBe('ready'));
    const parentRow = () => useImages.getState().rows.find((r) => r.imageId === 'sha256:p');
    expect(parentRow()?.dangling).toBe(false);

    answerStatus(connected);
    await vi.waitFor(() => expect(parentRow()?.dangling).toBe(true));
    stop();
  });
});
