/** Offline validation of manifest.xml (the online validator is unreachable) and proof that the checker catches breakage. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkManifest, manifestUrls, parseXml } from './manifest-check';

const ROOT = join(__dirname, '..', '..');
const MANIFEST = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('manifest.xml', () => {
  test('passes the offline check', () => {
    expect(checkManifest(MANIFEST)).toEqual([]);
  });

  test('is a Workbook task pane with ReadWriteDocument and the base elements in schema order', () => {
    const root = parseXml(MANIFEST);
    expect(root.children.map((c) => c.name)).toEqual([
      'Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides',
    ]);
    expect(root.children.find((c) => c.name === 'Permissions')?.text).toBe('ReadWriteDocument');
  });

  test('development URLs all point at https://localhost:3000 and at files the add-in ships', () => {
    const urls = manifestUrls(MANIFEST);
    expect(urls).toEqual([
      'https://localhost:3000/assets/icon-16.png',
      'https://localhost:3000/assets/icon-32.png',
      'https://localhost:3000/assets/icon-64.png',
      'https://localhost:3000/assets/icon-80.png',
      'https://localhost:3000/commands.html',
      'https://localhost:3000/taskpane.html',
    ]);
    for (const u of urls) {
      const path = u.slice('https://localhost:3000/'.length);
      expect(existsSync(join(ROOT, 'office-addin', path))).toBe(true);
    }
  });

  test('icons are PNGs of the sizes their names say', () => {
    for (const size of [16, 32, 64, 80]) {
      expect(pngSize(join(ROOT, 'office-addin', 'assets', `icon-${size}.png`))).toEqual([size, size]);
    }
  });

  test('display strings have zh-CN overrides', () => {
    expect(MANIFEST).toContain('<Override Locale="zh-CN" Value="服务之星"/>');
    const overrides = MANIFEST.match(/<bt:Override Locale="zh-CN"/g) ?? [];
    expect(overrides.length).toBe(5); // 3 short + 2 long strings
  });
});

describe('the offline checker catches broken manifests', () => {
  const broken = (from: string, to: string): string[] => {
    expect(MANIFEST).toContain(from);
    return checkManifest(MANIFEST.replace(from, to));
  };

  test('not well-formed', () => {
    const p = broken('<ProviderName>Service Star</ProviderName>', '<ProviderName>Service Star</Provider>');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^not well-formed XML/);
  });

  test('elements out of schema order', () => {
    const m = MANIFEST.replace('  <Version>0.1.0.0</Version>\n', '').replace('</ProviderName>\n', '</ProviderName>\n  <Version>0.1.0.0</Version>\n');
    expect(m).not.toBe(MANIFEST);
    expect(checkManifest(m)).toEqual(['<Version> is out of schema order (after <ProviderName>)']);
  });

  test('missing required element', () => {
    expect(broken('  <Permissions>ReadWriteDocument</Permissions>\n', '')).toEqual([
      'missing required <Permissions>', 'Permissions must be ReadWriteDocument, not ""',
    ]);
  });

  test('wrong permission', () => {
    expect(broken('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>ReadDocument</Permissions>'))
      .toEqual(['Permissions must be ReadWriteDocument, not "ReadDocument"']);
  });

  test('dangling resid', () => {
    expect(broken('<Label resid="TaskpaneButton.Label"/>', '<Label resid="TaskpaneButton.Nope"/>'))
      .toEqual(['resid "TaskpaneButton.Nope" on <Label> is not defined in Resources']);
  });

  test('resid pointing into the wrong kind of resource', () => {
    expect(broken('<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="TaskpaneButton.Label"/>'))
      .toEqual([
        'resid "TaskpaneButton.Label" on <SourceLocation> points into ShortStrings, expected Urls',
        'resource "Taskpane.Url" is never used',
      ]);
  });

  test('plain http URL', () => {
    expect(broken('<bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/>',
      '<bt:Url id="Commands.Url" DefaultValue="http://localhost:3000/commands.html"/>'))
      .toEqual(['URL is not https: http://localhost:3000/commands.html', 'bt:Url "Commands.Url" must be https']);
  });

  test('another host', () => {
    expect(broken('<Host Name="Workbook"/>', '<Host Name="Document"/>'))
      .toEqual(['Hosts must be exactly Workbook, got [Document]']);
  });

  test('missing zh-CN override on a string', () => {
    expect(broken('<bt:Override Locale="zh-CN" Value="服务之星已就绪"/>', ''))
      .toEqual(['string "GetStarted.Title" has no zh-CN Override']);
  });

  test('no Requirements (Office would offer the add-in where ExcelApi 1.7 is missing)', () => {
    const m = MANIFEST.replace(/\s*<!--[^>]*ExcelApi 1\.7[^>]*-->\s*<Requirements>[\s\S]*?<\/Requirements>/, '');
    expect(m).not.toBe(MANIFEST);
    expect(m).not.toContain('Requirements');
    expect(checkManifest(m)).toEqual(['missing <Requirements> with ExcelApi 1.7']);
  });

  test('Requirements below ExcelApi 1.7, or without ExcelApi', () => {
    expect(broken('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi" MinVersion="1.4"/>'))
      .toEqual(['ExcelApi MinVersion 1.4 is below 1.7']);
    expect(broken('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi"/>'))
      .toEqual(['ExcelApi MinVersion 1.1 is below 1.7']);
    expect(broken('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="DialogApi" MinVersion="1.1"/>'))
      .toEqual(['<Requirements> must name ExcelApi once, found 0']);
    expect(broken('<Set Name="ExcelApi" MinVersion="1.7"/>', '<Set Name="ExcelApi" MinVersion="1.12"/>')).toEqual([]);
  });

  test('button that does not open the task pane', () => {
    expect(broken('<Action xsi:type="ShowTaskpane">', '<Action xsi:type="ExecuteFunction">'))
      .toEqual(['button ServiceStar.TaskpaneButton must have an Action of type ShowTaskpane']);
  });
});
