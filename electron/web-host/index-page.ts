import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { firstListElement, type FirstList } from '../../shared/first-list';

/**
 * How long the page's HTML waits for the list. Its head (and with it the script and style requests)
 * goes out at once, and the script is not run before the document ends, so the wait costs nothing
 * while the script loads; past this a slow engine would hold the page back, and the page asks itself.
 */
export const FIRST_LIST_WAIT_MS = 1000;

/**
 * index.html with the list written in: the part before `</body>` is sent at once, the list follows when
 * the engine has answered, so the first rows paint as the script starts instead of after its socket
 * has opened and asked (on 5,000 images, a third of the time to the first row).
 */
export async function serveIndex(staticDir: string, res: ServerResponse, headers: Record<string, string>, firstList: (waitMs: number) => Promise<FirstList | null>): Promise<void> {
  const html = await readFile(join(staticDir, 'index.html'), 'utf8');
  const cut = html.lastIndexOf('</body>');
  res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
  if (cut < 0) {
    res.end(html);
    return;
  }
  res.write(html.slice(0, cut));
  const list = await firstList(FIRST_LIST_WAIT_MS).catch(() => null);
  if (res.destroyed) return;
  if (list) res.write(firstListElement(list));
  res.end(html.slice(cut));
}
