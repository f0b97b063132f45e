import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStoreKind } from '../../stores/engine-store';
import { Spinner } from '../../ui/Spinner';

/** How long a preview may take before the wait deserves an explanation. */
const EXPLAIN_AFTER_MS = 2500;

/**
 * The spinner of a preview under way. On the containerd store a first preview reads every image once
 * (Docker before 27 lists no manifests), which at a few hundred images takes seconds: after a moment
 * the wait says so, and that the next preview will not wait.
 */
export function PlanWaiting({ text, testId }: { text: string; testId?: string }) {
  const { t } = useTranslation();
  const containerd = useStoreKind() === 'containerd';
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), EXPLAIN_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="dialog-loading" data-testid={testId}>
      <Spinner size={18} />
      <span>
        {text}
        {slow && containerd && (
          <span className="muted plan-waiting-why" data-testid="plan-waiting-why">
            {t('plan.readingContent')}
          </span>
        )}
      </span>
    </div>
  );
}
