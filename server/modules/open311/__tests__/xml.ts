// A strict little XML reader for the conformance tests: it accepts exactly the documents Open311 needs (the
// declaration, elements without attributes or namespaces, text with the five predefined entities and numeric
// character references) and throws on anything malformed, so a passing test means a well-formed document.

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);|&/g, (_m, ent: string | undefined) => {
    if (ent === undefined) throw new Error(`bare & in text: ${text.slice(0, 40)}`);
    if (ent === 'amp') return '&';
    if (ent === 'lt') return '<';
    if (ent === 'gt') return '>';
    if (ent === 'quot') return '"';
    if (ent === 'apos') return "'";
    const cp = ent.startsWith('#x') ? Number.parseInt(ent.slice(2), 16) : Number.parseInt(ent.slice(1), 10);
    return String.fromCodePoint(cp);
  });
}

/** Parses a whole document; the declaration must say version 1.0 and UTF-8. */
export function parseXml(doc: string): XmlElement {
  const decl = /^<\?xml version="1\.0" encoding="utf-8"\?>\s*/i.exec(doc);
  if (!decl) throw new Error('missing <?xml version="1.0" encoding="utf-8"?> declaration');
  let i = decl[0].length;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character is what this check looks for
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(doc)) throw new Error('control character in XML');

  function element(): XmlElement {
    if (doc[i] !== '<') throw new Error(`expected < at ${i}`);
    i++;
    const m = NAME.exec(doc.slice(i));
    if (!m) throw new Error(`bad element name at ${i}`);
    const name = m[0];
    i += name.length;
    while (doc[i] === ' ') i++;
    if (doc.startsWith('/>', i)) {
      i += 2;
      return { name, children: [], text: '' };
    }
    if (doc[i] !== '>') throw new Error(`attributes are not expected (<${name} at ${i})`);
    i++;
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= doc.length) throw new Error(`unclosed <${name}>`);
      if (doc.startsWith('</', i)) {
        const close = `</${name}>`;
        if (!doc.startsWith(close, i)) throw new Error(`mismatched end tag at ${i}, expected ${close}`);
        i += close.length;
        if (children.length && text.trim() !== '') throw new Error(`mixed content in <${name}>`);
        return { name, children, text: children.length ? '' : decode(text) };
      }
      if (doc[i] === '<') {
        children.push(element());
        continue;
      }
      const next = doc.indexOf('<', i);
      if (next < 0) throw new Error(`unclosed <${name}>`);
      const chunk = doc.slice(i, next);
      if (chunk.includes('>')) throw new Error(`stray > in text of <${name}>`);
      text += chunk;
      i = next;
    }
  }

  const root = element();
  if (doc.slice(i).trim() !== '') throw new Error('content after the root element');
  return root;
}

/** Children of an element by name. */
export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);

/** The text of a direct child (null when the child is absent). */
export function childText(el: XmlElement, name: string): string | null {
  const c = el.children.find((x) => x.name === name);
  return c ? c.text : null;
}

/** A leaf element's children as a name → text map (the flat records of Open311). */
export function record(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of el.children) if (c.children.length === 0) out[c.name] = c.text;
  return out;
}
