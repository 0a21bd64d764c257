import { describe, expect, it } from 'vitest';
import { ageOld, ageWords, isStale } from '../../../src/renderer/discovery/age';
import { environmentLabel, shownEnvironment, staleNotice } from '../../../src/renderer/discovery/environment';

const now = new Date(2024, 4, 3, 12, 0);
const ago = (ms: number) => new Date(now.getTime() - ms);
const HOUR = 3_600_000;

describe('how old the data on screen is, in words', () => {
  it('counts minutes, then hours up to two days, then days', () => {
    expect(ageWords(ago(10_000), now)).toBe('less than a minute');
    expect(ageWords(ago(60_000), now)).toBe('1 minute');
    expect(ageWords(ago(59 * 60_000), now)).toBe('59 minutes');
    expect(ageWords(ago(5 * HOUR), now)).toBe('5 hours');
    expect(ageWords(ago(30 * HOUR), now)).toBe('30 hours');
    expect(ageWords(ago(49 * HOUR), now)).toBe('2 days');
    expect(ageOld(ago(49 * HOUR), now)).toBe('2 days old');
  });

  it('says so when the time is ahead of this computer’s clock instead of calling it new', () => {
    expect(ageOld(new Date(now.getTime() + 10 * 60_000), now)).toMatch(/^from the future/);
  });

  it('calls data stale after a few hours, not before', () => {
    expect(isStale(ago(2 * HOUR), now)).toBe(false);
    expect(isStale(ago(4 * HOUR), now)).toBe(true);
  });
});

describe('the environment the status bar names', () => {
  const taken = new Date(2024, 4, 1, 9, 5).toISOString();

  it('is the lab for the demo and the lab, whatever their age', () => {
    const env = shownEnvironment({ kind: 'demo', name: 'Built-in demo deployment' }, undefined);
    expect(environmentLabel(env, now)).toBe('Lab (simulated deployment)');
    expect(staleNotice(env, now)).toBeNull();
  });

  it('is an offline snapshot, with its time and age, for a snapshot or collector file', () => {
    for (const kind of ['snapshot', 'collector'] as const) {
      const env = shownEnvironment({ kind, name: 'x.json' }, taken);
      expect(environmentLabel(env, now)).toBe('Offline snapshot — taken 2024-05-01 09:05, 2 days old');
    }
  });

  it('is the live server, with when it was discovered, when this session’s discovery of it is on screen; the lab for a lab discovery', () => {
    const source = { kind: 'snapshot' as const, name: 'discovery.poolpilot' };
    expect(environmentLabel(shownEnvironment(source, taken, { kind: 'server', endpoint: 'pool1.contoso.com' }), now)).toBe(
      'Live: pool1.contoso.com — discovered 2024-05-01 09:05, 2 days old',
    );
    expect(environmentLabel(shownEnvironment(source, taken, { kind: 'lab' }), now)).toBe('Lab (simulated deployment) — discovered 2024-05-01 09:05, 2 days old');
  });

  it('says a topology file has no live state', () => {
    expect(environmentLabel(shownEnvironment({ kind: 'file', name: 't.xml', form: 'published' }, undefined), now)).toBe(
      'Offline — topology file (no live state)',
    );
  });
});

describe('the offline banner', () => {
  it('stays away while a snapshot is fresh, and says the time and age once it is not', () => {
    const fresh = shownEnvironment({ kind: 'snapshot', name: 's' }, ago(HOUR).toISOString());
    expect(staleNotice(fresh, now)).toBeNull();
    const old = shownEnvironment({ kind: 'collector', name: 's' }, ago(26 * HOUR).toISOString());
    expect(staleNotice(old, now)).toBe(
      'You are looking at a snapshot taken 2024-05-02 10:00, 26 hours ago, not at the live deployment. It shows the deployment as it was then; discover again when the servers can be reached.',
    );
  });

  it('reminds that a live discovery is a moment, not a connection, once it is hours old', () => {
    const env = shownEnvironment({ kind: 'snapshot', name: 's' }, ago(5 * HOUR).toISOString(), { kind: 'server', endpoint: 'pool1.contoso.com' });
    expect(staleNotice(env, now)).toMatch(/^This was discovered from pool1\.contoso\.com at 2024-05-03 07:00, 5 hours ago\. /);
  });

  it('has nothing to say about a topology file (it carries no time) or a snapshot without one', () => {
    expect(staleNotice(shownEnvironment({ kind: 'file', name: 't.xml' }, undefined), now)).toBeNull();
    expect(staleNotice(shownEnvironment({ kind: 'snapshot', name: 's' }, undefined), now)).toBeNull();
  });
});
