import { formatBytesExact, formatSize } from '../../shared/format';

/** A size as the CLI prints it (1.99MB), the exact byte count on hover. */
export function Size({ bytes, className }: { bytes: number; className?: string }) {
  return (
    <span className={`size${className ? ` ${className}` : ''}`} title={formatBytesExact(bytes)}>
      {formatSize(bytes)}
    </span>
  );
}
