#!/usr/bin/python3
"""Makes the LibreOffice-written workbooks of test/corpus/libreoffice/ through LibreOffice's UNO API.

Run with Debian's python3 (it has the uno module): /usr/bin/python3 scripts/make-corpus.py
Then `npx tsx scripts/finish-corpus.ts` adds what LibreOffice cannot write (a sensitivity label in
docProps/custom.xml, a header picture). The files are committed; tests do not run this.
"""
import os, shutil, subprocess, sys, tempfile, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellRangeAddress, CellAddress
from com.sun.star.awt import Rectangle, Size, Point

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'corpus', 'libreoffice')

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

def start():
    profile = tempfile.mkdtemp(prefix='lo-uno-')
    pipe = 'handleplan_corpus'
    proc = subprocess.Popen(['/usr/bin/soffice', f'-env:UserInstallation=file://{profile}', '--headless', '--invisible',
                             '--norestore', f'--accept=pipe,name={pipe};urp;'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(60):
        try:
            ctx = resolver.resolve(f'uno:pipe,name={pipe};urp;StarOffice.ComponentContext')
            return proc, ctx
        except Exception:
            time.sleep(0.5)
    raise SystemExit('LibreOffice did not start')

def save(doc, name):
    path = os.path.abspath(os.path.join(OUT, name))
    doc.storeToURL(uno.systemPathToFileUrl(path), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
    print('wrote', path)

def png(path):
    # A 2x2 PNG, written by hand.
    import zlib, struct
    raw = b''.join(b'\x00' + b'\x1f\x4e\x79\xff' * 2 for _ in range(2))
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 2, 2, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)

def main():
    os.makedirs(OUT, exist_ok=True)
    proc, ctx = start()
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        tmp = tempfile.mkdtemp(prefix='lo-ext-')
        # The workbook an external link points at.
        ext = desktop.loadComponentFromURL('private:factory/scalc', '_blank', 0, (prop('Hidden', True),))
        ext.Sheets.getByIndex(0).getCellByPosition(0, 0).setValue(1234)
        ext_path = os.path.join(tmp, 'budget-2021.xlsx')
        ext.storeToURL(uno.systemPathToFileUrl(ext_path), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
        ext.close(True)

        doc = desktop.loadComponentFromURL('private:factory/scalc', '_blank', 0, (prop('Hidden', True),))
        sheets = doc.Sheets
        data = sheets.getByIndex(0)
        data.Name = 'Data'
        rows = [('Område', 'Måned', 'Beløb')] + [(a, m, v) for a, m, v in [
            ('5.20 Opholdssteder', 'Jan', 310000), ('5.20 Opholdssteder', 'Feb', 310000), ('5.21 Forebyggende', 'Jan', 357500),
            ('5.21 Forebyggende', 'Feb', 357500), ('5.22 Plejefamilier', 'Jan', 125000), ('5.22 Plejefamilier', 'Feb', 125000)]]
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                cell = data.getCellByPosition(c, r)
                if isinstance(v, str): cell.setString(v)
                else: cell.setValue(v)
        # A comment.
        data.Annotations.insertNew(CellAddress(0, 2, 1), 'Tjek beløbet med økonomi')
        # A chart.
        rng = CellRangeAddress(0, 0, 0, 2, 6)
        data.Charts.addNewByName('Belob', Rectangle(6000, 1000, 10000, 6000), (CellRangeAddress(0, 2, 0, 2, 6),), True, False)
        # An image.
        img = os.path.join(tmp, 'logo.png'); png(img)
        provider = smgr.createInstanceWithContext('com.sun.star.graphic.GraphicProvider', ctx)
        graphic = provider.queryGraphic((prop('URL', uno.systemPathToFileUrl(img)),))
        shape = doc.createInstance('com.sun.star.drawing.GraphicObjectShape')
        shape.Graphic = graphic
        data.DrawPage.add(shape)
        shape.setSize(Size(1500, 1500)); shape.setPosition(Point(6000, 8000))
        # An external link.
        link = data.getCellByPosition(4, 0)
        link.setFormula("='" + uno.systemPathToFileUrl(ext_path) + "'#$Sheet1.A1")
        # A pivot table on its own sheet.
        sheets.insertNewByName('Pivot', 1)
        pivot = sheets.getByName('Pivot')
        desc = data.DataPilotTables.createDataPilotDescriptor()
        desc.setSourceRange(CellRangeAddress(0, 0, 0, 2, 6))
        fields = desc.DataPilotFields
        from com.sun.star.sheet.DataPilotFieldOrientation import ROW, DATA
        from com.sun.star.sheet.GeneralFunction import SUM
        f0 = fields.getByIndex(0); f0.Orientation = ROW
        f2 = fields.getByIndex(2); f2.Orientation = DATA; f2.Function = SUM
        pivot.DataPilotTables.insertNewByName('Pivot1', CellAddress(1, 0, 0), desc)
        sheets.insertNewByName('Noter', 2)
        sheets.getByName('Noter').getCellByPosition(0, 0).setString('Noter til budgettet')
        # The structure lock.
        doc.protect('laas')
        save(doc, 'lo-chart-pivot-comment-image-link-locked.xlsx')
        doc.close(True)

        # The same without the lock (the add-in must be able to add sheets to it).
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(os.path.join(OUT, 'lo-chart-pivot-comment-image-link-locked.xlsx'))), '_blank', 0, (prop('Hidden', True),))
        doc.unprotect('laas')
        save(doc, 'lo-chart-pivot-comment-image-link.xlsx')
        doc.close(True)
        shutil.rmtree(tmp, ignore_errors=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        proc.wait(timeout=30)

main()
