import { create } from 'zustand';

/** `layers`: one image's layers, files and wasted space, opened from an image (not a tab of its own). */
export type View = 'images' | 'containers' | 'disk' | 'sharing' | 'layers';
const VIEWS: readonly View[] = ['images', 'containers', 'disk', 'sharing', 'layers'];

/** `#sharing` → 'sharing', `#layers/nginx%3A1.27` → 'layers'; anything else → null. */
export function viewOfHash(hash: string): View | null {
  const name = hash.replace(/^#/, '').split('/')[0]!;
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : null;
}

/** What a view's address names beyond the view: the image of `#layers/<ref>` (null when none, or malformed). */
export function subjectOfHash(hash: string): string | null {
  const slash = hash.indexOf('/');
  if (slash < 0) return null;
  try {
    const subject = decodeURIComponent(hash.slice(slash + 1));
    return subject === '' || subject.length > 512 ? null : subject;
  } catch {
    return null;
  }
}

const hashOf = (view: View, subject: string | null) => `#${view}${subject ? `/${encodeURIComponent(subject)}` : ''}`;

interface NavState {
  view: View;
  previous: View;
  /** `subject`: what the view shows (the layers page's image), so the address can bring it back. */
  show(view: View, subject?: string | null): void;
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
function record(view: View, subject: string | null): void {
  const hash = hashOf(view, subject);
  if (typeof window === 'undefined' || window.location.hash === hash) return;
  window.history.pushState({ view }, '', hash);
}

/** Which top-level view the window shows, and the one before it (where a page opened from it goes back to). */
export const useNav = create<NavState>()((set, get) => ({
  view: 'images',
  previous: 'images',
  show: (view, subject = null) => {
    if (get().view !== view) set((s) => ({ view, previous: s.view }));
    record(view, subject);
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
 * layers page names its image (`#layers/<ref>`): `openLayers` opens it again; `#layers` alone (no
 * image) opens the list instead.
 */
export function followBrowserHistory(openLayers: (ref: string) => void): () => void {
  const initial = viewOfHash(window.location.hash);
  const subject = subjectOfHash(window.location.hash);
  const start = initial === null || (initial === 'layers' && subject === null) ? 'images' : initial;
  window.history.replaceState({ view: start }, '', hashOf(start, start === 'layers' ? subject : null));
  useNav.getState().arrived(start);
  if (start === 'layers') openLayers(subject!);
  const onPop = () => {
    const view = viewOfHash(window.location.hash) ?? 'images';
    const ref = subjectOfHash(window.location.hash);
    // A layers address without an image (typed, or from an older page) has nothing to show there.
    if (view === 'layers' && ref === null) return useNav.getState().redirect('images');
    if (view === 'layers') openLayers(ref!);
    useNav.getState().arrived(view);
  };
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}
