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
