#!/usr/bin/env python3
"""Workbooks written by other programs, for test/cli/foreign-workbooks.test.ts.

Run from the repository root: python3 scripts/make-foreign-fixtures.py
Needs openpyxl (pip install openpyxl) and LibreOffice (soffice). The generated
files are committed, so the tests need neither.

- openpyxl-notes.xlsx: examples/csv-zh as openpyxl writes it, dates as date cells
  in the 1904 date system, with cell notes (stored under xl/comments/ with
  absolute paths, which exceljs cannot load).
- libreoffice.xlsx / .xls / .ods: that workbook converted by LibreOffice.
- handmade.xlsx: one small sheet written by hand the way other producers do it:
  inline strings, a shared formula with cached results, a formula string result,
  a namespace prefix on every element, cells and rows without references,
  phonetic runs in a shared string, an escaped control character, a t="d" cell.
"""
import csv, datetime, os, re, shutil, subprocess, sys, tempfile, zipfile
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils.datetime import CALENDAR_MAC_1904

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'examples', 'csv-zh')
OUT = os.path.join(ROOT, 'test', 'fixtures', 'foreign')
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
NUMBER = re.compile(r'^-?(0|[1-9]\d*)(\.\d+)?$')


def typed(text):
    if DATE.match(text):
        y, m, d = map(int, text.split('-'))
        try:
            return datetime.date(y, m, d)
        except ValueError:
            return text  # a date that does not exist stays text, as a user typed it
    if NUMBER.match(text):
        return float(text) if '.' in text else int(text)
    return text if text != '' else None


def openpyxl_workbook(path):
    wb = Workbook()
    wb.remove(wb.active)
    wb.epoch = CALENDAR_MAC_1904
    for name in sorted(os.listdir(SRC)):
        if not name.endswith('.csv'):
            continue
        ws = wb.create_sheet(name[:-4])
        with open(os.path.join(SRC, name), encoding='utf-8-sig', newline='') as f:
            for r, row in enumerate(csv.reader(f)):
                for c, text in enumerate(row):
                    cell = ws.cell(row=r + 1, column=c + 1, value=text if r == 0 else typed(text))
                    if isinstance(cell.value, datetime.date):
                        cell.number_format = 'yyyy-mm-dd'
        ws['A1'].comment = Comment('由脚本生成：请勿改动表头', 'openpyxl')
        if ws.max_row > 2:
            ws.cell(row=2, column=2).comment = Comment('note on a data cell', 'HR')
    wb.save(path)


def libreoffice(src, fmt, dest):
    profile = tempfile.mkdtemp(prefix='lo-fixtures-')
    outdir = tempfile.mkdtemp(prefix='lo-out-')
    try:
        subprocess.run(['soffice', f'-env:UserInstallation=file://{profile}', '--headless', '--convert-to', fmt,
                        '--outdir', outdir, src], check=True, stdout=subprocess.DEVNULL, timeout=300)
        made = [f for f in os.listdir(outdir)]
        shutil.move(os.path.join(outdir, made[0]), dest)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(outdir, ignore_errors=True)


HANDMADE_SHEET = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>工号</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:r><x:t>分</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>数</x:t></x:r></x:is></x:c><x:c r="C1" t="s"><x:v>0</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c><x:c r="E1" t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>S01</x:t></x:is></x:c><x:c r="B2"><x:v>4</x:v></x:c><x:c r="C2"><x:f t="shared" ref="C2:C4" si="0">B2*2</x:f><x:v>8</x:v></x:c><x:c r="D2" t="str"><x:f>"a"&amp;"b"</x:f><x:v>a&amp;b</x:v></x:c><x:c r="E2" s="1"><x:v>46204</x:v></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:t>S02</x:t></x:is></x:c><x:c><x:v>5.5</x:v></x:c><x:c><x:f t="shared" si="0"/><x:v>11</x:v></x:c><x:c t="inlineStr"><x:is><x:t>第一行_x000D_
第二行</x:t></x:is></x:c><x:c t="d"><x:v>2026-07-02T00:00:00</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:t xml:space="preserve"> S03 </x:t></x:is></x:c><x:c r="C5"><x:f t="shared" si="0"/><x:v>0</x:v></x:c><x:c r="D5" t="b"><x:v>1</x:v></x:c><x:c r="E5" t="e"><x:v>#N/A</x:v></x:c></x:row>
</x:sheetData></x:worksheet>'''

HANDMADE = {
    '[Content_Types].xml': '''<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/book/wb.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/book/s/one.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>''',
    '_rels/.rels': '''<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="book/wb.xml"/></Relationships>''',
    'book/wb.xml': '''<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="数据 &amp; 备注" sheetId="1" r:id="rIdA"/></x:sheets></x:workbook>''',
    'book/_rels/wb.xml.rels': '''<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="s/one.xml"/><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/book/strings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="../book/st.xml"/></Relationships>''',
    'book/strings.xml': '''<?xml version="1.0" encoding="UTF-8"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><x:si><x:r><x:t>姓名</x:t></x:r><x:rPh sb="0" eb="2"><x:t>せいめい</x:t></x:rPh></x:si></x:sst>''',
    'book/st.xml': '''<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="31" applyNumberFormat="1"/></x:cellXfs></x:styleSheet>''',
    'book/s/one.xml': HANDMADE_SHEET,
}


def handmade(path):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, text in HANDMADE.items():
            z.writestr(name, text)


def main():
    os.makedirs(OUT, exist_ok=True)
    src = os.path.join(OUT, 'openpyxl-notes.xlsx')
    openpyxl_workbook(src)
    for fmt, name in (('xlsx', 'libreoffice.xlsx'), ('xls', 'libreoffice.xls'), ('ods', 'libreoffice.ods')):
        libreoffice(src, fmt, os.path.join(OUT, name))
    handmade(os.path.join(OUT, 'handmade.xlsx'))
    print('written:', ', '.join(sorted(os.listdir(OUT))))


if __name__ == '__main__':
    sys.exit(main())
