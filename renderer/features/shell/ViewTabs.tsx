import { useTranslation } from 'react-i18next';
import { useNav, type View } from '../../stores/nav-store';
import { BoxIcon, ContainerIcon, DiskIcon, LayersIcon } from '../../ui/icons';

const VIEWS: { view: Exclude<View, 'layers'>; icon: typeof BoxIcon }[] = [
  { view: 'images', icon: BoxIcon },
  { view: 'containers', icon: ContainerIcon },
  { view: 'disk', icon: DiskIcon },
  { view: 'sharing', icon: LayersIcon },
];

/** Images (`docker images`), Containers (`docker ps -a`), Disk usage (`docker system df`) and Shared layers, side by side in the header. */
export function ViewTabs() {
  const { t } = useTranslation();
  const current = useNav((s) => s.view);
  return (
    <nav className="view-tabs" aria-label={t('nav.label')}>
      {VIEWS.map(({ view, icon: Icon }) => (
        <button
          key={view}
          type="button"
          className={`view-tab${current === view ? ' is-current' : ''}`}
          aria-current={current === view ? 'page' : undefined}
          data-testid={`view-${view}`}
          onClick={() => useNav.getState().show(view)}
        >
          <Icon size={14} />
          <span>{t(`nav.${view}`)}</span>
        </button>
      ))}
    </nav>
  );
}
