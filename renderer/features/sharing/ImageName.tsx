import { BreakableText } from '../../ui/BreakableText';

/** A long image name wraps inside its repository path, never inside its tag (`…/app:1.` over `6` reads as another version). */
export function ImageName({ name }: { name: string }) {
  const colon = name.lastIndexOf(':');
  const at = name.indexOf('@');
  const split = at >= 0 ? at : colon > name.lastIndexOf('/') ? colon : -1;
  if (split < 0) return <BreakableText text={name} />;
  return (
    <>
      <BreakableText text={name.slice(0, split)} />
      <wbr />
      <span className="nowrap">{name.slice(split)}</span>
    </>
  );
}
