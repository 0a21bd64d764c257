/**
 * The exact command, in monospace, with a Copy button that copies exactly the command shown; the
 * server it runs on (which main appends to the commands it announces) is said beneath, not copied.
 */
import { useState } from 'react';
import { copyText } from '../panels/copy-text';
import { splitShownCommand } from './run-view';

/** `where`: where it runs, in words, for a command that does not name its server. */
export function CommandBlock({ text, testId = 'run-command', where }: { text: string; testId?: string; where?: string | undefined }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const { command, on } = splitShownCommand(text);
  const runsOn = on ?? where;
  return (
    <>
      <div className="run-command">
        <pre data-testid={testId}>
          <code>{command}</code>
        </pre>
        <button type="button" className="button small" aria-label="Copy the command" onClick={() => void copyText(command).then(setCopied)}>
          {copied === true ? 'Copied' : 'Copy'}
        </button>
        <span className="visually-hidden" role="status">
          {copied === true ? 'Command copied to the clipboard' : copied === false ? 'Could not copy: select the text and copy it' : ''}
        </span>
      </div>
      {runsOn && (
        <p className="run-line muted" data-testid={`${testId}-on`}>
          Runs on {runsOn}
        </p>
      )}
    </>
  );
}
