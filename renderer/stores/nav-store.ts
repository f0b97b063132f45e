import { create } from 'zustand';

/** `layers`: one image's layers, files and wasted space, opened from an image (not a tab of its own). */
export type View = 'images' | 'containers' | 'disk' | 'sharing' | 'layers';
const VIEWS: readonly View[] = ['images', 'containers', 'disk', 'sharing', 'layers'];

/** `#sharing` → 'sharing'; anything else → null. */
export function viewOfHash(hash: string): View | null {
  const name = hash.replace(/^#/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : null;
}

interface NavState {
  view: View;
  previous: View;
  show(view: View): void;
  back(): void;
  /** The browser moved through its history (Back, Forward): show what it names without a new entry. */
  arrived(view: View): void;
  /**
   * Shows `view` in place of the current entry: for a page that cannot be shown (the layers page with no
   * image), so Back does not return to it and bounce forward again.
   */
  redirect(view: View): void;
}

/** The browser's history, where there is one: each view is an entry, so Back and Forward move between views. */
function record(view: View): void {
  if (typeof window === 'undefined' || window.location.hash === `#${view}`) return;
  window.history.pushState({ view }, '', `#${view}`);
}

/** Which top-level view the window shows, and the one before it (where a page opened from it goes back to). */
export const useNav = create<NavState>()((set, get) => ({
  view: 'images',
  previous: 'images',
  show: (view) => {
    if (get().view === view) return;
    set((s) => ({ view, previous: s.view }));
    record(view);
  },
  back: () => get().show(get().previous === get().view ? 'images' : get().previous),
  arrived: (view) => set((s) => (s.view === view ? s : { view, previous: s.view })),
  redirect: (view) => {
    if (typeof window !== 'undefined') window.history.replaceState({ view }, '', `#${view}`);
    get().arrived(view);
  },
}));

/**
 * Follows the browser's Back and Forward, and opens the view a reloaded page's address names. The
 * layers page needs an image chosen first, so a reload of `#layers` opens the image list instead.
 */
export function followBrowserHistory(): () => void {
  const initial = viewOfHash(window.location.hash);
  const start = initial === null || initial === 'layers' ? 'images' : initial;
  window.history.replaceState({ view: start }, '', `#${start}`);
  useNav.getState().arrived(start);
  const onPop = () => useNav.getState().arrived(viewOfHash(window.location.hash) ?? 'images');
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
