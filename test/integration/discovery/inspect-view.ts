/** What a discovery is compared by: `poolpilot inspect --json`'s view of a deployment. */
import { inspectJson } from '../../../src/shared/model/inspect';
import type { Deployment } from '../../../src/shared/model/types';

/** What `poolpilot inspect --json` shows, but for where the deployment came from. */
export function view(d: Deployment) {
  const { source: _source, ...rest } = inspectJson(d, []);
  return rest;
}
