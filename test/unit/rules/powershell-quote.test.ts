import { describe, expect, it } from 'vitest';
import { isStrictFqdn, PowerShellQuoteError, psFqdn, psLiteral } from '../../../src/shared/powershell/quote';

describe('psLiteral', () => {
  it('wraps a value in single quotes, where PowerShell expands nothing', () => {
    expect(psLiteral('Site2')).toBe("'Site2'");
    expect(psLiteral('$(Stop-Computer) `n "x"')).toBe("'$(Stop-Computer) `n \"x\"'");
  });

  it('doubles every character PowerShell reads as a single quote, ASCII and typographic', () => {
    expect(psLiteral("O'Brien")).toBe("'O''Brien'");
    for (const q of ['\u2018', '\u2019', '\u201A', '\u201B']) {
      expect(psLiteral(`a${q}b`)).toBe(`'a${q}${q}b'`);
    }
    // A value that tries to close the literal and run a command stays one literal.
    expect(psLiteral("x'; Remove-Item C:\\ -Recurse; '")).toBe("'x''; Remove-Item C:\\ -Recurse; '''");
  });

  it('refuses control characters', () => {
    expect(() => psLiteral('a\nb')).toThrow(PowerShellQuoteError);
    expect(() => psLiteral('a\u0000b')).toThrow(/control character/);
  });
});

describe('psFqdn', () => {
  it('quotes a valid FQDN, with a service prefix', () => {
    expect(psFqdn('pool2.contoso.com', 'Registrar:')).toBe("'Registrar:pool2.contoso.com'");
    expect(psFqdn('edge_01.contoso.com')).toBe("'edge_01.contoso.com'");
  });

  it('refuses anything that is not a strict FQDN before it reaches a command', () => {
    for (const bad of ["pool1'.contoso.com", 'pool1', 'pool1.contoso.com;whoami', '-pool.contoso.com', 'a..b.com', 'Pool1.Contoso.com', '']) {
      expect(isStrictFqdn(bad), bad).toBe(false);
      expect(() => psFqdn(bad), bad).toThrow(/not a valid FQDN/);
    }
  });
});
