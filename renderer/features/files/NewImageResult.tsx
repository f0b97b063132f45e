import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/archive-types';
import { shortId } from '../../../shared/format';
import { lead } from '../../i18n/lead';
import { useImagesView } from '../../stores/images-view-store';
import { useNav } from '../../stores/nav-store';
import { CheckIcon } from '../../ui/icons';

/**
 * The image a commit or an import made: its short ID and name. The Images list picks it up from the
 * engine's events by itself; "Show in Images" filters the list down to it.
 */
export function NewImageResult({ result, kind, onShown }: { result: ImportResult; kind: 'commit' | 'import'; onShown(): void }) {
  const { t } = useTranslation();
  const ns = kind === 'commit' ? 'commitDialog' : 'importDialog';
  const id = shortId(result.id);
  const show = () => {
    const view = useImagesView.getState();
    view.setUsage('all');
    view.setFilterText(id);
    useNav.getState().show('images');
    onShown();
  };
  return (
    <div className="job-dialog-result" data-testid={`${kind}-result`} data-image-id={result.id} data-name={result.name ?? ''}>
      <CheckIcon className="ok-icon" />
      <div>
        <p>{result.name ? t(`${ns}.doneNamed`, { id, name: result.name }) : t(`${ns}.doneUntagged`, { id })}</p>
        <p className="muted">
          {lead(t(`${ns}.doneNote`))}
          <button type="button" className="link-button" data-testid={`${kind}-show-images`} onClick={show}>
            {t(`${ns}.showImages`)}
          </button>
        </p>
      </div>
    </div>
  );
}
