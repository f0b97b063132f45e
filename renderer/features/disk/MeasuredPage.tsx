import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../i18n/describe-error';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useMeasureWhenStale, type MeasureStore } from '../../stores/measure-store';
import { useClock } from '../../ui/clock-store';
import { CommandHint } from '../../ui/CommandHint';
import { ErrorView } from '../../ui/ErrorView';
import { RefreshIcon } from '../../ui/icons';
import { Spinner } from '../../ui/Spinner';
import { StateView } from '../../ui/StateView';

export interface MeasuredTexts {
  title: string;
  measuring: string;
  measuringWhy: string;
  remeasuring: string;
  measureAgainTitle: string;
  errorTitle: string;
  cancelledTitle: string;
}

interface MeasuredPageProps<R extends { measuredAt: number }> {
  /** Test IDs and class names: `${prefix}-page`, `${prefix}-status`, `${prefix}-refresh`… */
  prefix: string;
  store: MeasureStore<R>;
  texts: MeasuredTexts;
  icon: ReactNode;
  /** The docker command the measurement stands for, taught while it runs. */
  command: string;
  /** The toolbar's right side, before the measure button. */
  toolbarExtra?: ReactNode;
  /** What a measurement shows; `stale` once the engine changed since. */
  children: (result: R, stale: boolean) => ReactNode;
}

/**
 * A view of a figure the engine is slow to give (disk usage, shared layers): measured when the view
 * opens and again when the engine changes, with its toolbar, its waiting, cancelled and failed states.
 */
export function MeasuredPage<R extends { measuredAt: number }>({ prefix, store, texts, icon, command, toolbarExtra, children }: MeasuredPageProps<R>) {
  const { t, i18n } = useTranslation();
  const { jobId, result, error, cancelled, start, cancel } = store();
  const { key, listsReady, stale } = useMeasureWhenStale(store);
  const now = useClock((s) => s.now);
  const running = jobId !== null;
  const measure = () => void start(key);
  const cancelButton = (
    <button type="button" className="button" data-testid={`${prefix}-cancel`} onClick={() => void cancel()}>
      {t('disk.cancel')}
    </button>
  );

  let status = '';
  if (running) status = result ? texts.remeasuring : texts.measuring;
  else if (result) status = t('disk.measuredAt', { when: relativeTime(t, result.measuredAt, Math.max(now, result.measuredAt), 'in-sentence') });

  let body;
  if (result) {
    body = (
      <>
        {error && (
          <p className="disk-inline-error measured-error" role="alert">
            {t('disk.errorAgain', { message: describeError(i18n, error).title })}
          </p>
        )}
        {children(result, stale)}
      </>
    );
  } else if (error) {
    body = <ErrorView heading={texts.errorTitle} error={error} onRetry={measure} retryLabel={t('disk.measure')} testId={`${prefix}-error`} />;
  } else if (cancelled) {
    body = (
      <StateView icon={icon} title={texts.cancelledTitle} body={t('disk.cancelledBody')} testId={`${prefix}-cancelled`}>
        <button type="button" className="button button-primary" data-testid={`${prefix}-measure`} onClick={measure}>
          {t('disk.measure')}
        </button>
      </StateView>
    );
  } else {
    body = (
      <StateView icon={<Spinner size={22} label={texts.measuring} />} title={texts.measuring} body={texts.measuringWhy} testId={`${prefix}-loading`}>
        <div className="state-commands">
          <CommandHint command={command} />
        </div>
        {running && cancelButton}
      </StateView>
    );
  }

  return (
    <section className={`disk-page ${prefix}-page`} aria-label={texts.title} data-testid={`${prefix}-page`}>
      <div className="toolbar disk-toolbar">
        <div className="toolbar-row toolbar-row-actions">
          <h1 className="disk-title">{texts.title}</h1>
          <span className="images-count disk-status" data-testid={`${prefix}-status`} aria-live="polite" title={result ? exactDateTime(i18n.language, result.measuredAt) : undefined}>
            {running && result && <Spinner size={12} />}
            {status}
          </span>
          {toolbarExtra}
          {running && result ? (
            cancelButton
          ) : (
            <button type="button" className="button" data-testid={`${prefix}-refresh`} title={texts.measureAgainTitle} onClick={measure} disabled={running || !listsReady}>
              <RefreshIcon />
              <span>{t(result ? 'disk.measureAgain' : 'disk.measure')}</span>
            </button>
          )}
        </div>
      </div>
      <div className={`${prefix}-body`}>{body}</div>
    </section>
  );
}
