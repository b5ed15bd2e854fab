#!/usr/bin/python3
"""The export baseline: writes a workbook with Debian's python3-xlsxwriter
from a recipe made by xlsx_recipe.py out of Verkstad's own export, so both
workbooks hold the same sheets, cells, formats, tables, validation lists,
colour scales, charts and images. bench.py times this whole process against
`verkstad --export-xlsx`.

Usage: export_xlsx.py RECIPE.json OUT.xlsx
"""
import datetime
import json
import sys

import xlsxwriter


def main():
    recipe_path, out = sys.argv[1], sys.argv[2]
    with open(recipe_path, encoding='utf-8') as f:
        recipe = json.load(f)
    wb = xlsxwriter.Workbook(out)
    formats = [wb.add_format(st) if st else None for st in recipe['styles']]
    for sh in recipe['sheets']:
        ws = wb.add_worksheet(sh['name'])
        for first, last, width in sh['cols']:
            ws.set_column(first, last, width)
        for row, height in sh['rows']:
            ws.set_row(row, height)
        if 'freeze' in sh:
            ws.freeze_panes(*sh['freeze'])
        merged_first = {(m[0], m[1]): m for m in sh['merged']}
        for r, c, kind, value, s in sh['cells']:
            fmt = formats[s]
            if (r, c) in merged_first:
                r1, c1, r2, c2 = merged_first.pop((r, c))
                if kind == 'date':
                    value = datetime.datetime.fromisoformat(value)
                ws.merge_range(r1, c1, r2, c2, value if kind != 'blank' else '', fmt)
                continue
            if kind == 'string':
                ws.write_string(r, c, value, fmt)
            elif kind == 'number':
                ws.write_number(r, c, value, fmt)
            elif kind == 'date':
                ws.write_datetime(r, c, datetime.datetime.fromisoformat(value), fmt)
            elif kind == 'bool':
                ws.write_boolean(r, c, value, fmt)
            elif kind == 'formula':
                ws.write_formula(r, c, value, fmt)
            else:
                ws.write_blank(r, c, None, fmt)
        for r1, c1, r2, c2 in merged_first.values():   # merged ranges with an empty first cell
            ws.merge_range(r1, c1, r2, c2, '')
        for t in sh['tables']:
            opts = {'name': t['name'], 'columns': [{'header': h} for h in t['columns']]}
            if t['style']:
                opts['style'] = t['style']
            ws.add_table(*t['range'], opts)
        for v in sh['validations']:
            if v['type'] == 'list':
                ws.data_validation(*v['range'], {'validate': 'list',
                                                 'source': v['formula1'].strip('"').split(',')})
        for cs in sh['color_scales']:
            colors = cs['colors']
            names = ('min', 'mid', 'max') if len(colors) == 3 else ('min', 'max')
            opts = {'type': '3_color_scale' if len(colors) == 3 else '2_color_scale'}
            for name, color, (kind, value) in zip(names, colors, cs['points']):
                opts[name + '_color'] = color
                opts[name + '_type'] = kind
                if kind not in ('min', 'max'):
                    opts[name + '_value'] = value
            ws.conditional_format(*cs['range'], opts)
        for ff in sh['formula_formats']:
            ws.conditional_format(*ff['range'], {'type': 'formula', 'criteria': ff['criteria'],
                                                 'format': wb.add_format(ff['format'])})
        for ch in sh['charts']:
            spec = {'type': ch['type']}
            if ch.get('subtype'):
                spec['subtype'] = ch['subtype']
            chart = wb.add_chart(spec)
            for s in ch['series']:
                chart.add_series({k: v for k, v in s.items() if v is not None})
            if ch.get('title'):
                chart.set_title({'name': ch['title']})
            ws.insert_chart(ch['row'], ch['col'], chart)
        for im in sh['images']:
            ws.insert_image(im['row'], im['col'], im['file'])
    wb.close()


if __name__ == '__main__':
    main()
