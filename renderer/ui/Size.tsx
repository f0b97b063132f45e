import { formatBytesExact, formatSize } from '../../shared/format';

/** A size as the CLI prints it (1.99MB; `docker system df` gives four digits: precision 4), the exact byte count on hover. */
export function Size({ bytes, className, precision }: { bytes: number; className?: string; precision?: number }) {
  return (
    <span className={`size${className ? ` ${className}` : ''}`} title={formatBytesExact(bytes)}>
      {formatSize(bytes, precision)}
    </span>
  );
}
