import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../../shared/format';
import { NONE } from '../../../shared/image-rows';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useClock } from '../../ui/clock-store';
import { Size } from '../../ui/Size';
import { TrashIcon } from '../../ui/icons';
import { openRemoveImage } from '../operations/open-operations';
import type { DiskImageList as List } from './disk-view';

interface DiskImageListProps {
  title: string;
  hint: string;
  list: List;
  /** What the third column says: how many containers use the image, or when it was made. */
  detail: 'containers' | 'created';
  empty: string;
  /** A button for the whole list, beside its title. */
  action?: ReactNode;
  testId: string;
}

/** A short list of images, each one click from the preview of its removal (the operations' own dialog). */
export function DiskImageList({ title, hint, list, detail, empty, action, testId }: DiskImageListProps) {
  const { t, i18n } = useTranslation();
  const now = useClock((s) => s.now);
  const headingId = `${testId}-heading`;
  return (
    <section className="disk-card disk-images" data-testid={testId} data-count={list.count} aria-labelledby={headingId}>
      <header className="disk-card-head">
        <h2 id={headingId}>{title}</h2>
        <span className="disk-card-count">{t('disk.imageCount', { count: list.count })}</span>
        <span className="disk-card-spacer" />
        {action}
      </header>
      <p className="disk-card-hint">{hint}</p>
      {list.rows.length === 0 ? (
        <p className="disk-empty" data-testid={`${testId}-empty`}>
          {empty}
        </p>
      ) : (
        <table className="disk-image-table">
          <colgroup>
            <col />
            <col className="col-size" />
            <col className="col-detail" />
            <col className="col-action" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('disk.columnImage')}</th>
              <th scope="col" className="num">
                {t('disk.columnImageSize')}
              </th>
              <th scope="col">{t(detail === 'containers' ? 'disk.columnContainers' : 'disk.columnCreated')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('disk.columnActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => {
              const names = [...(row.name === NONE ? [] : [row.name]), ...row.otherNames, row.shortId].join('\n');
              return (
                <tr key={row.id} data-testid="disk-image" data-image-id={row.id} data-size={row.size}>
                  <td className="disk-image-name" title={names}>
                    <span className="disk-image-ref" data-testid="disk-image-name">
                      {row.name}
                    </span>
                    {row.name === NONE && <span className="mono disk-image-id">{row.shortId}</span>}
                    {row.otherNames.length > 0 && <span className="disk-image-others">{t('disk.otherNames', { count: row.otherNames.length })}</span>}
                  </td>
                  <td className="num">
                    <Size bytes={row.size} />
                  </td>
                  <td className="disk-image-detail">
                    {detail === 'containers' ? (
                      row.containers > 0 ? (
                        <span className="disk-in-use">{t('disk.usedBy', { count: row.containers })}</span>
                      ) : (
                        <span className="muted">{t('disk.unused')}</span>
                      )
                    ) : (
                      <span title={exactDateTime(i18n.language, row.created * 1000)}>{relativeTime(t, row.created * 1000, Math.max(now, row.created * 1000))}</span>
                    )}
                  </td>
                  <td className="disk-image-action">
                    <button
                      type="button"
                      className="button button-small"
                      data-testid="disk-image-remove"
                      title={t('disk.removeTitle', { name: row.name === NONE ? row.shortId : row.name })}
                      onClick={() => openRemoveImage(row.id)}
                    >
                      <TrashIcon size={12} />
                      {t('disk.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {list.more > 0 && (
        <p className="disk-more" data-testid={`${testId}-more`}>
          {t('disk.more', { count: list.more, size: formatSize(list.moreSize) })}
        </p>
      )}
    </section>
  );
}
