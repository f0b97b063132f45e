import { useEffect, useState } from 'react';
import { api } from '../../api/client';

/** Where a file on the backend's machine goes by default: its Downloads folder, else the home folder. */
export function useHostFolder(): { dir: string; separator: '/' | '\\' } | null {
  const [folder, setFolder] = useState<{ dir: string; separator: '/' | '\\' } | null>(null);
  useEffect(() => {
    let live = true;
    api
      .call('host.paths')
      .then((p) => live && setFolder({ dir: p.downloads ?? p.home, separator: p.separator }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return folder;
}
