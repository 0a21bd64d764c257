/** The frame every run prompt sits in: a heading that takes focus when the prompt appears, so it is announced. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { RunPrompt } from '../../shared/run/types';

export function PromptFrame({ kind, title, children }: { kind: RunPrompt['kind']; title: ReactNode; children: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className={`run-prompt prompt-${kind}`} aria-labelledby="run-prompt-heading" data-testid="run-prompt" data-prompt={kind}>
      <h3 id="run-prompt-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h3>
      {children}
    </section>
  );
}
