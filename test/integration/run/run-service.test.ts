/**
 * The app's runs (RunService) through the real lab executable: the demo's pool1 failover, each
 * change confirmed from its prompt before it runs; a run stopped at a confirmation and resumed
 * without repeating what was done; answers that do not fit refused; reports; and a run with a
 * saved credential that leaves the password nowhere it can be read.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Credential, EncryptedFileCredentialStore } from '../../../src/main/powershell/credentials';
import { openSession, planEndpoint } from '../../../src/main/run/connect';
import { readJournal, writeJournal } from '../../../src/main/run/journal';
import { acquireRunLock } from '../../../src/main/run/lock';
import { planSteps } from '../../../src/main/run/plan-steps';
import { RunService } from '../../../src/main/run/run-service';
import { passwordSha256 } from '../../../src/lab/credential';
import { demoDeployment } from '../../../src/shared/demo/demo';
import { buildPlan } from '../../../src/shared/plan/planner';
import type { RunAnswer, RunEvent, RunPrompt, RunSummary } from '../../../src/shared/run/types';
import { deriveRelations } from '../../../src/shared/model/relations';
import type { Scenario } from '../../../src/shared/scenario/types';
import { findSecret } from '../../security/secret-scan';
import { fakeCipher } from '../../support/fake-cipher';
import { LAB_SHELL, SHELL_LAB, warmLabShell } from '../../support/lab-sessions';
import { changes, EDGE1, POOL1, POOL2, readLab, STEP } from './run-support';

const FAILOVER: Scenario = { down: [{ kind: 'pool', fqdn: POOL1 }], changes: [{ kind: 'failoverPool', pool: POOL1 }], applied: 1 };
const deployment = demoDeployment();
const request = (confirmAll = false) => ({ deployment, scenario: FAILOVER, mode: 'run' as const, confirmAll, environment: { kind: 'lab' as const } });

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'poolpilot-run-service-'));
  await warmLabShell();
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

const services: RunService[] = [];
afterEach(async () => {
  // A test that failed midway leaves no lab shell behind.
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});

type Answerer = (prompt: RunPrompt) => RunAnswer | undefined;

/**
 * A RunService over a data folder, as the window sees it: every event in order, prompts answered
 * by `answer` (left waiting when it returns undefined) a moment later, as a person would.
 */
function harness(name: string, answer: Answerer, credentials?: EncryptedFileCredentialStore) {
  const dataDir = join(root, name);
  const events: RunEvent[] = [];
  let finished: (e: Extract<RunEvent, { type: 'finished' }>) => void = () => undefined;
  let waiting: (p: RunPrompt) => void = () => undefined;
  const runs = new RunService({
    runsDir: join(dataDir, 'runs'),
    emit: (_name, payload) => {
      const event = payload as RunEvent;
      events.push(event);
      if (event.type === 'finished') finished(event);
      if (event.type === 'prompt') {
        const reply = answer(event.prompt);
        if (reply) setImmediate(() => runs.respond(event.runId, event.prompt.stepId, reply));
        else waiting(event.prompt);
      }
    },
    openJobs: (connection, options) => openSession(connection, { ...options, lab: SHELL_LAB }),
    ...(credentials ? { credentials } : {}),
  });
  services.push(runs);
  return {
    dataDir,
    runs,
    events,
    /** The next 'finished' event. */
    finished: () => new Promise<Extract<RunEvent, { type: 'finished' }>>((done) => (finished = done)),
    /** The next prompt left unanswered. */
    unanswered: () => new Promise<RunPrompt>((done) => (waiting = done)),
  };
}

const confirmEverything: Answerer = (p) => (p.kind === 'confirm' ? { kind: 'confirm', run: true } : p.kind === 'acknowledge' ? { kind: 'acknowledge', done: true } : { kind: 'failure', action: 'abort' });

/** Plan steps that change the deployment. */
const changing = (run: RunSummary) => new Set(planSteps(run.plan).filter((s) => s.kind === 'command' && s.effect === 'changes').map((s) => s.id));

describe('RunService in the lab', () => {
  it('shows each change with its exact command and waits for it to be confirmed; the run fails pool1 over with nothing amiss', async () => {
    const h = harness('confirmed', confirmEverything);
    const finished = h.finished();
    const started = await h.runs.start(request());
    expect(started).toMatchObject({ status: 'running', mode: 'run', environment: 'Lab', confirmedUpFront: false });
    const end = await finished;
    expect(end.run.status, end.run.reason).toBe('completed');

    const ran = end.run.steps.filter((s) => changing(end.run).has(s.id)).map((s) => s.id);
    expect(ran).toEqual([STEP.setNextHop, STEP.failoverCms, STEP.failoverPool]);
    for (const id of ran) {
      const prompt = h.events.findIndex((e) => e.type === 'prompt' && e.prompt.stepId === id);
      const command = h.events.findIndex((e) => e.type === 'command' && e.stepId === id);
      const running = h.events.findIndex((e) => e.type === 'step' && e.record.id === id && e.record.status === 'running');
      expect(prompt, id).toBeGreaterThan(-1);
      expect(command, id).toBeGreaterThan(prompt);
      expect(running, id).toBeGreaterThan(command);
      const shown = h.events[prompt] as Extract<RunEvent, { type: 'prompt' }>;
      expect(shown.prompt).toMatchObject({ kind: 'confirm', command: (h.events[command] as Extract<RunEvent, { type: 'command' }>).command });
    }
    // The failover's confirmation shows the cmdlet and the server it runs on.
    expect(h.events).toContainEqual(
      expect.objectContaining({ type: 'prompt', prompt: expect.objectContaining({ stepId: STEP.failoverPool, command: `Invoke-CsPoolFailover -PoolFqdn '${POOL1}' -DisasterMode -Verbose   (on fe03.contoso.com)` }) }),
    );
    // Only changes ask: reads and checks run without a prompt.
    expect(h.events.filter((e) => e.type === 'prompt').map((e) => (e as Extract<RunEvent, { type: 'prompt' }>).prompt.stepId)).toEqual(ran);

    const after = end.after!.deployment;
    expect(after.state.failedOver).toEqual({ [POOL1]: POOL2 });
    const relations = deriveRelations(after);
    expect(relations.filter((r) => r.kind === 'cmsActive').map((r) => r.from)).toEqual([POOL2]);
    expect(relations.find((r) => r.kind === 'edgeNextHop' && r.from === EDGE1)?.to).toBe(POOL2);
    expect(end.discrepancies).toEqual([]);
    expect(h.runs.current()).toMatchObject({ runId: started.runId, status: 'completed' });
    expect(await h.runs.interrupted()).toEqual([]);
  });

  it('stops when a change is not confirmed, lists the run as interrupted, and resumes it without repeating a completed step', async () => {
    let confirmations = 0;
    // Confirms the next hop, refuses the CMS failover; after that, confirms everything.
    const h = harness('refused', (p) => (p.kind === 'confirm' ? { kind: 'confirm', run: ++confirmations !== 2 } : confirmEverything(p)));
    let finished = h.finished();
    const { runId, journalDir } = await h.runs.start(request());
    const stopped = await finished;
    expect(stopped.run).toMatchObject({ status: 'stopped', reason: `${STEP.failoverCms}: not confirmed` });
    expect(stopped.run.steps.find((s) => s.id === STEP.failoverCms)).toBeUndefined();
    // Stopped halfway, the deployment is not as the plan meant: pool1's users are not failed over yet.
    expect(stopped.discrepancies.map((d) => d.message)).toContain(`${POOL1}'s users are not failed over; the plan meant them to be served by ${POOL2}.`);
    expect(await h.runs.interrupted()).toEqual([expect.objectContaining({ runId, status: 'stopped' })]);

    finished = h.finished();
    const eventsBefore = h.events.length;
    expect(await h.runs.resume(runId)).toMatchObject({ runId, status: 'running' });
    const end = await finished;
    expect(end.run.status, end.run.reason).toBe('completed');
    expect(end.discrepancies).toEqual([]);
    const resumedCommands = h.events.slice(eventsBefore).filter((e) => e.type === 'command').map((e) => (e as Extract<RunEvent, { type: 'command' }>).stepId);
    expect(resumedCommands).not.toContain(STEP.setNextHop);
    expect(resumedCommands).toContain(STEP.failoverCms);
    const journal = await readJournal(journalDir);
    expect(journal.steps.find((s) => s.id === STEP.setNextHop)?.attempts).toBe(1);
    expect(changes((await readLab(join(journalDir, 'lab-state.json'))).jobs).map((j) => j.cmdlet)).toEqual([
      'Set-CsEdgeServer',
      'Invoke-CsManagementServerFailover',
      'Invoke-CsPoolFailover',
    ]);
    expect(await h.runs.interrupted()).toEqual([]);
  });

  it('refuses answers that do not fit the prompt and a second run; stops on request; writes the report in each format', async () => {
    const h = harness('refusals', () => undefined);
    const prompted = h.unanswered();
    const { runId, journalDir } = await h.runs.start(request());
    const prompt = await prompted;
    expect(prompt).toMatchObject({ kind: 'confirm', stepId: STEP.setNextHop });
    expect(h.runs.current()?.prompt).toEqual(prompt);

    expect(() => h.runs.respond(runId, STEP.setNextHop, { kind: 'acknowledge', done: true })).toThrow(
      `The run is waiting for a confirmation (run it or not) for ${STEP.setNextHop}; a acknowledge answer does not fit.`,
    );
    expect(() => h.runs.respond(runId, STEP.failoverPool, { kind: 'confirm', run: true })).toThrow(/waiting for an answer about reassignNextHop:edgepool1\.contoso\.com\/set-edge-server .*not about another step/);
    expect(() => h.runs.respond('2026-01-01T00-00-00-000Z-000000', STEP.setNextHop, { kind: 'confirm', run: true })).toThrow('That run is not the one going on in this window.');
    await expect(h.runs.start(request())).rejects.toThrow(/^A run is going on \("Fail over pool1\.contoso\.com.*stop it, or let it end/);
    await expect(h.runs.resume(runId)).rejects.toThrow(/^A run is going on/);
    // Nothing changed while the answers were refused.
    expect(changes((await readLab(join(journalDir, 'lab-state.json'))).jobs)).toEqual([]);

    const finished = h.finished();
    h.runs.stop(runId);
    const end = await finished;
    expect(end.run.status).toBe('stopped');
    expect(() => h.runs.respond(runId, STEP.setNextHop, { kind: 'confirm', run: true })).toThrow('The run is not waiting for an answer (it has stopped).');
    expect(() => h.runs.stop(runId)).toThrow('The run has already ended (stopped).');

    const journal = await readJournal(journalDir);
    expect(journal.steps.length).toBeGreaterThan(1);
    for (const format of ['html', 'md', 'json'] as const) {
      expect(h.runs.reportName(runId, format)).toBe(`poolpilot-run-${runId}.${format}`);
      const file = join(h.dataDir, `report.${format}`);
      await h.runs.exportReport(runId, file, format);
      const text = await readFile(file, 'utf8');
      for (const step of journal.steps) expect(text, `${format}: ${step.id}`).toContain(step.id);
      expect(text).toContain('stopped');
    }
    expect(JSON.parse(await readFile(join(h.dataDir, 'report.json'), 'utf8'))).toMatchObject({ format: 'poolpilot.run-report', runId, status: 'stopped' });
    expect(() => h.runs.reportName('../../etc', 'md')).toThrow(/^There is no such run in /);

    // As a crash leaves it: the journal says running, and no live run holds the lock.
    await writeJournal(journalDir, { ...journal, status: 'running' });
    expect(await h.runs.interrupted()).toEqual([expect.objectContaining({ runId, status: 'stopped', reason: expect.stringMatching(/^PoolPilot closed or crashed during the run/) })]);
    // While a live run holds its lock, it is going on, not interrupted.
    const lock = await acquireRunLock(journalDir);
    expect(await h.runs.interrupted()).toEqual([]);
    await lock.release();
  });

  it('refuses a scenario with blockers, naming them, and runs nothing', async () => {
    const h = harness('blocked', confirmEverything);
    // pool1's users cannot fail over to pool2 when pool2 is the one down.
    const blocked: Scenario = { down: [{ kind: 'pool', fqdn: POOL2 }], changes: [{ kind: 'failoverPool', pool: POOL1 }], applied: 1 };
    await expect(h.runs.start({ ...request(), scenario: blocked })).rejects.toThrow(/^Nothing was run: the scenario has \d+ blockers: \(1\) .*pool2\.contoso\.com is down/);
    expect(h.runs.current()).toBeNull();
    expect(h.events).toEqual([]);
  });
});

describe('RunService with a saved credential', () => {
  const USER = 'CONTOSO\\pooladmin';
  const PASSWORD = 'Lab-Run-Secret-7c1d!';
  const ENDPOINT = 'fe03.contoso.com';

  beforeAll(() => {
    // The lab's remoting accepts this account only: a run gets past pre-flight only if the saved credential reaches it.
    process.env.POOLPILOT_LAB_CREDENTIAL = `${USER}:${passwordSha256(PASSWORD)}`;
  });
  afterAll(() => {
    delete process.env.POOLPILOT_LAB_CREDENTIAL;
  });

  it('sends the saved credential to the lab, which accepts it, and leaves the password in no file, event or report', async () => {
    const dataDir = join(root, 'credential');
    await mkdir(dataDir, { recursive: true });
    const store = new EncryptedFileCredentialStore(join(dataDir, 'credentials.json'), fakeCipher);
    expect(planEndpoint(buildPlan(deployment, FAILOVER))).toBe(ENDPOINT);
    await store.set(ENDPOINT, new Credential(USER, PASSWORD));
    const h = harness('credential', confirmEverything, store);
    const finished = h.finished();
    const { runId } = await h.runs.start(request(true));
    const end = await finished;
    expect(end.run.status, end.run.reason).toBe('completed');
    expect(end.after!.deployment.state.failedOver).toEqual({ [POOL1]: POOL2 });

    const report = join(root, 'credential-report');
    await mkdir(report, { recursive: true });
    for (const format of ['html', 'md', 'json'] as const) await h.runs.exportReport(runId, join(report, `report.${format}`), format);
    const texts = Object.fromEntries(h.events.map((e, i) => [`event ${i} (${e.type})`, JSON.stringify(e)]));
    expect(findSecret(PASSWORD, { folders: [h.dataDir, dataDir, report], texts: { ...texts, summary: JSON.stringify(h.runs.current()) } })).toEqual([]);
    // The store itself kept it (masked): the search would have found a plain copy.
    expect((await store.get(ENDPOINT))?.revealPassword()).toBe(PASSWORD);
  });

  it('without the saved credential, the lab refuses the connection and the run stops at pre-flight', async () => {
    const h = harness('no-credential', confirmEverything);
    const finished = h.finished();
    await h.runs.start(request(true));
    const end = await finished;
    expect(end.run.status).toBe('aborted');
    expect(end.run.reason).toMatch(/^pre-flight: cannot run PowerShell: Connecting to remote server fe03\.contoso\.com failed .*: Access is denied\./);
  });
});
