/** Where keys belong to the element (typing, choosing), not to the list's shortcuts. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type);
  return false;
}

/** Buttons and links already do something on Enter. */
export function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], summary, [role="tab"]') !== null;
}

/** Regions marked data-own-keys (the details panel) keep arrows and Enter for themselves. */
export function inOwnKeysRegion(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[data-own-keys]') !== null;
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** A modal dialog is open: the page underneath takes no shortcuts. */
export function modalOpen(): boolean {
  return typeof document !== 'undefined' && document.querySelector('[aria-modal="true"]') !== null;
}
