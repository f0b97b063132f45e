import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';
import type { TransferProgress } from '../../../shared/registry-types';
import { engineStatusText } from './engine-status';

/** Every layer of a pull or push as the engine reports it: waiting, moving bytes, done, or already there. */
export function TransferLayers({ progress }: { progress: TransferProgress | null }) {
  const { t } = useTranslation();
  if (!progress || progress.layers.length === 0) return progress?.status ? <p className="muted transfer-status">{engineStatusText(t, progress.status)}</p> : null;
  return (
    <div className="transfer" data-testid="transfer-layers">
      <ul className="transfer-layers">
        {progress.layers.map((l) => {
          // A layer that is finished is full whether or not the engine said its size.
          const finished = l.state === 'done' || l.state === 'pushed' || l.state === 'exists' || l.state === 'mounted' || l.state === 'downloaded';
          const fraction = finished ? 1 : l.total ? Math.min(1, l.current / l.total) : null;
          return (
            <li key={l.id} className={`transfer-layer transfer-${l.state}`} data-testid="transfer-layer" data-state={l.state}>
              <code className="transfer-id">{l.id}</code>
              <span className="transfer-state">{t(`registries.layer.${l.state}`)}</span>
              <span className="transfer-bar" aria-hidden="true">
                <span className="transfer-bar-fill" style={{ width: `${((fraction ?? 0) * 100).toFixed(1)}%` }} />
              </span>
              <span className="transfer-bytes">{l.total ? `${formatSize(l.current)} / ${formatSize(l.total)}` : l.current > 0 ? formatSize(l.current) : ''}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
