import { describe, expect, it } from 'vitest';
import { normalizeFqdn } from '../../../src/shared/topology/fqdn';
import { poolKind, productVersion } from '../../../src/shared/topology/kinds';

describe('normalizeFqdn', () => {
  it('lower-cases and trims, dropping a trailing root dot', () => {
    expect(normalizeFqdn(' Pool1.Contoso.COM. ')).toBe('pool1.contoso.com');
    expect(normalizeFqdn('10.0.0.1')).toBe('10.0.0.1');
  });

  it.each(['', ' ', 'pool 1.contoso.com', 'pool1..contoso.com', '-pool.contoso.com', 'pool-.contoso.com', 'pool1.contoso.com/x', `${'a'.repeat(64)}.com`])(
    'rejects %j',
    (raw) => expect(normalizeFqdn(raw)).toBeUndefined(),
  );
});

describe('poolKind', () => {
  const kind = (roles: string[], extra: { isDirector?: boolean; hasSqlInstance?: boolean } = {}) =>
    poolKind({ roles: new Set(roles), isDirector: extra.isDirector ?? false, hasSqlInstance: extra.hasSqlInstance ?? false });

  it('follows the services on the pool', () => {
    expect(kind(['Registrar', 'UserServices', 'UserStore'], { hasSqlInstance: true })).toBe('FrontEnd');
    expect(kind(['Registrar', 'WebServices'], { isDirector: true })).toBe('Director');
    expect(kind(['EdgeServer', 'ManagementServices'])).toBe('Edge');
    expect(kind(['UserStore', 'CentralMgmtStore'])).toBe('SqlBackEnd');
    expect(kind([], { hasSqlInstance: true })).toBe('SqlBackEnd');
    expect(kind(['PersistentChatServer'])).toBe('PersistentChat');
    expect(kind(['WacService'])).toBe('OfficeOnline');
    expect(kind(['PstnGateway'])).toBe('PstnGateway');
    expect(kind(['FileStore'])).toBe('FileStore');
    expect(kind(['MediationServer'])).toBe('Mediation');
    expect(kind(['FileStore', 'WebServices'])).toBe('Other');
    expect(kind([])).toBe('Other');
  });
});

describe('productVersion', () => {
  it('maps the highest ServiceVersion to the product', () => {
    expect(productVersion(['6', '7'])).toBe('SfB2015');
    expect(productVersion(['6'])).toBe('Lync2013');
    expect(productVersion(['42'])).toBeUndefined();
    expect(productVersion([])).toBeUndefined();
  });
});
