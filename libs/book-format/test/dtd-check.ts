import { isElement, parseXml, type XmlElement } from '../src/xml.js';

/**
 * A validator for the subset of DTD syntax the TMX 1.4 DTD uses (element content models, attribute
 * lists with #REQUIRED and enumerations, parameter entities), for tests only: the WebAssembly xmllint
 * here has no DTD validation. Returns the problems found, each with its line.
 */
export function checkAgainstDtd(xml: string, dtd: string): string[] {
  const entities = new Map<string, string>();
  for (const m of dtd.matchAll(/<!ENTITY\s+%\s+(\S+)\s+"([^"]*)"\s*>/g)) entities.set(m[1]!, m[2]!);
  const text = dtd.replace(/<!--[\s\S]*?-->/g, '').replace(/%([\w.-]+);/g, (_, n: string) => entities.get(n) ?? '');
  const models = new Map<string, RegExp | 'EMPTY' | Set<string>>();
  for (const m of text.matchAll(/<!ELEMENT\s+(\S+)\s+([^>]+)>/g)) {
    const model = m[2]!.trim();
    if (model === 'EMPTY') models.set(m[1]!, 'EMPTY');
    else if (model.includes('#PCDATA')) models.set(m[1]!, new Set(model.replace(/[()*\s]/g, '').split('|').filter((x) => x !== '#PCDATA')));
    else models.set(m[1]!, new RegExp(`^${model.replace(/\s/g, '').replace(/[A-Za-z][\w.-]*/g, (n) => `(?:${n}#)`).replace(/,/g, '').replace(/#/g, ',')}$`));
  }
  const attlists = new Map<string, Map<string, { required: boolean; values: string[] | null }>>();
  for (const m of text.matchAll(/<!ATTLIST\s+(\S+)([^>]*)>/g)) {
    const list = new Map<string, { required: boolean; values: string[] | null }>();
    for (const a of m[2]!.matchAll(/([\w:.-]+)\s+(CDATA|NMTOKEN|\(([^)]*)\))\s+(#REQUIRED|#IMPLIED|#FIXED\s+"[^"]*"|"[^"]*")/g)) {
      list.set(a[1]!, { required: a[4] === '#REQUIRED', values: a[3] ? a[3].split('|').map((v) => v.trim()) : null });
    }
    attlists.set(m[1]!, list);
  }
  const problems: string[] = [];
  const visit = (el: XmlElement): void => {
    const model = models.get(el.name);
    const children = el.children.filter(isElement);
    if (!model) problems.push(`line ${el.line}: <${el.name}> is not declared`);
    else if (model === 'EMPTY') {
      if (el.children.length) problems.push(`line ${el.line}: <${el.name}> must be empty`);
    } else if (model instanceof Set) {
      for (const c of children) if (!model.has(c.name)) problems.push(`line ${c.line}: <${c.name}> is not allowed in <${el.name}>`);
    } else {
      if (el.children.some((c) => !isElement(c) && c.text.trim())) problems.push(`line ${el.line}: <${el.name}> holds text`);
      const sequence = children.map((c) => `${c.name},`).join('');
      if (!model.test(sequence)) problems.push(`line ${el.line}: <${el.name}> holds ${sequence || 'nothing'}, not ${model.source}`);
    }
    const declared = attlists.get(el.name) ?? new Map();
    for (const [key, a] of el.attrs) {
      const name = a.ns === 'http://www.w3.org/XML/1998/namespace' ? `xml:${a.name}` : key;
      const decl = declared.get(name);
      if (!decl) problems.push(`line ${el.line}: <${el.name}> has no attribute ${name}`);
      else if (decl.values && !decl.values.includes(a.value)) problems.push(`line ${el.line}: ${name}="${a.value}" is not one of ${decl.values.join('|')}`);
    }
    for (const [name, decl] of declared) {
      const present = name.startsWith('xml:') ? el.attrs.has(`{http://www.w3.org/XML/1998/namespace}${name.slice(4)}`) : el.attrs.has(name);
      if (decl.required && !present) problems.push(`line ${el.line}: <${el.name}> needs ${name}`);
    }
    children.forEach(visit);
  };
  visit(parseXml(xml));
  return problems;
}
