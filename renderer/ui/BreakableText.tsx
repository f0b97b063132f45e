import { Fragment } from 'react';

/**
 * Long dotted or slashed names (org.opencontainers.image.title, registry:5000/team/app) wrap after a
 * separator, never in the middle of a word: a line-break opportunity follows each . / - _ : = @.
 */
export function BreakableText({ text }: { text: string }) {
  const parts = text.split(/(?<=[./\-_:=@])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
