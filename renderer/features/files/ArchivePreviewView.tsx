import { useTranslation } from 'react-i18next';
import type { ArchivePreview } from '../../../shared/archive-types';
import { shortId } from '../../../shared/format';
import { Size } from '../../ui/Size';
import { useStoreKind } from '../../stores/engine-store';
import { idOnLoad } from './load-items';

function IdCell({ id }: { id: string | null }) {
  const { t } = useTranslation();
  if (id === null) return <td className="muted">{t('files.load.idOnLoad')}</td>;
  return (
    <td className="mono" title={id}>
      {shortId(id)}
    </td>
  );
}

/** What an archive holds, image by image, and what each of its names would do to the local ones. */
export function ArchivePreviewView({ preview }: { preview: ArchivePreview }) {
  const { t } = useTranslation();
  const store = useStoreKind();
  const fates = new Map(preview.tagFates.map((f) => [f.tag, f]));
  return (
    <div className="archive-preview" data-testid="archive-preview">
      <p className="muted archive-facts">
        {t(`files.load.layout.${preview.layout === 'docker+oci' ? 'both' : preview.layout}`)} · {t(`files.load.compression.${preview.compression}`)} · {t('files.load.images', { count: preview.images.length })}
      </p>
      <table className="archive-images">
        <thead>
          <tr>
            <th>{t('files.load.colNames')}</th>
            <th>{t('files.load.colPlatforms')}</th>
            <th>{t('files.load.colLayers')}</th>
            <th>{t('files.load.colId')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.images.map((image) => (
            <tr key={image.configDigest} data-testid="archive-image">
              <td>
                {image.tags.length === 0 && <span className="muted">{t('files.load.noName')}</span>}
                {image.tags.map((tag) => {
                  const fate = fates.get(tag);
                  return (
                    <div key={tag} className="archive-tag" data-testid="archive-tag" data-fate={fate?.fate ?? 'new'}>
                      <code>{tag}</code> <span className={`fate fate-${fate?.fate ?? 'new'}`}>{t(`files.load.fate.${fate?.fate ?? 'new'}`, { id: fate?.currentId ? shortId(fate.currentId) : '' })}</span>
                    </div>
                  );
                })}
              </td>
              <td className="mono">{image.platforms.join(', ') || '—'}</td>
              <td>
                {image.layers} · <Size bytes={image.layerBytes} />
              </td>
              <IdCell id={idOnLoad(image, store)} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
