/**
 * A small XML serializer for the Open311 GeoReport v2 answers, chosen over a library: the documents are a
 * fixed, shallow shape (a root, repeated items, scalar or nested elements, no attributes, no namespaces), so
 * what must be right is only escaping — the five markup characters, and characters XML 1.0 cannot carry at
 * all (C0 controls other than tab, newline and carriage return; U+FFFE, U+FFFF; lone surrogates), which are
 * dropped since not even a character reference may stand for them. Element names are ours, checked anyway.
 */
export type XmlValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | XmlValue[]
  | { [name: string]: XmlValue };

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function element(name: string, value: XmlValue, itemNames: Record<string, string>, indent: string): string {
  if (!ELEMENT_NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  if (value === null || value === undefined) return `${indent}<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item element name for the list ${name}`);
    const children = value.map((v) => element(item, v, itemNames, `${indent}  `));
    return children.length === 0
      ? `${indent}<${name}></${name}>`
      : `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([key, v]) => element(key, v, itemNames, `${indent}  `));
    return `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: the declaration and one root element; lists take their items' names from `itemNames`. */
export function xmlDocument(root: string, value: XmlValue, itemNames: Record<string, string>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames, '')}\n`;
}
