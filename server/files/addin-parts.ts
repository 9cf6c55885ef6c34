// The parts of an .xlsx that make Excel open it with the add-in, which ExcelJS does not write:
// the add-in's web extension (its reference and its settings) with a task pane shown with the
// document, and custom XML parts. Written into the package after ExcelJS, and read back for the
// tests and the Excel double (test/support/excel-double/file.ts).
//
// Where each piece comes from:
// - The web extension part and its task pane part, the Office.AutoShowTaskpaneWithDocument
//   property and how `we:reference` is filled for each kind of deployment: "Automatically open a
//   task pane with a document", https://learn.microsoft.com/en-us/office/dev/add-ins/develop/automatically-open-a-task-pane-with-a-document
//   (and Microsoft's sample OfficeDev/Office-OOXML-EmbedAddin, OOXMLHelper.cs).
// - Their elements: [MS-OWEXML] 2.2.5 CT_OsfWebExtensionReference,
//   https://learn.microsoft.com/en-us/openspecs/office_standards/ms-owexml/d4081e0b-5711-45de-b708-1dfa1b943ad1,
//   2.2.7 CT_OsfWebExtension, https://learn.microsoft.com/en-us/openspecs/office_standards/ms-owexml/d59d5543-252a-47dd-a566-1503dbf6a233,
//   and the schema (CT_OsfWebExtensionProperty: name and value, both required strings), 5.1,
//   https://learn.microsoft.com/en-us/openspecs/office_standards/ms-owexml/d09bb963-531a-40d2-afcc-9ce14684a7f8.
// - Their content and relationship types: the Open XML SDK's WebExTaskpanesPart and
//   WebExtensionPart (https://learn.microsoft.com/en-us/dotnet/api/documentformat.openxml.packaging.webextaskpanespart),
//   which Microsoft's sample adds to the package itself (SpreadsheetDocument.AddWebExTaskpanesPart).
// - Custom XML parts: ECMA-376 Part 1 §15.2.4 (Custom XML Data Storage part, the target of a
//   customXml relationship from the workbook), §15.2.5 and §22.5 (its properties part,
//   ds:datastoreItem with ds:itemID, an ST_Guid "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}", and
//   ds:schemaRefs).
import { escapeXml } from './xml.ts';
import { randomUUID } from 'node:crypto';
import type JSZip from 'jszip';
import { loadJSZip } from '../libraries.ts';
import { ADDIN_VERSION, AUTO_SHOW_TASKPANE } from '../addin/manifest.ts';

const WE_NS = 'http://schemas.microsoft.com/office/webextensions/webextension/2010/11';
const WETP_NS = 'http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/customXml';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const REL = {
  taskpanes: 'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes',
  webextension: 'http://schemas.microsoft.com/office/2011/relationships/webextension',
  officeDocument:
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  customXml: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml',
  customXmlProps:
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps',
} as const;

export const CONTENT_TYPE = {
  taskpanes: 'application/vnd.ms-office.webextensiontaskpanes+xml',
  webextension: 'application/vnd.ms-office.webextension+xml',
  customXmlProps: 'application/vnd.openxmlformats-officedocument.customXmlProperties+xml',
} as const;

export const TASKPANES_PART = 'xl/webextensions/taskpanes.xml';

/** Where Office finds the add-in a workbook names ([MS-OWEXML] 2.2.5). */
export interface WebExtensionReference {
  id: string;
  version: string;
  store: string;
  storeType: string;
}

/**
 * A sideloaded add-in: "Registry (System registry) | The GUID of the add-in in the add-in
 * manifest | "developer" | The version in the add-in manifest"
 * (automatically-open-a-task-pane-with-a-document). Which reference Excel matches for an add-in
 * uploaded in Excel on the web, or listed from a shared-folder catalog (README), is not on that
 * page: to be checked in a real Excel.
 */
export const SIDELOADED_STORE = { store: 'developer', storeType: 'Registry' } as const;
/**
 * Centralized Deployment from the Microsoft 365 admin center: store and storeType "EXCatalog",
 * the manifest's GUID and version (same page). Written as the alternate reference, which "is
 * used if the Office Add-in could not be located using the primary reference" ([MS-OWEXML] 2.2.7).
 * A network share catalog (FileSystem) names the share's path, which the server does not know.
 */
export const CENTRAL_STORE = { store: 'EXCatalog', storeType: 'EXCatalog' } as const;

/** One add-in in the workbook: where it comes from, its settings, its task pane. */
export interface WebExtensionEntry {
  /** The instance's id in this document ({GUID}); a new one when omitted. */
  instanceId?: string;
  reference: WebExtensionReference;
  alternateReferences?: WebExtensionReference[];
  /**
   * Its settings as Office keeps them: each value is JSON ("Internally … store data as a
   * serialized JavaScript Object Notation (JSON) object", https://learn.microsoft.com/en-us/office/dev/add-ins/develop/persisting-add-in-state-and-settings),
   * so a string setting is written JSON-quoted and Office.AutoShowTaskpaneWithDocument is `true`.
   */
  properties: [name: string, json: string][];
  /** Its task pane: visibility "1" opens it the first time the document is opened. */
  taskpane: { visible: boolean; dockstate: string; width: number; row: number };
}

/** A custom XML part: its ID as Office.js shows it ({GUID}, the itemID) and its document. */
export interface CustomXmlPartFile {
  id: string;
  xml: string;
}

/**
 * A new custom XML part ID. Office gives "the GUID of the custom XML part, including opening and
 * closing braces" (Office.CustomXmlParts.getByIdAsync, https://learn.microsoft.com/en-us/javascript/api/office/office.customxmlparts),
 * the part's ds:itemID, an ST_Guid: upper-case hexadecimal in braces.
 */
export function newPartId(): string {
  return `{${randomUUID().toUpperCase()}}`;
}

const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|quot|apos|amp);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[e]!;
  });

/** The attributes of a start tag's text (prefixes kept: "r:id"). */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** An attribute by its local name, whatever its prefix ("ds:itemID" for "itemID"). */
function attribute(attrs: Record<string, string>, localName: string): string | undefined {
  const key = Object.keys(attrs).find((k) => k === localName || k.endsWith(`:${localName}`));
  return key === undefined ? undefined : attrs[key];
}

/** Start tags of elements with this local name, whatever their prefix. */
function elements(xml: string, localName: string): Record<string, string>[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])([^>]*)>`, 'g');
  return [...xml.matchAll(pattern)].map((m) => attributes(m[1]!));
}

/** A part name relative to the folder of `from` ("xl/_rels/workbook.xml.rels" → "xl/…"). */
function resolvePart(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

/** The relationships part of a part ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"). */
function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  id: string;
  type: string;
  /** The target part's name in the package. */
  part: string;
}

async function relationships(zip: JSZip, part: string): Promise<Relationship[]> {
  const file = zip.file(part === '' ? '_rels/.rels' : relsOf(part));
  if (!file) return [];
  const xml = await file.async('string');
  return elements(xml, 'Relationship').map((a) => ({
    id: a.Id ?? '',
    type: a.Type ?? '',
    part: resolvePart(part === '' ? '' : part, a.Target ?? ''),
  }));
}

async function text(zip: JSZip, part: string): Promise<string> {
  const file = zip.file(part);
  if (!file) throw new Error(`the package has no ${part}`);
  return file.async('string');
}

/** Adds a relationship to a .rels part (made when missing), with the next free rId. */
async function addRelationship(
  zip: JSZip,
  relsPart: string,
  type: string,
  target: string,
): Promise<string> {
  const existing = zip.file(relsPart)
    ? await text(zip, relsPart)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}"></Relationships>`;
  const taken = elements(existing, 'Relationship').map((a) =>
    Number(/^rId(\d+)$/.exec(a.Id ?? '')?.[1] ?? 0),
  );
  const id = `rId${Math.max(0, ...taken) + 1}`;
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  zip.file(relsPart, existing.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`));
  return id;
}

async function addOverrides(zip: JSZip, overrides: [part: string, type: string][]): Promise<void> {
  let types = await text(zip, '[Content_Types].xml');
  // Custom XML items are plain XML, typed by the package's default for ".xml".
  if (!/<Default [^>]*Extension="xml"/.test(types)) {
    types = types.replace(
      /<\/Types>\s*$/,
      '<Default Extension="xml" ContentType="application/xml"/></Types>',
    );
  }
  const added = overrides
    .map(([part, type]) => `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`)
    .join('');
  zip.file('[Content_Types].xml', types.replace(/<\/Types>\s*$/, `${added}</Types>`));
}

function referenceXml(tag: string, r: WebExtensionReference): string {
  return `<we:${tag} id="${escapeXml(r.id)}" version="${escapeXml(r.version)}" store="${escapeXml(r.store)}" storeType="${escapeXml(r.storeType)}"/>`;
}

/** The `we:webextension` part ([MS-OWEXML] 2.2.7: reference, properties, bindings, snapshot). */
export function webExtensionXml(entry: WebExtensionEntry): string {
  const alternates = (entry.alternateReferences ?? []).map((r) => referenceXml('reference', r));
  const properties = entry.properties
    .map(([name, json]) => `<we:property name="${escapeXml(name)}" value="${escapeXml(json)}"/>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<we:webextension xmlns:we="${WE_NS}" id="${escapeXml(entry.instanceId ?? newPartId())}">` +
    referenceXml('reference', entry.reference) +
    (alternates.length
      ? `<we:alternateReferences>${alternates.join('')}</we:alternateReferences>`
      : '<we:alternateReferences/>') +
    `<we:properties>${properties}</we:properties>` +
    '<we:bindings/>' +
    `<we:snapshot xmlns:r="${R_NS}"/>` +
    '</we:webextension>'
  );
}

/** The namespace of a part document's root element (its schemaRef), or null. */
function rootNamespace(xml: string): string | null {
  const root = /<(?![?!])[^>]*>/.exec(xml)?.[0] ?? '';
  return /\sxmlns="([^"]*)"/.exec(root)?.[1] ?? null;
}

function itemPropsXml(part: CustomXmlPartFile): string {
  const ns = rootNamespace(part.xml);
  const refs = ns ? `<ds:schemaRef ds:uri="${escapeXml(ns)}"/>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n` +
    `<ds:datastoreItem ds:itemID="${escapeXml(part.id)}" xmlns:ds="${DS_NS}">` +
    `<ds:schemaRefs>${refs}</ds:schemaRefs></ds:datastoreItem>`
  );
}

/**
 * Writes web extensions and custom XML parts into an .xlsx written by ExcelJS (which holds
 * neither): each web extension with its task pane, the package's relationship to the task panes,
 * each custom XML part with its properties, related from the workbook, and their content types.
 */
export async function addPackageParts(
  xlsx: Buffer,
  parts: { webExtensions: WebExtensionEntry[]; customXmlParts: CustomXmlPartFile[] },
): Promise<Buffer> {
  const zip = await (await loadJSZip()).loadAsync(xlsx);
  if (zip.file(TASKPANES_PART) || zip.file(/^customXml\//).length) {
    throw new Error('the package already has web extensions or custom XML parts');
  }
  const overrides: [string, string][] = [];
  if (parts.webExtensions.length) {
    const panes: string[] = [];
    for (const [i, entry] of parts.webExtensions.entries()) {
      const name = `webextension${i + 1}.xml`;
      zip.file(`xl/webextensions/${name}`, webExtensionXml(entry));
      overrides.push([`xl/webextensions/${name}`, CONTENT_TYPE.webextension]);
      const rId = await addRelationship(zip, relsOf(TASKPANES_PART), REL.webextension, name);
      const p = entry.taskpane;
      panes.push(
        `<wetp:taskpane dockstate="${escapeXml(p.dockstate)}" visibility="${p.visible ? 1 : 0}" width="${p.width}" row="${p.row}">` +
          `<wetp:webextensionref xmlns:r="${R_NS}" r:id="${rId}"/></wetp:taskpane>`,
      );
    }
    zip.file(
      TASKPANES_PART,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<wetp:taskpanes xmlns:wetp="${WETP_NS}">${panes.join('')}</wetp:taskpanes>`,
    );
    overrides.push([TASKPANES_PART, CONTENT_TYPE.taskpanes]);
    await addRelationship(zip, '_rels/.rels', REL.taskpanes, TASKPANES_PART);
  }
  if (parts.customXmlParts.length) {
    const workbook = (await relationships(zip, '')).find((r) => r.type === REL.officeDocument);
    if (!workbook) throw new Error('the package has no workbook');
    for (const [i, part] of parts.customXmlParts.entries()) {
      const n = i + 1;
      zip.file(`customXml/item${n}.xml`, part.xml);
      zip.file(`customXml/itemProps${n}.xml`, itemPropsXml(part));
      await addRelationship(
        zip,
        `customXml/_rels/item${n}.xml.rels`,
        REL.customXmlProps,
        `itemProps${n}.xml`,
      );
      const fromWorkbook = `${'../'.repeat(workbook.part.split('/').length - 1)}customXml/item${n}.xml`;
      await addRelationship(zip, relsOf(workbook.part), REL.customXml, fromWorkbook);
      overrides.push([`customXml/itemProps${n}.xml`, CONTENT_TYPE.customXmlProps]);
    }
  }
  await addOverrides(zip, overrides);
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
  });
}

export interface AddinPartsOptions {
  /** The add-in's manifest id (ADDIN_ID). */
  addinId: string;
  /** The add-in's settings; each value is kept as its JSON, as Office keeps settings. */
  settings: Record<string, unknown>;
  customXmlParts: CustomXmlPartFile[];
}

/**
 * Makes the workbook open with the add-in, its task pane shown, with these settings and custom
 * XML parts, as if the add-in had saved them: the sideloaded reference first, Centralized
 * Deployment as the alternate; Office.AutoShowTaskpaneWithDocument true (the manifest's task
 * pane id is Office.AutoShowTaskpaneWithDocument).
 */
export async function addAddinParts(xlsx: Buffer, options: AddinPartsOptions): Promise<Buffer> {
  const reference = (store: { store: string; storeType: string }) => ({
    id: options.addinId,
    version: ADDIN_VERSION,
    ...store,
  });
  const settings: [string, string][] = Object.entries(options.settings).map(([k, v]) => [
    k,
    JSON.stringify(v),
  ]);
  return addPackageParts(xlsx, {
    webExtensions: [
      {
        reference: reference(SIDELOADED_STORE),
        alternateReferences: [reference(CENTRAL_STORE)],
        properties: [
          ...(AUTO_SHOW_TASKPANE in options.settings
            ? []
            : [[AUTO_SHOW_TASKPANE, 'true'] as [string, string]]),
          ...settings,
        ],
        taskpane: { visible: true, dockstate: 'right', width: 350, row: 4 },
      },
    ],
    customXmlParts: options.customXmlParts,
  });
}

/** A web extension as read from a package. */
export interface ReadWebExtension extends WebExtensionEntry {
  instanceId: string;
  /** Its part's name in the package. */
  part: string;
}

/** The web extensions (through the task panes part) and custom XML parts of an .xlsx. */
export async function readPackageParts(
  xlsx: Buffer | JSZip,
): Promise<{ webExtensions: ReadWebExtension[]; customXmlParts: CustomXmlPartFile[] }> {
  const zip = Buffer.isBuffer(xlsx) ? await (await loadJSZip()).loadAsync(xlsx) : xlsx;
  const root = await relationships(zip, '');
  const webExtensions: ReadWebExtension[] = [];
  for (const rel of root.filter((r) => r.type === REL.taskpanes)) {
    const panes = await text(zip, rel.part);
    const targets = await relationships(zip, rel.part);
    for (const m of panes.matchAll(
      /<(?:[\w.-]+:)?taskpane(?=[\s>])([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?taskpane>/g,
    )) {
      const pane = attributes(m[1]!);
      const ref = elements(m[2]!, 'webextensionref')[0];
      const rId = ref && attribute(ref, 'id');
      const target = targets.find((t) => t.id === rId && t.type === REL.webextension);
      if (!target || !zip.file(target.part)) continue;
      const xml = await text(zip, target.part);
      const [primary, ...alternates] = elements(xml, 'reference').map((a) => ({
        id: a.id ?? '',
        version: a.version ?? '',
        store: a.store ?? '',
        storeType: a.storeType ?? 'SPCatalog',
      }));
      if (!primary) continue;
      webExtensions.push({
        part: target.part,
        instanceId: elements(xml, 'webextension')[0]?.id ?? '',
        reference: primary,
        alternateReferences: alternates,
        properties: elements(xml, 'property').map((a) => [a.name ?? '', a.value ?? '']),
        taskpane: {
          visible: pane.visibility === '1' || pane.visibility === 'true',
          dockstate: pane.dockstate ?? 'right',
          width: Number(pane.width ?? 350),
          row: Number(pane.row ?? 0),
        },
      });
    }
  }
  const customXmlParts: CustomXmlPartFile[] = [];
  const workbook = root.find((r) => r.type === REL.officeDocument);
  for (const rel of workbook ? await relationships(zip, workbook.part) : []) {
    if (rel.type !== REL.customXml || !zip.file(rel.part)) continue;
    const props = (await relationships(zip, rel.part)).find((r) => r.type === REL.customXmlProps);
    const propsXml = props && zip.file(props.part) ? await text(zip, props.part) : '';
    const item = elements(propsXml, 'datastoreItem')[0];
    const id = item && attribute(item, 'itemID');
    customXmlParts.push({ id: id ?? '', xml: await text(zip, rel.part) });
  }
  return { webExtensions, customXmlParts };
}
