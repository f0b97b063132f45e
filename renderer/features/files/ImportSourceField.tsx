import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hostFiles, type PickedFile } from '../../api/host-files';
import { BreakableText } from '../../ui/BreakableText';
import { Size } from '../../ui/Size';
import { importUrlProblem, MAX_IMPORT_URL, type ImportSourceChoice } from './import-source';

const KINDS = ['file', 'url'] as const;

/**
 * Where `docker import` reads from: a tar file (picked natively on the desktop, from the browser on
 * the web) or a URL. Switching back and forth keeps what was picked or typed on the other side.
 */
export function ImportSourceField({ source, onChange }: { source: ImportSourceChoice; onChange(source: ImportSourceChoice): void }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<PickedFile | null>(source.kind === 'file' ? source.file : null);
  const [url, setUrl] = useState(source.kind === 'url' ? source.url : '');
  const urlProblem = source.kind === 'url' && url.trim() !== '' ? importUrlProblem(url) : null;

  const pickFile = (picked: PickedFile) => {
    setFile(picked);
    onChange({ kind: 'file', file: picked });
  };

  const choose = async () => {
    if (hostFiles.kind === 'web') return inputRef.current?.click();
    const [picked] = await hostFiles.chooseOpenPaths(false, [
      { name: t('importDialog.fileFilter'), extensions: ['tar', 'gz', 'tgz', 'zst'] },
      { name: t('importDialog.allFiles'), extensions: ['*'] },
    ]);
    if (picked) pickFile(picked);
  };

  return (
    <div className="field">
      <span className="field-label">{t('importDialog.source')}</span>
      <div className="segmented job-dialog-kinds" role="radiogroup" aria-label={t('importDialog.source')}>
        {KINDS.map((kind) => (
          <label key={kind} className={`segment${source.kind === kind ? ' is-on' : ''}`} data-testid={`import-source-${kind}`}>
            <input type="radio" name="import-source" value={kind} checked={source.kind === kind} onChange={() => onChange(kind === 'file' ? { kind, file } : { kind, url })} />
            <span>{kind === 'file' ? t('importDialog.sourceFile') : t('importDialog.sourceUrl')}</span>
          </label>
        ))}
      </div>
      {source.kind === 'file' ? (
        <div className="job-dialog-file">
          <span className="job-dialog-path-row">
            <span className={`job-dialog-path mono${file ? '' : ' muted'}`} data-testid="import-file" data-kind={file?.kind ?? ''}>
              {file ? <BreakableText text={file.kind === 'path' ? file.path : file.name} /> : t('importDialog.noFile')}
              {file && file.bytes >= 0 && (
                <>
                  {' · '}
                  <Size bytes={file.bytes} />
                </>
              )}
            </span>
            <button type="button" className="button" data-testid="import-choose" onClick={() => void choose()}>
              {file ? t('importDialog.chooseOther') : t('importDialog.chooseFile')}
            </button>
          </span>
          {hostFiles.kind === 'web' && (
            <input
              ref={inputRef}
              type="file"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              data-testid="import-file-input"
              onChange={(e) => {
                const picked = e.target.files?.[0];
                if (picked) pickFile(hostFiles.pick(picked));
                // The same file picked again after a failure must still fire a change.
                e.target.value = '';
              }}
            />
          )}
          {file?.kind === 'upload-needed' && <span className="field-note">{t('importDialog.uploadNote')}</span>}
        </div>
      ) : (
        <label className="job-dialog-url">
          <span className="visually-hidden">{t('importDialog.url')}</span>
          <input
            className={`text-input mono${urlProblem ? ' is-invalid' : ''}`}
            data-testid="import-url"
            type="url"
            value={url}
            maxLength={MAX_IMPORT_URL + 1}
            placeholder="https://example.com/rootfs.tar.gz"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={urlProblem !== null}
            onChange={(e) => {
              setUrl(e.target.value);
              onChange({ kind: 'url', url: e.target.value });
            }}
          />
          {urlProblem && (
            <span className="field-error" data-testid="import-url-problem" data-problem={urlProblem}>
              {t(`importDialog.urlProblems.${urlProblem}`)}
            </span>
          )}
          <span className="field-note">{t('importDialog.urlNote')}</span>
        </label>
      )}
    </div>
  );
}
