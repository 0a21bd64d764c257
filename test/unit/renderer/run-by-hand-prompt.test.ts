/**
 * The failure prompt's "Run it on the server yourself", as the admin sees it (rendered to HTML):
 * where, the command to copy, the check PoolPilot runs after "I ran it — check now"; without a
 * check, that the step is recorded on the admin's word and the statement it needs; and nothing of
 * the kind for a failure main offers no by-hand run for. What the buttons send is parsed in
 * run-answers.test.ts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FailurePrompt } from '../../../src/renderer/run/FailurePrompt';
import type { RunPrompt } from '../../../src/shared/run/types';

type Failure = Extract<RunPrompt, { kind: 'failure' }>;

const SET = "Set-CsEdgeServer -Identity 'EdgeServer:edgepool1.contoso.com' -Registrar 'Registrar:pool2.contoso.com'";
const CHECK = "Get-CsService -Identity 'EdgeServer:edgepool1.contoso.com'";
const failure: Failure = { kind: 'failure', stepId: 'reassignNextHop:edgepool1.contoso.com/set-edge-server', title: 'Make pool2 the next hop', detail: 'Access is denied.' };

/** The prompt as HTML, and as the text a person reads (tags dropped, entities decoded). */
function render(prompt: Failure) {
  const html = renderToStaticMarkup(createElement(FailurePrompt, { prompt, answer: async () => undefined, busy: false }));
  const text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
  return { html, text };
}

/** The text inside the element with `data-testid`, and the element's own tag. */
function byTestId(html: string, id: string): { tag: string; text: string; attributes: string } | undefined {
  const match = new RegExp(`<(\\w+)([^>]*data-testid="${id}"[^>]*)>([\\s\\S]*?)</\\1>`).exec(html);
  return match ? { tag: match[1]!, attributes: match[2]!, text: match[3]!.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'") } : undefined;
}

describe('the failure prompt', () => {
  it('offers to run a change on the server yourself: where, the command to copy, and the check that follows “I ran it”', () => {
    const { html, text } = render({ ...failure, byHand: { where: 'fe03.contoso.com', command: SET, checkCommand: CHECK } });
    expect(text).toContain('Run it on the server yourself');
    expect(byTestId(html, 'run-prompt-by-hand-command')?.text).toBe(SET);
    expect(byTestId(html, 'run-prompt-by-hand-command-on')?.text).toBe('Runs on fe03.contoso.com');
    expect(byTestId(html, 'run-prompt-by-hand-check')?.text).toBe(CHECK);
    // Both can be copied exactly as shown.
    expect(html.match(/aria-label="Copy the command"/g)).toHaveLength(2);
    const done = byTestId(html, 'run-prompt-by-hand-done')!;
    expect(done.text).toBe('I ran it — check now');
    expect(done.attributes).not.toContain('disabled');
    expect(text).toContain('Comment for the report (optional)');
    expect(html).not.toContain('run-prompt-by-hand-no-check');
    // Beside the other answers, not instead of them.
    for (const id of ['run-prompt-retry', 'run-prompt-abort', 'run-prompt-skip']) expect(byTestId(html, id), id).toBeDefined();
    expect(text).toContain('retry, run it on the server yourself, skip it');
  });

  it('says that without a check it is recorded on the admin’s word, and wants what shows it took effect first', () => {
    const { html, text } = render({ ...failure, byHand: { where: 'any Skype for Business Server Management Shell', command: "Invoke-CsPoolFailover -PoolFqdn 'pool1.contoso.com' -DisasterMode -Verbose" } });
    expect(byTestId(html, 'run-prompt-by-hand-check')).toBeUndefined();
    expect(byTestId(html, 'run-prompt-by-hand-no-check')?.text).toMatch(/^The plan has no check that shows whether it took effect, so PoolPilot cannot confirm it: the step is recorded as done on your word\./);
    expect(byTestId(html, 'run-prompt-by-hand-command-on')?.text).toBe('Runs on any Skype for Business Server Management Shell');
    const done = byTestId(html, 'run-prompt-by-hand-done')!;
    expect(done.text).toBe('I ran it — record it on my word');
    // Nothing typed yet: the statement is missing, so the button waits.
    expect(done.attributes).toContain('disabled');
    expect(text).toContain('What shows it took effect (required)');
  });

  it('offers nothing to run by hand when main offers none (a check, a read)', () => {
    const { html, text } = render(failure);
    expect(html).not.toContain('run-prompt-by-hand');
    expect(text).not.toContain('on the server yourself');
    expect(byTestId(html, 'run-prompt-detail')?.text).toBe('Access is denied.');
  });
});
