import { FIRST_LIST_ELEMENT_ID, parseFirstList, type FirstList } from '../../shared/first-list';

/**
 * The list the web host wrote into this page, read once: the element goes, so a long list's text does
 * not stay in the document (the desktop app's page has none).
 */
export function takeFirstList(): FirstList | null {
  const element = document.getElementById(FIRST_LIST_ELEMENT_ID);
  if (!element) return null;
  element.remove();
  return parseFirstList(element.textContent);
}

/**
 * The same, once the page has been parsed to its end: the entry script may run before the host has
 * sent the list (it runs as soon as it is fetched), and the window shows its frame meanwhile.
 */
export function firstListWhenParsed(): Promise<FirstList | null> {
  if (document.readyState !== 'loading') return Promise.resolve(takeFirstList());
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(takeFirstList()), { once: true }));
}
