import type { ReactElement, SVGProps } from 'react';

/** A handful of 16px stroke icons, inline so the CSP needs no image sources and they follow currentColor. */
type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function Icon({ size = 16, children, ...rest }: IconProps & { children: ReactElement | ReactElement[] }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false" {...rest}>
      {children}
    </svg>
  );
}

export const CopyIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 5.5V3.5A1.5 1.5 0 0 0 9 2H3.5A1.5 1.5 0 0 0 2 3.5V9a1.5 1.5 0 0 0 1.5 1.5h2" />
  </Icon>
);
export const CheckIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 8.5l3.2 3L13 4.5" />
  </Icon>
);
export const RefreshIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13.5 8A5.5 5.5 0 1 1 11.9 4.1" />
    <path d="M13.5 2.5v3h-3" />
  </Icon>
);
export const CloseIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 4l8 8M12 4l-8 8" />
  </Icon>
);
export const ChevronRightIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 3.5L10.5 8 6 12.5" />
  </Icon>
);
export const ChevronDownIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3.5 6L8 10.5 12.5 6" />
  </Icon>
);
export const SearchIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.5 10.5L14 14" />
  </Icon>
);
export const AlertIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 1.8L15 14H1z" />
    <path d="M8 6.5v3.2M8 11.8v.1" />
  </Icon>
);
export const LockIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
  </Icon>
);
export const PlugIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M5.5 1.5v3M10.5 1.5v3M3.5 4.5h9v3a4.5 4.5 0 0 1-9 0z" />
    <path d="M8 12v2.5" />
  </Icon>
);
export const InfoIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 7.2v4M8 4.8v.1" />
  </Icon>
);
export const BoxIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 1.5l6 3v7l-6 3-6-3v-7z" />
    <path d="M2 4.5l6 3 6-3M8 7.5v7" />
  </Icon>
);
export const LayersIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 2l6 3-6 3-6-3z" />
    <path d="M2 8l6 3 6-3M2 11l6 3 6-3" />
  </Icon>
);
export const SortIcon = ({ sorted, ...p }: IconProps & { sorted: 'asc' | 'desc' | false }) => (
  <Icon {...p}>
    {sorted === 'asc' ? <path d="M4.5 9.5L8 6l3.5 3.5" /> : sorted === 'desc' ? <path d="M4.5 6.5L8 10l3.5-3.5" /> : <path d="M5 6l3-2.5L11 6M5 10l3 2.5 3-2.5" opacity={0.45} />}
  </Icon>
);
/** The brand mark: a stack of containers. */
export const LogoIcon = (p: IconProps) => (
  <svg width={p.size ?? 22} height={p.size ?? 22} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <rect x="2" y="13" width="6" height="5" rx="1" fill="var(--logo-a)" />
    <rect x="9" y="13" width="6" height="5" rx="1" fill="var(--logo-b)" />
    <rect x="16" y="13" width="6" height="5" rx="1" fill="var(--logo-a)" />
    <rect x="5.5" y="7" width="6" height="5" rx="1" fill="var(--logo-b)" />
    <rect x="12.5" y="7" width="6" height="5" rx="1" fill="var(--logo-a)" />
    <path d="M1.5 20h21" stroke="var(--logo-b)" strokeWidth="1.6" strokeLinecap="round" />
  </svg>
);
export const TagIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2 2.5v4.6l6.9 6.9 5.1-5.1L7.1 2H2.5z" />
    <circle cx="5" cy="5" r="1" />
  </Icon>
);
/** A tag with a minus: take one name off an image. */
export const UntagIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2 2.5v4.6l5.4 5.4M8.5 2H2.5M8.5 2l3 3" />
    <circle cx="5" cy="5" r="1" />
    <path d="M10 12h5" />
  </Icon>
);
export const TrashIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" />
    <path d="M6.7 6.5v4.5M9.3 6.5v4.5" />
  </Icon>
);
export const BroomIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M13.5 2.5L8.5 7.5" />
    <path d="M8.5 7.5l-2-1-4 4.5 4.5 3 2.5-4.5z" />
    <path d="M4.5 12.5l1.5-2" />
  </Icon>
);
export const ContainerIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2" y="4" width="12" height="8" rx="1" />
    <path d="M5 4v8M8 4v8M11 4v8" />
  </Icon>
);
export const ShieldIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 1.8l5 2v4c0 3.2-2.2 5.3-5 6.4-2.8-1.1-5-3.2-5-6.4v-4z" />
  </Icon>
);
export const PlayIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M5 3.5v9l7-4.5z" />
  </Icon>
);
export const StopIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="4" y="4" width="8" height="8" rx="1" />
  </Icon>
);
export const DownloadIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 2.5v8" />
    <path d="M4.5 7.5L8 11l3.5-3.5" />
    <path d="M2.5 13.5h11" />
  </Icon>
);
export const UploadIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M8 11V3" />
    <path d="M4.5 6.5L8 3l3.5 3.5" />
    <path d="M2.5 13.5h11" />
  </Icon>
);
export const TasksIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2.5 4h2M2.5 8h2M2.5 12h2" />
    <path d="M6.5 4h7M6.5 8h7M6.5 12h4" />
  </Icon>
);
/** A drive with a usage gauge: the Disk usage view. */
export const DiskIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="2" y="3" width="12" height="10" rx="2" />
    <path d="M4.5 10h4" />
    <circle cx="11" cy="10" r="0.6" />
    <path d="M2 7.5h12" />
  </Icon>
);
