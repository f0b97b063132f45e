import { useTranslation } from 'react-i18next';
import type { ExportResult, ImportResult, LoadResult, SaveResult } from '../../../shared/archive-types';
import { shortId } from '../../../shared/format';
import type { PullResult, PushResult } from '../../../shared/registry-types';
import type { JobUpdate } from '../../../shared/job-types';
import { BreakableText } from '../../ui/BreakableText';
import { Size } from '../../ui/Size';

/** What a finished job produced, in a line or two: the file written, the images loaded or made. */
export function TaskResult({ job }: { job: JobUpdate }) {
  const { t } = useTranslation();
  if (job.state !== 'done' || job.result === undefined) return null;
  switch (job.name) {
    case 'images.save':
    case 'images.download': {
      const r = job.result as SaveResult;
      return (
        <div className="task-result" data-testid="task-result">
          <BreakableText text={r.path} /> · <Size bytes={r.bytes} />
          {r.platforms.length > 0 && <div className="task-result-line">{t('tasks.platforms', { platforms: r.platforms.join(', ') })}</div>}
        </div>
      );
    }
    case 'archives.load': {
      const r = job.result as LoadResult;
      return (
        <ul className="task-result task-result-list" data-testid="task-result">
          {r.loaded.map((l) => (
            <li key={`${l.name ?? ''}${l.id}`}>
              <code>{l.name ?? t('tasks.untagged')}</code> <span className="task-result-id">{shortId(l.id)}</span>
            </li>
          ))}
        </ul>
      );
    }
    case 'images.import':
    case 'containers.commit': {
      const r = job.result as ImportResult;
      return (
        <div className="task-result" data-testid="task-result">
          <code>{r.name ?? t('tasks.untagged')}</code> <span className="task-result-id">{shortId(r.id)}</span>
        </div>
      );
    }
    case 'containers.export': {
      const r = job.result as ExportResult;
      return (
        <div className="task-result" data-testid="task-result">
          <BreakableText text={r.path} /> · <Size bytes={r.bytes} />
        </div>
      );
    }
    case 'images.pull': {
      const r = job.result as PullResult;
      return (
        <div className="task-result" data-testid="task-result">
          <code>{r.familiar}</code> <span className="task-result-id">{shortId(r.imageId)}</span>
        </div>
      );
    }
    case 'images.push': {
      const r = job.result as PushResult;
      return (
        <div className="task-result" data-testid="task-result">
          <BreakableText text={r.reference} /> {r.digest && <span className="task-result-id">{r.digest}</span>}
        </div>
      );
    }
    default:
      return null;
  }
}
