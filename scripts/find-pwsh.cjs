/*
 * Finds PowerShell 7 (`pwsh`) for the tests that run generated PowerShell through the real parser:
 * POOLPILOT_PWSH, then PATH, then the .NET global tool folder (`dotnet tool install --global
 * PowerShell --version 7.6.10` puts it in ~/.dotnet/tools, which a fresh shell may not have on PATH).
 * Returns the path, or undefined.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function findPwsh() {
  const exe = process.platform === 'win32' ? 'pwsh.exe' : 'pwsh';
  const candidates = [
    process.env.POOLPILOT_PWSH,
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, exe)),
    path.join(os.homedir(), '.dotnet', 'tools', exe),
  ];
  return candidates.find((p) => p && fs.existsSync(p));
}

/** What to tell a developer who has no pwsh. */
const PWSH_MISSING =
  'PowerShell 7 (pwsh) was not found (POOLPILOT_PWSH, PATH, ~/.dotnet/tools). Install it with\n' +
  '  dotnet tool install --global PowerShell --version 7.6.10\n' +
  '(7.7.0 does not install on the build machines; Debian needs libicu for it), or set POOLPILOT_PWSH.';

module.exports = { findPwsh, PWSH_MISSING };
