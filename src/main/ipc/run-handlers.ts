/**
 * The run channels and the credential channels, over the RunService and the credential store. The
 * password the window sends is put in a Credential at once (which prints redacted) and only ever
 * goes back as the user name.
 */
import { Credential, type CredentialStore } from '../powershell/credentials';
import type { RunService } from '../run/run-service';
import type { Dialogs } from './dialogs';
import type { Handlers } from './dispatch';

type RunChannel =
  | 'run.start'
  | 'run.respond'
  | 'run.stop'
  | 'run.current'
  | 'run.interrupted'
  | 'run.resume'
  | 'run.exportReport'
  | 'credentials.save'
  | 'credentials.get'
  | 'credentials.forget';

export interface RunHandlerDeps {
  runs: RunService;
  /** Absent where credentials cannot be kept safely: saving is refused, reading finds none. */
  credentials?: CredentialStore;
  dialogs: Pick<Dialogs, 'chooseReportPath'>;
}

export function createRunHandlers({ runs, credentials, dialogs }: RunHandlerDeps): Pick<Handlers, RunChannel> {
  const ok = { ok: true as const };
  return {
    'run.start': (request) => runs.start(request),
    'run.respond': ({ runId, stepId, answer }) => {
      runs.respond(runId, stepId, answer);
      return ok;
    },
    'run.stop': ({ runId }) => {
      runs.stop(runId);
      return ok;
    },
    'run.current': () => runs.current(),
    'run.interrupted': () => runs.interrupted(),
    'run.resume': ({ runId }) => runs.resume(runId),
    'run.exportReport': async ({ runId, format }) => {
      // Refused before the dialog when there is no such run.
      const path = await dialogs.chooseReportPath(runs.reportName(runId, format), format);
      if (!path) return null;
      await runs.exportReport(runId, path, format);
      return { path };
    },
    'credentials.save': async ({ endpoint, userName, password }) => {
      if (!credentials) throw new Error('PoolPilot cannot keep credentials on this computer: connections use your Windows sign-in (integrated authentication).');
      await credentials.set(endpoint, new Credential(userName, password));
      return ok;
    },
    'credentials.get': async ({ endpoint }) => {
      const saved = await credentials?.get(endpoint);
      return saved ? { userName: saved.userName } : null;
    },
    'credentials.forget': async ({ endpoint }) => {
      await credentials?.delete(endpoint);
      return ok;
    },
  };
}
