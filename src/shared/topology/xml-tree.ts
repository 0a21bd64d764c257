/**
 * A light element tree over saxes: just enough for the topology readers. Elements keep their
 * namespace URI, local name and line/column, so every import message can point at the source.
 * Matching is always on namespace URI + local name; prefixes are never looked at.
 *
 * Keeping a large document's elements alive costs more garbage-collection time than parsing it, so
 * the tree holds as little as it can: only the elements and attributes a reader asks for (its
 * vocabulary; the rest — ports, network interfaces, web components, most of a topology document —
 * is parsed and checked for well-formedness but not kept), and a reader may take each element as
 * it closes (`onClose`), after which the tree drops it.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * Local name of each element to keep → the unprefixed attributes to keep on it. The root is always
 * kept (with the attributes listed for its name, if any) so a caller can say what it found.
 */
export type XmlVocabulary = ReadonlyMap<string, readonly string[]>;

export interface XmlElement {
  uri: string;
  local: string;
  /** Kept attributes as name, value, name, value, … (a handful per element: a scan beats a map). */
  attributes: readonly string[];
  children: readonly XmlElement[];
  /** Character data directly inside the element, where it is not only whitespace. */
  text: string;
  /** 1-based line and column of the element's `<`. */
  line: number;
  column: number;
}

/** Not well-formed XML; line and column (1-based) locate the offending character. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'XmlSyntaxError';
  }
}

// Shared by every element without kept attributes or children: most elements are leaves, and each
// allocation that lives as long as the tree costs garbage-collection time.
const NONE: readonly never[] = Object.freeze([]);

/**
 * Called as each kept element closes, with its open ancestors (root first; the live parse stack,
 * not to be kept). Returning true means the caller has taken what it needs: the element is not
 * added to its parent.
 */
export type OnClose = (element: XmlElement, ancestors: readonly XmlElement[]) => boolean;

/** Parses `text` and returns its root element, with the descendants `vocabulary` names that `onClose` did not take. */
export function parseXml(text: string, vocabulary: XmlVocabulary, onClose?: OnClose): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  // Depth inside an element that is not kept; its whole subtree is passed over.
  let skipDepth = 0;
  let startLine = 1;
  let startColumn = 1;

  parser.on('opentagstart', (tag) => {
    // saxes reports the position just past the name and one more character; step back to the '<'.
    startLine = parser.line;
    startColumn = parser.column - tag.name.length - 1;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const wanted = skipDepth === 0 ? vocabulary.get(tag.local) : undefined;
    if (!wanted && (root || skipDepth > 0)) {
      skipDepth++;
      return;
    }
    let attributes: string[] | undefined;
    for (const name of wanted ?? NONE) {
      const a = tag.attributes[name];
      if (a !== undefined && a.uri === '') (attributes ??= []).push(name, a.value);
    }
    const element: XmlElement = {
      uri: tag.uri,
      local: tag.local,
      attributes: attributes ?? NONE,
      children: NONE,
      text: '',
      line: startLine,
      column: startColumn,
    };
    if (!root) root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    const element = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (!parent || onClose?.(element, stack)) return;
    if (parent.children === NONE) parent.children = [element];
    else (parent.children as XmlElement[]).push(element);
  });
  parser.on('text', (data) => {
    if (skipDepth > 0) return;
    const current = stack[stack.length - 1];
    if (current && data.trim() !== '') current.text += data;
  });

  parser.on('error', (error) => {
    // saxes prefixes "line:column: "; keep only the reason and report the position ourselves.
    throw new XmlSyntaxError(error.message.replace(/^\d+:\d+: /, ''), parser.line, Math.max(parser.column, 1));
  });

  parser.write(text).close();
  if (!root) throw new XmlSyntaxError('document must contain a root element.', parser.line, 1);
  return root;
}

/** A kept unprefixed attribute's value. */
export function attr(element: XmlElement, name: string): string | undefined {
  const a = element.attributes;
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
}

/** The first child named `local` in one of `uris`. */
export function child(element: XmlElement, uris: readonly string[], local: string): XmlElement | undefined {
  for (const c of element.children) if (c.local === local && uris.includes(c.uri)) return c;
  return undefined;
}

/** Every child named `local` in one of `uris`, in document order. */
export function childrenNamed(element: XmlElement, uris: readonly string[], local: string): XmlElement[] {
  return element.children.filter((c) => c.local === local && uris.includes(c.uri));
}

/** `{uri}local` — how messages name an element whose namespace matters. */
export function qualifiedName(element: XmlElement): string {
  return element.uri ? `{${element.uri}}${element.local}` : element.local;
}
