import { useTranslation } from 'react-i18next';
import type { UsageFilter } from './image-view';
import { parseQuery } from '../../../shared/list-filters';
import { CommandHint } from '../../ui/CommandHint';
import { BoxIcon, SearchIcon } from '../../ui/icons';
import { StateView } from '../../ui/StateView';

export function ImagesEmpty() {
  const { t } = useTranslation();
  return (
    <StateView icon={<BoxIcon size={26} />} title={t('images.emptyTitle')} body={t('images.emptyBody')} testId="images-empty">
      <div className="state-commands">
        <div className="state-command-label">{t('images.emptyPull')}</div>
        <CommandHint command="docker pull busybox" />
        <div className="state-command-label">{t('images.emptyLoad')}</div>
        <CommandHint command="docker load -i image.tar" />
      </div>
    </StateView>
  );
}

/** The engine has images, but the filter or the usage choice hides them all. */
export function ImagesNoMatch({ filterText, usage, onClear, onShowAll }: { filterText: string; usage: UsageFilter; onClear(): void; onShowAll(): void }) {
  const { t } = useTranslation();
  const byText = filterText.trim() !== '';
  // A --filter term the CLI would refuse says so, instead of just finding nothing.
  const problem = byText ? parseQuery(filterText).problems[0] : undefined;
  return (
    <StateView
      icon={<SearchIcon size={26} />}
      title={byText ? t('images.noMatchTitle', { filter: filterText.trim() }) : t(`images.noUsageTitle.${usage}`)}
      body={problem ? t(`images.filterProblems.${problem.problem}`, { term: problem.term }) : byText ? t('images.noMatchBody') : usage === 'dangling' ? t('images.noDanglingBody') : undefined}
      testId="images-no-match"
    >
      {byText ? (
        <button type="button" className="button" onClick={onClear}>
          {t('images.clearFilter')}
        </button>
      ) : (
        usage !== 'all' && (
          <button type="button" className="button" onClick={onShowAll}>
            {t('images.showEvery')}
          </button>
        )
      )}
    </StateView>
  );
}

const SKELETON_ROWS = 10;

/** Placeholder rows in the table's own grid, so the layout does not jump when data lands. */
export function ImagesLoading() {
  const { t } = useTranslation();
  return (
    <div className="grid-scroll skeleton" data-testid="images-loading" role="status" aria-label={t('images.loading')}>
      <div className="grid-header">
        {['col-select', 'col-repository', 'col-tag', 'col-id', 'col-created', 'col-size', 'col-use', 'col-actions', 'col-open'].map((c) => (
          <div key={c} className={`grid-cell grid-head ${c}`} />
        ))}
      </div>
      {Array.from({ length: SKELETON_ROWS }, (_, i) => (
        <div key={i} className="grid-row skeleton-row">
          <div className="grid-cell col-select" />
          {['col-repository', 'col-tag', 'col-id', 'col-created', 'col-size'].map((c) => (
            <div key={c} className={`grid-cell ${c}`}>
              <span className="skeleton-bar" />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
