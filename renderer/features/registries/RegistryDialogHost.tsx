import { useRegistryDialog } from '../../stores/registry-dialog-store';
import { PullDialog } from './PullDialog';
import { PushDialog } from './PushDialog';
import { RegistriesDialog } from './RegistriesDialog';

/** Mounts whichever registry dialog is open. */
export function RegistryDialogHost() {
  const dialog = useRegistryDialog((s) => s.dialog);
  const close = useRegistryDialog((s) => s.close);
  const key = useRegistryDialog((s) => s.opened);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'pull':
      return <PullDialog key={key} initial={dialog.ref ?? ''} onClose={close} />;
    case 'push':
      return <PushDialog key={key} source={dialog.source} onClose={close} />;
    case 'registries':
      return <RegistriesDialog key={key} tab={dialog.tab} onClose={close} />;
  }
}
