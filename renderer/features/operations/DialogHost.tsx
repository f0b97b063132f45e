import { PruneDialog } from './PruneDialog';
import { RemoveDialog } from './RemoveDialog';
import { TagDialog } from './TagDialog';

/** The operations' dialogs; each renders only while its store says it is open. */
export function DialogHost() {
  return (
    <>
      <TagDialog />
      <RemoveDialog />
      <PruneDialog />
    </>
  );
}
