import { createElement, useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngine } from '../stores/engine-store';
import { Spinner } from './Spinner';

interface Placeholders {
  /** Shown while the code is on its way (a view opened for the first time). */
  loading?: ComponentType;
  /** Shown when it could not be fetched. */
  failed?: ComponentType;
}

/**
 * A part of the page whose code loads after the first paint (see App). Unlike React.lazy, a load that
 * fails — the web host went away while the page fetched it — never takes the whole page down: the part
 * shows its `failed` placeholder (or nothing), and loading is tried again each time it is shown and
 * whenever the link to the host comes back.
 */
export function later<P extends object>(load: () => Promise<ComponentType<P>>, placeholders: Placeholders = {}): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchPart = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (err: unknown) => {
        loading = null;
        throw err;
      },
    ));
  return function Later(props: P) {
    const linkUp = useEngine((s) => s.linkUp);
    const [failed, setFailed] = useState(false);
    const [, setReady] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let current = true;
      fetchPart().then(
        () => current && setReady(true),
        () => current && setFailed(true),
      );
      return () => {
        current = false;
      };
    }, [linkUp]);
    if (loaded) return createElement(loaded, props);
    const placeholder = failed ? placeholders.failed : placeholders.loading;
    return placeholder ? createElement(placeholder) : null;
  };
}

/** A view on its way: a spinner that fades in only if the wait is long enough to notice (see CSS). */
export function PartLoading() {
  const { t } = useTranslation();
  return (
    <div className="part-loading" data-testid="part-loading">
      <Spinner size={20} label={t('app.partLoading')} />
    </div>
  );
}

/** What a view whose code could not be fetched shows in its place. */
export function PartNotLoaded() {
  const { t } = useTranslation();
  return (
    <div className="part-not-loaded" role="alert" data-testid="part-not-loaded">
      {t('app.partNotLoaded')}
    </div>
  );
}
