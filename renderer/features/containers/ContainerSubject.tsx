import type { ContainerBrief } from '../../../shared/removal-types';
import { shortId } from '../../../shared/format';
import { ContainerState } from './ContainerState';

/** The container a dialog acts on: its name, state and short ID, under the dialog's own label. */
export function ContainerSubject({ container, label }: { container: ContainerBrief; label: string }) {
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <span className="job-dialog-subject">
        <span className="mono job-dialog-subject-name" title={container.name}>
          {container.name}
        </span>
        <ContainerState state={container.state} />
        <span className="mono muted">{shortId(container.id)}</span>
      </span>
    </div>
  );
}
