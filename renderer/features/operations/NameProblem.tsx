import type { ComponentProps } from 'react';
import { highlightPart } from './tag-form';
import { ReferenceProblemText } from './ReferenceProblemText';

type ProblemProps = ComponentProps<typeof ReferenceProblemText>;

/**
 * What is wrong with a typed image name: the text as typed with the bad part marked (spaces shown as
 * ␣, since they are invisible and often the problem), then the problem in words.
 */
export function NameProblem({ text, problem, part, message, testId }: { text: string; testId: string } & ProblemProps) {
  return (
    <div className="tag-problem" data-testid={testId} data-problem={problem}>
      <p className="mono tag-echo" aria-hidden="true">
        {highlightPart(text, problem, part).map((segment, i) =>
          segment.bad ? (
            <mark key={i} className="tag-bad-part">
              {segment.text.replace(/ /g, '\u2423')}
            </mark>
          ) : (
            <span key={i}>{segment.text}</span>
          ),
        )}
      </p>
      <p>
        <ReferenceProblemText problem={problem} part={part} message={message} />
      </p>
    </div>
  );
}
