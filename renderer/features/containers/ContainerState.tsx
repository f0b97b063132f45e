import { useTranslation } from 'react-i18next';
import { isActiveContainer } from '../../../shared/container-state';

const KNOWN = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (s: string): s is Known => (KNOWN as readonly string[]).includes(s);

/** A container's state in the reader's language, coloured by whether it holds its image hard. */
export function ContainerState({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge state-badge state-${isActiveContainer(state) ? 'active' : 'stopped'}`} data-state={state} title={state}>
      {isKnown(state) ? t(`containerState.${state}`) : state}
    </span>
  );
}
