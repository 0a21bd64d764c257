/** The public sample topologies (shared/fixtures beside the repository), read as bytes. */
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../..', '../shared/fixtures/topologies/public');

export const SAMPLES = {
  tbxml: 'AutomatedLab__SfBAutomatedLab__Contoso.tbxml',
  standard: 'ibenbouzid__SkypeforBusiness_lab_V3__DefaultTopology_Skype.xml',
  alwaysOn: 'rlevchenko__powershell-skype__DefaultTopology.xml',
} as const;

export function sampleBytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
}

export function sampleText(name: string): string {
  return new TextDecoder().decode(sampleBytes(name));
}
