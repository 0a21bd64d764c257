/**
 * Where the run goes: the lab (a simulated copy of the deployment shown; the default, as the demo
 * opens in lab mode) or a live Front End the admin names. For a live server a credential can be
 * saved in main (encrypted there); the password field is emptied once saved and never filled from
 * main — only the user name of a saved credential comes back. Without one, Windows integrated
 * authentication is used.
 */
import { useEffect, useId, useState } from 'react';
import type { RunEnvironment } from '../../shared/run/types';
import { forgetCredential, saveCredential, savedCredential } from './run-actions';

/** A first check while typing; main checks the name strictly and says what is wrong. */
export function looksLikeHostName(text: string): boolean {
  return /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(text.trim());
}

function Credential({ endpoint }: { endpoint: string }) {
  const [saved, setSaved] = useState<string | null>(null);
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    let current = true;
    setSaved(null);
    if (looksLikeHostName(endpoint)) void savedCredential(endpoint).then((name) => current && setSaved(name));
    return () => {
      current = false;
    };
  }, [endpoint]);

  const canSave = !busy && userName.trim() !== '' && password !== '' && looksLikeHostName(endpoint);
  const save = async () => {
    setBusy(true);
    const error = await saveCredential(endpoint, userName.trim(), password);
    setBusy(false);
    // The password leaves the window once, to main; it is not kept here either way.
    setPassword('');
    if (error) setMessage({ error: true, text: error });
    else {
      setSaved(userName.trim());
      setMessage({ error: false, text: `Saved, encrypted, for ${endpoint}.` });
    }
  };
  const forget = async () => {
    const error = await forgetCredential(endpoint);
    if (error) setMessage({ error: true, text: error });
    else {
      setSaved(null);
      setMessage({ error: false, text: `Forgotten: ${endpoint} uses Windows integrated authentication.` });
    }
  };

  return (
    <fieldset className="run-credential" data-testid="run-credential">
      <legend>Credential (optional)</legend>
      <p className="run-line muted" data-testid="run-credential-saved">
        {saved ? (
          <>
            Using the saved credential of <strong>{saved}</strong>.{' '}
            <button type="button" className="button small" onClick={() => void forget()}>
              Forget it
            </button>
          </>
        ) : (
          'None saved: Windows integrated authentication (the account PoolPilot runs as).'
        )}
      </p>
      {/* A form, so Enter in either field saves. */}
      <form
        className="run-credential-fields"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSave) void save();
        }}
      >
        <label className="run-field" htmlFor={`${id}-user`}>
          <span>User name</span>
          <input id={`${id}-user`} type="text" autoComplete="username" placeholder="CONTOSO\admin" value={userName} data-testid="run-credential-user" onChange={(e) => setUserName(e.target.value)} />
        </label>
        <label className="run-field" htmlFor={`${id}-password`}>
          <span>Password</span>
          <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} data-testid="run-credential-password" onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="run-credential-save" disabled={!canSave}>
          Save credential
        </button>
      </form>
      <p className={`run-line${message?.error ? ' run-error' : ''}`} role="status">
        {message?.text ?? ''}
      </p>
    </fieldset>
  );
}

export function EnvironmentChoice({ value, onChange }: { value: RunEnvironment; onChange: (environment: RunEnvironment) => void }) {
  const [endpoint, setEndpoint] = useState(value.kind === 'server' ? value.endpoint : '');
  const live = value.kind === 'server';
  const id = useId();
  return (
    <fieldset className="run-environment" data-testid="run-environment">
      <legend>Where it runs</legend>
      <label className="run-choice">
        <input type="radio" name={`${id}-env`} checked={!live} data-testid="run-env-lab" onChange={() => onChange({ kind: 'lab' })} />
        <span>
          <strong>The lab</strong> — a simulated copy of the deployment shown. Nothing real is changed.
        </span>
      </label>
      <label className="run-choice">
        <input type="radio" name={`${id}-env`} checked={live} data-testid="run-env-live" onChange={() => onChange({ kind: 'server', endpoint: endpoint.trim() })} />
        <span>
          <strong>Live server…</strong> — a Front End of the real deployment, over remote PowerShell.
        </span>
      </label>
      {live && (
        <div className="run-live">
          <label className="run-field" htmlFor={`${id}-fqdn`}>
            <span>Front End pool or server FQDN</span>
            <input
              id={`${id}-fqdn`}
              type="text"
              spellCheck={false}
              placeholder="pool2.contoso.com"
              value={endpoint}
              data-testid="run-env-fqdn"
              aria-invalid={endpoint !== '' && !looksLikeHostName(endpoint)}
              onChange={(e) => {
                setEndpoint(e.target.value);
                onChange({ kind: 'server', endpoint: e.target.value.trim() });
              }}
            />
          </label>
          {endpoint !== '' && !looksLikeHostName(endpoint) && <p className="run-line run-error">Not a host name: letters, digits, dots and hyphens, e.g. pool2.contoso.com.</p>}
          <Credential endpoint={endpoint.trim()} />
        </div>
      )}
    </fieldset>
  );
}
