import { describe, expect, it } from 'vitest';
import { setBackupPool, setSipFederation, setXmppRoute } from '../../../src/renderer/store/state-edits';
import { emptyState } from '../../../src/shared/model/state';

describe('backup pool edits', () => {
  it('pair both ways', () => {
    expect(setBackupPool(emptyState(), 'pool1', 'pool2').backupPools).toEqual({ pool1: 'pool2', pool2: 'pool1' });
  });

  it('release both old partners when re-pairing', () => {
    const paired = setBackupPool(setBackupPool(emptyState(), 'pool1', 'pool2'), 'pool3', 'pool4');
    expect(setBackupPool(paired, 'pool1', 'pool3').backupPools).toEqual({ pool1: 'pool3', pool3: 'pool1' });
  });

  it('"none" clears the pair on both sides, and the input is left as it was', () => {
    const paired = setBackupPool(emptyState(), 'pool1', 'pool2');
    expect(setBackupPool(paired, 'pool2', null).backupPools).toEqual({});
    expect(paired.backupPools).toEqual({ pool1: 'pool2', pool2: 'pool1' });
  });

  it('keep a one-sided report from elsewhere untouched', () => {
    const state = { ...emptyState(), backupPools: { pool9: 'pool1' } };
    expect(setBackupPool(state, 'pool1', 'pool2').backupPools).toEqual({ pool9: 'pool1', pool1: 'pool2', pool2: 'pool1' });
  });
});

describe('federation edits', () => {
  it('turn SIP federation on and off for one Edge pool, making the route known', () => {
    const on = setSipFederation(emptyState(), 'edge1', true);
    expect(on.sipFederationRoutes).toEqual(['edge1']);
    expect(setSipFederation(on, 'edge1', true).sipFederationRoutes).toEqual(['edge1']);
    expect(setSipFederation(on, 'edge1', false).sipFederationRoutes).toEqual([]);
  });

  it('set and clear a site XMPP route', () => {
    const set = setXmppRoute(emptyState(), 'Site1', 'edgeserver1.contoso.com');
    expect(set.xmppRoutes).toEqual({ Site1: 'edgeserver1.contoso.com' });
    expect(setXmppRoute(set, 'Site1', null).xmppRoutes).toEqual({});
  });
});
