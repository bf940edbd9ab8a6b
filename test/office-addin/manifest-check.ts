/**
 * Offline check of the Excel add-in manifest (the online validator is unreachable
 * here): well-formed XML (strict parser), the base elements in schema order, a
 * task pane for Workbook only with ReadWriteDocument, a Home-tab button that opens
 * the task pane, every `resid` resolving to a resource of the right kind, every
 * URL https, zh-CN overrides for the display strings, and a base `<Requirements>`
 * asking for ExcelApi REQUIRED_EXCEL_API or later (without it Office offers the
 * add-in on hosts where it cannot run). Returns a list of problems
 * (empty = valid) so tests can also prove that broken manifests are caught.
 */
import { SaxesParser } from 'saxes';

export interface XmlNode {
  /** Local name (no prefix). */
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
};

/** Parse strictly with namespaces; attribute keys are `prefix:local` as written, or local. */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [key, a] of Object.entries(tag.attributes)) attrs[key] = a.value;
    const node: XmlNode = { name: tag.local, ns: tag.uri, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** Base-manifest elements of a TaskPaneApp in the order the schema's sequence requires. */
export const SCHEMA_ORDER = [
  'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description',
  'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements',
  'DefaultSettings', 'Permissions', 'AllowSnapshot', 'Dictionary', 'VersionOverrides',
];
/** The ExcelApi requirement set the add-in needs (freezePanes, getItemOrNullObject, suspendApiCalculationUntilNextSync). */
export const REQUIRED_EXCEL_API = '1.7';

function versionAtLeast(v: string, min: string): boolean {
  const a = v.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Problems of the base manifest's `<Requirements>`: it must ask for ExcelApi REQUIRED_EXCEL_API or later. */
function requirementProblems(root: XmlNode): string[] {
  const req = root.children.find((c) => c.name === 'Requirements');
  if (!req) return [`missing <Requirements> with ExcelApi ${REQUIRED_EXCEL_API}`];
  const sets = req.children.filter((c) => c.name === 'Sets');
  const excel = sets.flatMap((s) => s.children.filter((c) => c.name === 'Set' && c.attrs.Name === 'ExcelApi').map((c) => ({ set: c, sets: s })));
  if (excel.length !== 1) return [`<Requirements> must name ExcelApi once, found ${excel.length}`];
  const version = excel[0].set.attrs.MinVersion ?? excel[0].sets.attrs.DefaultMinVersion ?? '1.1';
  if (!/^\d+\.\d+$/.test(version)) return [`ExcelApi MinVersion "${version}" is not n.n`];
  if (!versionAtLeast(version, REQUIRED_EXCEL_API)) return [`ExcelApi MinVersion ${version} is below ${REQUIRED_EXCEL_API}`];
  return [];
}

export const REQUIRED = [
  'Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
  'HighResolutionIconUrl', 'Hosts', 'DefaultSettings', 'Permissions', 'VersionOverrides',
];

export function walk(node: XmlNode, visit: (n: XmlNode, parent: XmlNode | null) => void, parent: XmlNode | null = null): void {
  visit(node, parent);
  for (const c of node.children) walk(c, visit, node);
}

function find(node: XmlNode, path: string[]): XmlNode[] {
  let level = [node];
  for (const name of path) level = level.flatMap((n) => n.children.filter((c) => c.name === name));
  return level;
}

const XSI_TYPE = 'xsi:type';

/** Which resource collection a `resid` must point into, by the element that carries it. */
function residKind(element: XmlNode, parent: XmlNode | null): 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings' | 'Strings' {
  if (element.name === 'Image') return 'Images';
  if (['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(element.name)) return 'Urls';
  if (element.name === 'Label' || (element.name === 'Title')) return 'ShortStrings';
  if (element.name === 'Description' && parent?.name === 'Supertip') return 'LongStrings';
  if (element.name === 'Description') return 'LongStrings';
  return 'Strings';
}

/** Check a manifest; returns human-readable problems (empty when the manifest passes). */
export function checkManifest(xml: string): string[] {
  const problems: string[] = [];
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [`not well-formed XML: ${(e as Error).message}`];
  }
  if (root.name !== 'OfficeApp' || root.ns !== NS.app) problems.push('root must be OfficeApp in the appforoffice/1.1 namespace');
  if (root.attrs[XSI_TYPE] !== 'TaskPaneApp') problems.push('OfficeApp xsi:type must be TaskPaneApp');

  // Base elements: known, in schema order, required ones present, none repeated.
  const names = root.children.map((c) => c.name);
  for (const n of names) if (!SCHEMA_ORDER.includes(n)) problems.push(`unexpected element <${n}> in OfficeApp`);
  const known = names.filter((n) => SCHEMA_ORDER.includes(n));
  for (let i = 1; i < known.length; i++) {
    if (SCHEMA_ORDER.indexOf(known[i]) <= SCHEMA_ORDER.indexOf(known[i - 1])) {
      problems.push(`<${known[i]}> is out of schema order (after <${known[i - 1]}>)`);
    }
  }
  for (const r of REQUIRED) if (!names.includes(r)) problems.push(`missing required <${r}>`);
  problems.push(...requirementProblems(root));

  const child = (n: string): XmlNode | undefined => root.children.find((c) => c.name === n);
  const id = child('Id')?.text.trim() ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`Id "${id}" is not a GUID`);
  const version = child('Version')?.text.trim() ?? '';
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) problems.push(`Version "${version}" is not n.n.n.n`);
  if (child('DefaultLocale')?.text.trim() !== 'en-US') problems.push('DefaultLocale must be en-US');
  const permissions = child('Permissions')?.text.trim();
  if (permissions !== 'ReadWriteDocument') problems.push(`Permissions must be ReadWriteDocument, not "${permissions ?? ''}"`);

  const hosts = find(root, ['Hosts', 'Host']).map((h) => h.attrs.Name);
  if (hosts.length !== 1 || hosts[0] !== 'Workbook') problems.push(`Hosts must be exactly Workbook, got [${hosts.join(', ')}]`);
  if (!find(root, ['DefaultSettings', 'SourceLocation'])[0]?.attrs.DefaultValue) problems.push('DefaultSettings/SourceLocation has no DefaultValue');

  for (const n of ['DisplayName', 'Description']) {
    const el = child(n);
    if (!el?.attrs.DefaultValue) problems.push(`<${n}> has no DefaultValue`);
    if (!el?.children.some((c) => c.name === 'Override' && c.attrs.Locale === 'zh-CN' && c.attrs.Value)) problems.push(`<${n}> has no zh-CN Override`);
  }
  if ((child('DisplayName')?.attrs.DefaultValue ?? '').length > 125) problems.push('DisplayName longer than 125 characters');

  // VersionOverrides: Workbook host, Home tab button → ShowTaskpane.
  const vo = child('VersionOverrides');
  if (vo) {
    if (vo.ns !== NS.ov || vo.attrs[XSI_TYPE] !== 'VersionOverridesV1_0') problems.push('VersionOverrides must be VersionOverridesV1_0 in the taskpaneappversionoverrides namespace');
    const voHosts = find(vo, ['Hosts', 'Host']);
    if (voHosts.length !== 1 || voHosts[0].attrs[XSI_TYPE] !== 'Workbook') problems.push('VersionOverrides must have exactly one Host of type Workbook');
    const ext = find(vo, ['Hosts', 'Host', 'DesktopFormFactor', 'ExtensionPoint']).filter((e) => e.attrs[XSI_TYPE] === 'PrimaryCommandSurface');
    if (ext.length !== 1) problems.push('need one ExtensionPoint of type PrimaryCommandSurface');
    if (find(vo, ['Hosts', 'Host', 'DesktopFormFactor', 'FunctionFile']).length !== 1) problems.push('DesktopFormFactor needs a FunctionFile');
    const tab = ext.flatMap((e) => e.children.filter((c) => c.name === 'OfficeTab'));
    if (tab.length !== 1 || tab[0].attrs.id !== 'TabHome') problems.push('the button must be on OfficeTab TabHome');
    const buttons = find(vo, ['Hosts', 'Host', 'DesktopFormFactor', 'ExtensionPoint', 'OfficeTab', 'Group', 'Control']).filter((c) => c.attrs[XSI_TYPE] === 'Button');
    if (buttons.length < 1) problems.push('no Button control');
    for (const b of buttons) {
      const action = b.children.find((c) => c.name === 'Action');
      if (action?.attrs[XSI_TYPE] !== 'ShowTaskpane') problems.push(`button ${b.attrs.id} must have an Action of type ShowTaskpane`);
      else if (!action.children.some((c) => c.name === 'SourceLocation')) problems.push(`button ${b.attrs.id} ShowTaskpane has no SourceLocation`);
      const sizes = (b.children.find((c) => c.name === 'Icon')?.children ?? []).map((i) => i.attrs.size).sort();
      if (sizes.join(',') !== '16,32,80') problems.push(`button ${b.attrs.id} icons must be sizes 16, 32 and 80, got [${sizes.join(', ')}]`);
    }

    // Resources and resid resolution.
    const resources = vo.children.find((c) => c.name === 'Resources');
    const defined = new Map<string, string>(); // id → collection
    if (!resources) problems.push('VersionOverrides has no Resources');
    for (const collection of resources?.children ?? []) {
      for (const item of collection.children) {
        const rid = item.attrs.id;
        if (!rid) { problems.push(`a resource in ${collection.name} has no id`); continue; }
        if (rid.length > 32) problems.push(`resource id "${rid}" is longer than 32 characters`);
        if (defined.has(rid)) problems.push(`resource id "${rid}" is defined twice`);
        defined.set(rid, collection.name);
        if (!item.attrs.DefaultValue) problems.push(`resource "${rid}" has no DefaultValue`);
        if (collection.name === 'ShortStrings' && (item.attrs.DefaultValue ?? '').length > 125) problems.push(`short string "${rid}" is longer than 125 characters`);
        if (collection.name === 'LongStrings' && (item.attrs.DefaultValue ?? '').length > 250) problems.push(`long string "${rid}" is longer than 250 characters`);
        if ((collection.name === 'ShortStrings' || collection.name === 'LongStrings')
          && !item.children.some((c) => c.name === 'Override' && c.attrs.Locale === 'zh-CN' && c.attrs.Value)) {
          problems.push(`string "${rid}" has no zh-CN Override`);
        }
      }
    }
    const used = new Set<string>();
    walk(vo, (n, parent) => {
      const rid = n.attrs.resid;
      if (rid === undefined) return;
      used.add(rid);
      const where = defined.get(rid);
      if (!where) { problems.push(`resid "${rid}" on <${n.name}> is not defined in Resources`); return; }
      const want = residKind(n, parent);
      const ok = want === 'Strings' ? where.endsWith('Strings') : where === want;
      if (!ok) problems.push(`resid "${rid}" on <${n.name}> points into ${where}, expected ${want}`);
    });
    for (const rid of defined.keys()) if (!used.has(rid)) problems.push(`resource "${rid}" is never used`);
  }

  // Every URL anywhere (attribute values and text) is https.
  walk(root, (n) => {
    const values = [...Object.entries(n.attrs).filter(([k]) => !k.startsWith('xmlns')).map(([, v]) => v), n.text.trim()];
    for (const v of values) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !v.startsWith('https://')) problems.push(`URL is not https: ${v}`);
    }
    if (['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation'].includes(n.name) && n.attrs.DefaultValue && !n.attrs.DefaultValue.startsWith('https://')) {
      problems.push(`<${n.name}> DefaultValue must be an https URL`);
    }
    if (n.name === 'Url' && n.ns === NS.bt && !(n.attrs.DefaultValue ?? '').startsWith('https://')) problems.push(`bt:Url "${n.attrs.id}" must be https`);
    if (n.name === 'Image' && n.ns === NS.bt && n.attrs.DefaultValue !== undefined && !n.attrs.DefaultValue.startsWith('https://')) problems.push(`bt:Image "${n.attrs.id}" must be https`);
  });
  return problems;
}

/** Every URL the manifest points at (base elements and resources), for file-existence checks. */
export function manifestUrls(xml: string): string[] {
  const urls: string[] = [];
  walk(parseXml(xml), (n) => {
    for (const v of Object.values(n.attrs)) if (/^https:\/\//.test(v) && !v.startsWith('http://schemas')) urls.push(v);
  });
  return [...new Set(urls)].sort();
}
