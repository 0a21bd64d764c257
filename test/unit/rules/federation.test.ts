import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../src/shared/rules/apply-fix';
import { validate } from '../../../src/shared/rules/validate';
import { buildPlan } from '../../../src/shared/plan/planner';
import { planSteps } from '../../../src/main/run/plan-steps';
import { check, demo, downPool, downSite, EDGE1, EDGE2, machineOf, NOW, only, POOL1, scenario } from './helpers';

describe('rule 7: SIP federation route', () => {
  it('warns when the route\'s Edge pool is down, and offers a running one', () => {
    const [f] = only(check(demo(), [], [downPool(EDGE1)]), 'sip-federation-route');
    expect(f).toMatchObject({ severity: 'warning', elements: [EDGE1] });
    expect(f!.message).toContain('P3');
    expect(f!.fixes.map((x) => x.change)).toEqual([{ kind: 'moveSipFederation', edgePool: EDGE2 }]);
    const fixed = applyFix(scenario([], [downPool(EDGE1)]), f!.fixes[0]!);
    expect(only(validate(demo(), fixed, { now: NOW }), 'sip-federation-route')).toEqual([]);
  });

  it('warns when there is not exactly one route', () => {
    const two = only(check(demo((d) => void (d.state.sipFederationRoutes = [EDGE1, EDGE2])), []), 'sip-federation-route');
    expect(two[0]).toMatchObject({ severity: 'warning', elements: [EDGE1, EDGE2] });
    expect(two[0]!.message).toContain('exactly one');
    const none = only(check(demo((d) => void (d.state.sipFederationRoutes = [])), []), 'sip-federation-route');
    expect(none[0]!.severity).toBe('warning');
    expect(none[0]!.fixes.length).toBeGreaterThan(0);
  });

  it('says so when the route is not known', () => {
    const [f] = only(check(demo((d) => void delete d.state.sipFederationRoutes), []), 'sip-federation-route');
    expect(f!.severity).toBe('info');
    expect(f!.message).toContain('not known');
  });

  it('does not fire for one route on a running Edge pool, or once it is moved', () => {
    expect(only(check(demo(), []), 'sip-federation-route')).toEqual([]);
    expect(only(check(demo(), [{ kind: 'moveSipFederation', edgePool: EDGE2 }], [downSite('Site1')]), 'sip-federation-route')).toEqual([]);
  });
});

describe('rule 8: XMPP federation route', () => {
  it('warns when the site\'s Edge server is down, with a fix and the DNS A/SRV (port 5269) checklist', () => {
    const d = demo();
    const [f] = only(check(d, [], [downPool(EDGE1)]), 'xmpp-federation-route');
    expect(f).toMatchObject({ severity: 'warning', elements: ['site:Site1', EDGE1] });
    expect(f!.fixes.map((x) => x.change)).toEqual([{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: machineOf(d, EDGE2) }]);
    expect(f!.message).toContain('_xmpp-server._tcp.contoso.com');
    expect(f!.message).toContain('5269');
    expect(f!.message).toContain(`A record at ${machineOf(d, EDGE2)}`);
  });

  it('warns when the route names a server that is in no Edge pool', () => {
    const d = demo((x) => void (x.state.xmppRoutes = { Site1: machineOf(x, POOL1) }));
    const [f] = only(check(d, []), 'xmpp-federation-route');
    expect(f!.message).toContain('not a server of any Edge pool');
  });

  it('gives the P4 checklist with a quoted Set-CsSite when the route is moved', () => {
    const d = demo();
    const server = machineOf(d, EDGE2);
    const [f] = only(check(d, [{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: server }], [downPool(EDGE1)]), 'xmpp-federation-route');
    expect(f).toMatchObject({ severity: 'info', change: 0 });
    // P4 step 3: the route is set on the site that holds the new Edge pool (Site2), as the planner's step does.
    expect(f!.message).toContain(`Set-CsSite -Identity 'Site2' -XmppExternalFederationRoute '${server}' (on Site2, the site that holds ${EDGE2})`);
    expect(f!.message).toMatch(/Stop-CsWindowsService.*_xmpp-server\._tcp\.contoso\.com \(port 5269\).*Start-CsWindowsService/);
    const planned = planSteps(buildPlan(d, scenario([{ kind: 'moveXmppRoute', siteId: 'Site1', edgeServer: server }], [downPool(EDGE1)])));
    const setRoute = planned.find((s) => s.kind === 'command' && s.command.cmdlet === 'Set-CsSite');
    expect(setRoute?.kind === 'command' && setRoute.command.text).toBe(`Set-CsSite -Identity 'Site2' -XmppExternalFederationRoute '${server}'`);
  });

  it('names the route\'s own site when the new Edge pool is in it', () => {
    const d = demo();
    const server = machineOf(d, EDGE2);
    const [f] = only(check(d, [{ kind: 'moveXmppRoute', siteId: 'Site2', edgeServer: server }]), 'xmpp-federation-route');
    expect(f!.message).toContain(`Set-CsSite -Identity 'Site2' -XmppExternalFederationRoute '${server}';`);
  });

  it('says so when no route is known, and does not fire for a running route', () => {
    expect(only(check(demo((x) => void (x.state.xmppRoutes = {})), []), 'xmpp-federation-route')[0]!.severity).toBe('info');
    expect(only(check(demo(), []), 'xmpp-federation-route')).toEqual([]);
  });
});
