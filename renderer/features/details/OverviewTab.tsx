import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageDetails } from '../../../shared/image-types';
import { exactDateTime, relativeTime } from '../../i18n/relative-time';
import { useClock } from '../../ui/clock-store';
import { BreakableText } from '../../ui/BreakableText';
import { CopyButton } from '../../ui/CopyButton';
import { TagChips } from './TagChips';
import { PlatformFact, SizeFact } from './StoreFacts';
import { useStoreKind } from '../../stores/engine-store';
import { UsageFact } from './UsageFact';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function Dash() {
  const { t } = useTranslation();
  return <span className="empty-value">{t('overview.empty')}</span>;
}

function Text({ value, mono }: { value: string; mono?: boolean }) {
  return value ? <span className={mono ? 'mono break-all' : undefined}>{value}</span> : <Dash />;
}

/** Cmd and Entrypoint in exec form, exactly as the image stores them. */
function Command({ value }: { value: string[] | null }) {
  return value && value.length > 0 ? <code className="mono code-block">{JSON.stringify(value)}</code> : <Dash />;
}

function KeyValues({ pairs }: { pairs: Array<[string, string]> }) {
  const { t } = useTranslation();
  if (pairs.length === 0) return <Dash />;
  return (
    <table className="kv-table">
      <thead>
        <tr>
          <th>{t('overview.name')}</th>
          <th>{t('overview.value')}</th>
        </tr>
      </thead>
      <tbody>
        {pairs.map(([k, v], i) => (
          <tr key={`${k}-${i}`}>
            <td className="mono">
              <BreakableText text={k} />
            </td>
            <td className="mono">{v === '' ? <Dash /> : <BreakableText text={v} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Chips({ items, mono }: { items: string[]; mono?: boolean }) {
  if (items.length === 0) return <Dash />;
  return (
    <ul className="chips">
      {items.map((item) => (
        <li key={item} className={`chip${mono ? ' mono' : ''}`}>
          {item}
        </li>
      ))}
    </ul>
  );
}

const splitEnv = (entry: string): [string, string] => {
  const at = entry.indexOf('=');
  return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
};

export function OverviewTab({ details, listSize }: { details: ImageDetails; listSize: number | null }) {
  const { t, i18n } = useTranslation();
  const now = useClock((s) => s.now);
  const store = useStoreKind();
  const created = Date.parse(details.created);
  return (
    <dl className="facts">
      <Fact label={t('overview.id')}>
        <span className="fact-with-action">
          <span className="mono break-all" data-testid="overview-id">
            {details.id}
          </span>
          <CopyButton text={details.id} label={t('overview.copyId')} />
        </span>
      </Fact>
      <Fact label={t('overview.tags')} testId="overview-tags">
        {details.repoTags.length > 0 ? <TagChips tags={details.repoTags} /> : <span className="none-value">{t('overview.noTags')}</span>}
      </Fact>
      <Fact label={t('overview.digests')}>
        {details.repoDigests.length > 0 ? (
          <>
            <ul className="plain-list">
              {[...new Set(details.repoDigests)].map((d) => (
                <li key={d} className="mono break-all">
                  {d}
                </li>
              ))}
            </ul>
            {store === 'containerd' && <p className="muted fact-note">{t('overview.digestsContainerd')}</p>}
          </>
        ) : (
          <Dash />
        )}
      </Fact>
      <Fact label={t('overview.created')}>
        {Number.isFinite(created) && created > 0 ? (
          <span>
            {exactDateTime(i18n.language, created)} <span className="muted">{t('common.aside', { text: relativeTime(t, created, now, 'in-sentence') })}</span>
          </span>
        ) : (
          <Dash />
        )}
      </Fact>
      <Fact label={t('overview.size')}>
        <SizeFact details={details} listSize={listSize} />
      </Fact>
      <Fact label={t('overview.usage')}>
        <UsageFact imageId={details.id} />
      </Fact>
      <Fact label={t('overview.platform')}>
        <PlatformFact details={details} />
      </Fact>
      <Fact label={t('overview.cmd')}>
        <Command value={details.cmd} />
      </Fact>
      <Fact label={t('overview.entrypoint')}>
        <Command value={details.entrypoint} />
      </Fact>
      <Fact label={t('overview.env')}>
        <KeyValues pairs={details.env.map(splitEnv)} />
      </Fact>
      <Fact label={t('overview.exposedPorts')}>
        <Chips items={details.exposedPorts} mono />
      </Fact>
      <Fact label={t('overview.workingDir')}>
        <Text value={details.workingDir} mono />
      </Fact>
      <Fact label={t('overview.user')}>
        <Text value={details.user} mono />
      </Fact>
      <Fact label={t('overview.labels')}>
        <KeyValues pairs={Object.entries(details.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))} />
      </Fact>
      <Fact label={t('overview.author')}>
        <Text value={details.author} />
      </Fact>
      <Fact label={t('overview.layers')}>
        <span>{details.layers.length}</span>
      </Fact>
      <Fact label={t('overview.parent')}>
        <Text value={details.parent} mono />
        {details.parentGone && (
          <span className="muted" data-testid="overview-parent-gone">
            {' '}
            {t('common.aside', { text: t('overview.parentGone') })}
          </span>
        )}
      </Fact>
      <Fact label={t('overview.dockerVersion')}>
        <Text value={details.dockerVersion} />
      </Fact>
    </dl>
  );
}
