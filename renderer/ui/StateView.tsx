import type { ReactNode } from 'react';

interface StateViewProps {
  icon: ReactNode;
  title: string;
  body?: ReactNode;
  children?: ReactNode;
  testId?: string;
}

/** The shared frame of empty and "nothing matches" screens, so they read as designed, not blank. */
export function StateView({ icon, title, body, children, testId }: StateViewProps) {
  return (
    <div className="state-view" data-testid={testId}>
      <div className="state-icon">{icon}</div>
      <h2 className="state-title">{title}</h2>
      {body && <p className="state-body">{body}</p>}
      {children}
    </div>
  );
}
