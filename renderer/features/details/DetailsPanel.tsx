import { useTranslation } from 'react-i18next';
import { rowReference } from '../../../shared/image-rows';
import { shortId } from '../../../shared/format';
import { useDetails, type DetailTab } from '../../stores/details-store';
import { CommandHint } from '../../ui/CommandHint';
import { ErrorView } from '../../ui/ErrorView';
import { BoxIcon, CloseIcon, LayersIcon, TagIcon, TrashIcon, DownloadIcon, UploadIcon } from '../../ui/icons';
import { useRegistryDialog } from '../../stores/registry-dialog-store';
import { useLayers } from '../layers/layers-store';
import { Spinner } from '../../ui/Spinner';
import { StateView } from '../../ui/StateView';
import { Tabs, type TabSpec } from '../../ui/Tabs';
import { historyCommand, inspectCommand } from '../images/docker-commands';
import { openRemoveImage, openTag } from '../operations/open-operations';
import { saveRefs } from '../files/save-refs';
import { useFilesDialog } from '../../stores/files-dialog-store';
import { ContainersTab } from './ContainersTab';
import { InspectTab } from './InspectTab';
import { LayersTab } from './LayersTab';
import { OverviewTab } from './OverviewTab';

const TABS = [
  { key: 'overview', labelKey: 'details.tabOverview', testId: 'tab-overview' },
  { key: 'layers', labelKey: 'details.tabLayers', testId: 'tab-layers' },
  { key: 'inspect', labelKey: 'details.tabInspect', testId: 'tab-inspect' },
  { key: 'containers', labelKey: 'details.tabContainers', testId: 'tab-containers' },
] as const;

export function DetailsPanel() {
  const { t } = useTranslation();
  const { row, tab, details, history, loading, error, gone, setTab, close } = useDetails();
  if (!row) return null;

  const ref = rowReference(row);
  const command = tab === 'layers' ? historyCommand(ref) : inspectCommand(ref);
  const tabs: TabSpec<DetailTab>[] = TABS.map((spec) => ({ key: spec.key, testId: spec.testId, label: t(spec.labelKey) }));

  let content;
  if (gone) {
    content = <StateView icon={<BoxIcon size={26} />} title={t('details.goneTitle')} body={t('details.goneBody')} testId="details-gone" />;
  } else if (error) {
    content = <ErrorView heading={t('details.errorTitle')} error={error} onRetry={() => useDetails.getState().open(row)} testId="details-error" />;
  } else if (tab === 'containers') {
    content = <ContainersTab imageId={row.imageId} reference={ref} />;
  } else if (loading || !details || !history) {
    content = (
      <div className="details-loading">
        <Spinner size={20} label={t('details.loading')} />
        <span>{t('details.loading')}</span>
      </div>
    );
  } else if (tab === 'overview') {
    content = <OverviewTab details={details} listSize={row?.size ?? null} />;
  } else if (tab === 'layers') {
    content = <LayersTab history={history} details={details} />;
  } else {
    content = <InspectTab key={details.id} raw={details.raw} />;
  }

  return (
    <aside className="details-panel" data-testid="details-panel" data-image-id={row.imageId} data-gone={gone ? 'true' : 'false'} data-own-keys aria-label={t('details.title')}>
      <div className="details-header">
        <div className="details-heading">
          <h2 className={`details-title mono${row.tag === '<none>' ? ' none-value' : ''}`} title={ref}>
            {row.tag === '<none>' && row.repository === '<none>' ? '<none>:<none>' : ref}
          </h2>
          <span className="details-subtitle mono" title={row.imageId}>
            {shortId(row.imageId)}
          </span>
        </div>
        <div className="details-actions">
          <button type="button" className="button button-small" data-testid="action-tag" title={t('actions.tagTitle')} onClick={() => openTag(row)} disabled={gone}>
            <TagIcon size={14} />
            {t('actions.tag')}
          </button>
          <button type="button" className="button button-small" data-testid="action-save" title={t('files.save.openTitle', { count: 1 })} onClick={() => useFilesDialog.getState().open({ kind: 'save', refs: saveRefs([row]) })} disabled={gone}>
            <DownloadIcon size={14} />
            {t('files.save.open')}
          </button>
          <button type="button" className="button button-small" data-testid="action-push" title={t('registries.push.openTitle')} onClick={() => useRegistryDialog.getState().open({ kind: 'push', source: ref })} disabled={gone}>
            <UploadIcon size={14} />
            {t('registries.push.open')}
          </button>
          <button type="button" className="button button-small" data-testid="action-layers" title={t('insight.openTitle')} onClick={() => useLayers.getState().open(ref)} disabled={gone}>
            <LayersIcon size={14} />
            {t('insight.open')}
          </button>
          <button type="button" className="button button-small" data-testid="action-remove" title={t('actions.removeImageTitle')} onClick={() => openRemoveImage(row.imageId)} disabled={gone}>
            <TrashIcon size={14} />
            {t('actions.remove')}
          </button>
        </div>
        <button type="button" className="icon-button" data-testid="details-close" aria-label={t('details.close')} title={t('details.close')} onClick={close}>
          <CloseIcon />
        </button>
      </div>
      <Tabs tabs={tabs} active={tab} onChange={setTab} label={t('details.tabsLabel')} idPrefix="details" />
      {/* The Containers section teaches per action (docker rm NAME); no single listing command is exact. */}
      {tab !== 'containers' && (
        <div className="details-command">
          <CommandHint command={command} />
        </div>
      )}
      {/* One element per tab, so a tab opens at its top, not at the place the previous one was scrolled to. */}
      <div key={tab} className="details-content" role="tabpanel" id={`details-panel-${tab}`} aria-labelledby={`details-tab-${tab}`} tabIndex={-1}>
        {content}
      </div>
    </aside>
  );
}
