#!/usr/bin/python3
"""Reads a workbook Verkstad wrote and saves what is in it as a recipe (JSON
plus the embedded images), so export_xlsx.py can write the same workbook with
python3-xlsxwriter: same sheets, cells (values, dates, formats), merged cells,
column widths, tables, validation lists, colour scales, charts and images.

This step is not timed. It keeps the Python baseline honest without a second
implementation of the export: whatever Verkstad's export writes, the baseline
writes too. The Python side is spared reading the database, computing the
statistics and drawing the puzzle, so the ratio is conservative for Verkstad.

Usage: xlsx_recipe.py IN.xlsx OUT.json   (images go beside OUT.json)
"""
import datetime
import json
import os
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

import openpyxl
from openpyxl.utils import range_boundaries

NS = {
    'xdr': 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
    'a': 'http://schemas.openxmlformats.org/drawingml/2006/main',
    'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
    'rel': 'http://schemas.openxmlformats.org/package/2006/relationships',
    'm': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
}


def rgb(color):
    if color is None or color.type != 'rgb' or not isinstance(color.rgb, str):
        return None
    return '#' + color.rgb[-6:]


def style_of(cell):
    f, fill, al = cell.font, cell.fill, cell.alignment
    st = {}
    if f is not None:
        if f.b:
            st['bold'] = True
        if f.i:
            st['italic'] = True
        if f.sz and float(f.sz) != 11:
            st['font_size'] = float(f.sz)
        if rgb(f.color):
            st['font_color'] = rgb(f.color)
        if f.name and f.name != 'Calibri':
            st['font_name'] = f.name
    if fill is not None and fill.fill_type == 'solid' and rgb(fill.fgColor):
        st['bg_color'] = rgb(fill.fgColor)
    if cell.number_format and cell.number_format != 'General':
        st['num_format'] = cell.number_format
    if al is not None:
        if al.wrap_text:
            st['text_wrap'] = True
        if al.horizontal:
            st['align'] = al.horizontal
        if al.vertical:
            st['valign'] = {'center': 'vcenter'}.get(al.vertical, al.vertical)
    b = cell.border
    if b is not None and b.bottom is not None and b.bottom.style:
        st['bottom'] = 1
    return st


def sheet_drawings(z, sheet_index):
    """Images anchored on the sheet: (row, col, media path in the zip)."""
    wb_rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    sheets = wb.find('m:sheets', NS)
    rid = sheets[sheet_index].get('{%s}id' % NS['r'])
    target = next(r.get('Target') for r in wb_rels if r.get('Id') == rid)
    sheet_path = posixpath.normpath(posixpath.join('xl', target.lstrip('/').replace('xl/', '', 1)))
    rels_path = posixpath.join(posixpath.dirname(sheet_path), '_rels', posixpath.basename(sheet_path) + '.rels')
    images = []
    if rels_path not in z.namelist():
        return images
    for r in ET.fromstring(z.read(rels_path)):
        if not r.get('Type', '').endswith('/drawing'):
            continue
        dpath = posixpath.normpath(posixpath.join(posixpath.dirname(sheet_path), r.get('Target')))
        drels_path = posixpath.join(posixpath.dirname(dpath), '_rels', posixpath.basename(dpath) + '.rels')
        drels = {x.get('Id'): x.get('Target') for x in ET.fromstring(z.read(drels_path))} \
            if drels_path in z.namelist() else {}
        for anchor in ET.fromstring(z.read(dpath)):
            pic = anchor.find('xdr:pic', NS)
            if pic is None:
                continue
            frm = anchor.find('xdr:from', NS)
            row = int(frm.find('xdr:row', NS).text)
            col = int(frm.find('xdr:col', NS).text)
            blip = pic.find('.//a:blip', NS)
            media = posixpath.normpath(posixpath.join(posixpath.dirname(dpath),
                                                      drels[blip.get('{%s}embed' % NS['r'])]))
            ext = anchor.find('xdr:ext', NS)
            if ext is None:
                ext = pic.find('.//a:ext', NS)
            images.append({'row': row, 'col': col, 'media': media,
                           'cx': int(ext.get('cx')) if ext is not None else None,
                           'cy': int(ext.get('cy')) if ext is not None else None})
    return images


def ref_text(ref):
    if ref is None:
        return None
    for attr in ('numRef', 'strRef'):
        r = getattr(ref, attr, None)
        if r is not None and r.f:
            return '=' + r.f
    v = getattr(ref, 'v', None)
    return v


def chart_of(ch):
    kind = type(ch).__name__
    spec = {'type': {'RadarChart': 'radar', 'LineChart': 'line', 'BarChart': 'bar',
                     'PieChart': 'pie', 'ScatterChart': 'scatter', 'AreaChart': 'area'}.get(kind, 'line')}
    if kind == 'RadarChart':
        spec['subtype'] = {'marker': 'with_markers', 'filled': 'filled'}.get(ch.radarStyle)
    if kind == 'BarChart':
        spec['type'] = 'column' if ch.barDir == 'col' else 'bar'
    series = []
    for s in ch.series:
        one = {'values': ref_text(s.val) if s.val is not None else ref_text(s.yVal)}
        cat = s.cat if s.cat is not None else getattr(s, 'xVal', None)
        if cat is not None:
            one['categories'] = ref_text(cat)
        if s.tx is not None:
            one['name'] = ref_text(s.tx.strRef) if s.tx.strRef is not None else s.tx.v
            if s.tx.strRef is not None:
                one['name'] = '=' + s.tx.strRef.f
        series.append(one)
    spec['series'] = series
    title = None
    try:
        title = ''.join(r.t for p in ch.title.tx.rich.p for r in (p.r or []))
    except AttributeError:
        pass
    spec['title'] = title
    a = ch.anchor._from
    spec['row'], spec['col'] = a.row, a.col
    return spec


def main():
    src, out = sys.argv[1], sys.argv[2]
    outdir = os.path.dirname(os.path.abspath(out))
    z = zipfile.ZipFile(src)
    wb = openpyxl.load_workbook(src)
    styles, style_index = [], {}

    def sid(cell):
        st = style_of(cell)
        key = json.dumps(st, sort_keys=True)
        if key not in style_index:
            style_index[key] = len(styles)
            styles.append(st)
        return style_index[key]

    media_written = {}
    sheets = []
    for index, ws in enumerate(wb.worksheets):
        sh = {'name': ws.title, 'cells': [], 'merged': [], 'cols': [], 'rows': [],
              'tables': [], 'validations': [], 'color_scales': [], 'formula_formats': [],
              'charts': [], 'images': []}
        for (r, c), cell in sorted(ws._cells.items()):
            v = cell.value
            s = sid(cell)
            if v is None:
                if s:
                    sh['cells'].append([r - 1, c - 1, 'blank', None, s])
                continue
            if isinstance(v, bool):
                sh['cells'].append([r - 1, c - 1, 'bool', v, s])
            elif isinstance(v, (int, float)):
                sh['cells'].append([r - 1, c - 1, 'number', v, s])
            elif isinstance(v, (datetime.datetime, datetime.date)):
                sh['cells'].append([r - 1, c - 1, 'date', v.isoformat(), s])
            elif cell.data_type == 'f':
                sh['cells'].append([r - 1, c - 1, 'formula', v, s])
            else:
                sh['cells'].append([r - 1, c - 1, 'string', str(v), s])
        for rng in ws.merged_cells.ranges:
            sh['merged'].append([rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1])
        for key, dim in ws.column_dimensions.items():
            if dim.width:
                sh['cols'].append([dim.min - 1, (dim.max or dim.min) - 1, dim.width])
        for key, dim in ws.row_dimensions.items():
            if dim.ht:
                sh['rows'].append([key - 1, dim.ht])
        if ws.freeze_panes:
            c1, r1, _, _ = range_boundaries(ws.freeze_panes)
            sh['freeze'] = [r1 - 1, c1 - 1]
        for name, ref in ws.tables.items():
            t = ws.tables[name]
            c1, r1, c2, r2 = range_boundaries(ref)
            sh['tables'].append({'range': [r1 - 1, c1 - 1, r2 - 1, c2 - 1], 'name': name,
                                 'style': t.tableStyleInfo.name if t.tableStyleInfo else None,
                                 'columns': [col.name for col in t.tableColumns]})
        for dv in ws.data_validations.dataValidation:
            for rng in str(dv.sqref).split():
                c1, r1, c2, r2 = range_boundaries(rng)
                sh['validations'].append({'range': [r1 - 1, c1 - 1, r2 - 1, c2 - 1], 'type': dv.type,
                                          'formula1': dv.formula1})
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                for rng in str(cf.sqref).split():
                    c1, r1, c2, r2 = range_boundaries(rng)
                    area = [r1 - 1, c1 - 1, r2 - 1, c2 - 1]
                    if rule.type == 'colorScale' and rule.colorScale is not None:
                        sh['color_scales'].append({
                            'range': area,
                            'colors': [rgb(c) for c in rule.colorScale.color],
                            'points': [[v.type, v.val] for v in rule.colorScale.cfvo]})
                    elif rule.type == 'expression' and rule.formula:
                        dxf = wb._differential_styles[rule.dxfId] if rule.dxfId is not None else None
                        fmt = {}
                        if dxf is not None and dxf.fill is not None:
                            color = dxf.fill.bgColor if rgb(dxf.fill.bgColor) else dxf.fill.fgColor
                            if rgb(color):
                                fmt['bg_color'] = rgb(color)
                        if dxf is not None and dxf.font is not None:
                            if dxf.font.b:
                                fmt['bold'] = True
                            if rgb(dxf.font.color):
                                fmt['font_color'] = rgb(dxf.font.color)
                        sh['formula_formats'].append({'range': area, 'criteria': '=' + rule.formula[0],
                                                      'format': fmt})
        for ch in ws._charts:
            sh['charts'].append(chart_of(ch))
        for im in sheet_drawings(z, index):
            if im['media'] not in media_written:
                path = os.path.join(outdir, f'image{len(media_written) + 1}' +
                                    os.path.splitext(im['media'])[1])
                with open(path, 'wb') as f:
                    f.write(z.read(im['media']))
                media_written[im['media']] = path
            im['file'] = media_written[im['media']]
            sh['images'].append(im)
        sheets.append(sh)
    with open(out, 'w', encoding='utf-8') as f:
        json.dump({'styles': styles, 'sheets': sheets}, f, ensure_ascii=False)


if __name__ == '__main__':
    main()
