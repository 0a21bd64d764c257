/**
 * The topology importer: bytes or text of either topology form → Topology, plus the problems found.
 * Problems that leave nothing usable (not text, not XML, not a topology) throw TopologyImportError;
 * everything else is a warning and the rest loads.
 */
import type { ImportIssue, Topology } from '../model/types';
import { buildTopology } from './build';
import { TextDecodeError, decodeText } from './encoding';
import { publishedReader } from './published';
import { IssueLog, NS, TOPOLOGY_VOCABULARY, type TopologyReader } from './raw';
import { partialTopologyOf, tbxmlReader } from './tbxml';
import { XmlSyntaxError, parseXml, qualifiedName, type OnClose, type XmlElement } from './xml-tree';

export interface ImportResult {
  topology: Topology;
  issues: ImportIssue[];
  form: 'published' | 'tbxml';
}

/** Nothing usable in the input; `issues` holds the one error, located where the input allows. */
export class TopologyImportError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'TopologyImportError';
  }
}

export function importTopology(input: Uint8Array | string, options: { fileName?: string } = {}): ImportResult {
  const file = options.fileName;
  const log = new IssueLog(file);
  const text = decode(input, file);

  // The form is known once the root element opens; its reader then takes records as they close.
  let reader: { form: ImportResult['form']; read: TopologyReader } | null | undefined;
  const root = parse(text, file, (element, ancestors) => {
    if (reader === undefined) reader = readerFor(ancestors[0]!, log);
    return reader !== null && reader.read.take(element, ancestors);
  });
  reader ??= readerFor(root, log);

  if (reader?.form === 'tbxml' && !partialTopologyOf(root)) {
    fail(`${name(file)} is a Topology Builder file without NewTopology/PartialTopology: there is no topology to read`, file, root);
  }
  if (!reader) {
    const expected = `<Topology xmlns="${NS.topology}"> (Get-CsTopology -AsXml) or <TopologyBuilder xmlns="${NS.builder}"> (a .tbxml file)`;
    const found = root.uri ? `<${root.local}> in namespace "${root.uri}"` : `<${root.local}> without a namespace`;
    fail(`${name(file)} is not a topology document: its root element is ${found}; expected ${expected}`, file, root, qualifiedName(root));
  }
  return { topology: buildTopology(reader.read.finish(root), log), issues: log.issues, form: reader.form };
}

function readerFor(root: XmlElement, log: IssueLog): { form: ImportResult['form']; read: TopologyReader } | null {
  if (root.uri === NS.topology && root.local === 'Topology') return { form: 'published', read: publishedReader(log) };
  if (root.uri === NS.builder && root.local === 'TopologyBuilder') return { form: 'tbxml', read: tbxmlReader(log) };
  return null;
}

function decode(input: Uint8Array | string, file: string | undefined): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return decodeText(input);
  } catch (error) {
    if (error instanceof TextDecodeError) fail(`${name(file)} cannot be read as text: ${error.message}`, file);
    throw error;
  }
}

function parse(text: string, file: string | undefined, onClose: OnClose): XmlElement {
  try {
    return parseXml(text, TOPOLOGY_VOCABULARY, onClose);
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      fail(`${name(file)} is not well-formed XML (line ${error.line}, column ${error.column}): ${error.reason}`, file, error);
    }
    throw error;
  }
}

function name(file: string | undefined): string {
  return file ?? 'The input';
}

function fail(message: string, file: string | undefined, at?: { line: number; column: number }, element?: string): never {
  throw new TopologyImportError([
    {
      severity: 'error',
      message,
      ...(file !== undefined ? { file } : {}),
      ...(at ? { line: at.line, column: at.column } : {}),
      ...(element ? { element } : {}),
    },
  ]);
}
