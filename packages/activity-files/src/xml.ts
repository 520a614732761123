import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ActivityFileError } from './activity-file-error';

/** An element with its name resolved to a namespace URI, so `gpxtpx:hr` and `ns3:hr` read the same. */
export interface XmlElement {
  namespace: string;
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** fast-xml-parser's ordered output: `{ [tag]: children, ':@': attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;

const ATTRIBUTES = ':@';
const TEXT = '#text';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Documents with a DTD are refused before parsing, so only XML's predefined entities remain.
  processEntities: true,
  htmlEntities: false,
  // No callbacks read the path: building its string for every value cost ≈ 2% of an import.
  jPath: false,
});

/** Activity files never need a DTD; one that declares entities could expand without bound. */
const DOCUMENT_TYPE = /<!DOCTYPE|<!ENTITY/i;
const ENDS_WITH_CLOSING_TAG = /<\/[\w:.-]+>\s*$/;

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ActivityFileError('wrong_format', 'not an XML document (not UTF-8 text)');
  }
}

function resolve(
  node: OrderedNode,
  inScope: ReadonlyMap<string, string>,
): XmlElement | string | null {
  const tag = Object.keys(node).find((key) => key !== ATTRIBUTES);
  if (tag === undefined) return null;
  if (tag === TEXT) return String(node[TEXT]);

  const attributes = (node[ATTRIBUTES] ?? {}) as Record<string, string>;
  let scope = inScope;
  for (const [attribute, value] of Object.entries(attributes)) {
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
      if (scope === inScope) scope = new Map(inScope);
      const prefix = attribute === 'xmlns' ? '' : attribute.slice('xmlns:'.length);
      (scope as Map<string, string>).set(prefix, value);
    }
  }
  const colon = tag.indexOf(':');
  const prefix = colon === -1 ? '' : tag.slice(0, colon);
  const element: XmlElement = {
    namespace: scope.get(prefix) ?? '',
    name: tag.slice(colon + 1),
    attributes,
    children: [],
    text: '',
  };
  for (const child of node[tag] as OrderedNode[]) {
    const resolved = resolve(child, scope);
    if (typeof resolved === 'string') element.text += resolved;
    else if (resolved) element.children.push(resolved);
  }
  return element;
}

/**
 * Parses an activity file's XML into namespace-resolved elements and returns the root. Refuses text that
 * is not UTF-8, not well-formed, or declares a DTD.
 */
export function parseXml(bytes: Uint8Array): XmlElement {
  const text = decodeUtf8(bytes);
  if (!text.trimStart().startsWith('<')) {
    throw new ActivityFileError('wrong_format', 'not an XML document');
  }
  if (DOCUMENT_TYPE.test(text)) {
    throw new ActivityFileError('unsafe_xml', 'XML with a document type (entity declarations)');
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, msg } = validation.err;
    throw ENDS_WITH_CLOSING_TAG.test(text)
      ? new ActivityFileError('corrupt', `not well-formed XML (line ${line}: ${msg})`)
      : new ActivityFileError('truncated', 'the XML ends before its last element is closed');
  }
  const nodes = parser.parse(text) as OrderedNode[];
  const root = nodes
    .map((node) => resolve(node, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])))
    .find((node): node is XmlElement => typeof node === 'object' && node !== null);
  if (!root) throw new ActivityFileError('corrupt', 'an XML file without a root element');
  return root;
}

/** The children of `element` with this namespace (one of `namespaces`) and local name. */
export function childElements(
  element: XmlElement,
  namespaces: ReadonlySet<string>,
  name: string,
): XmlElement[] {
  return element.children.filter((child) => child.name === name && namespaces.has(child.namespace));
}

export function childElement(
  element: XmlElement,
  namespaces: ReadonlySet<string>,
  name: string,
): XmlElement | undefined {
  return element.children.find((child) => child.name === name && namespaces.has(child.namespace));
}

/** The trimmed text of a child element, or undefined when it is absent or empty. */
export function childText(
  element: XmlElement,
  namespaces: ReadonlySet<string>,
  name: string,
): string | undefined {
  const text = childElement(element, namespaces, name)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** A finite number from an element's text or an attribute, else undefined. */
export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Milliseconds since the epoch from an ISO 8601 time, else undefined. */
export function toTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}
