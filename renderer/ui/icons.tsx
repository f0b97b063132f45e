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
