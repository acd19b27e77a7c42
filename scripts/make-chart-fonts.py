#!/usr/bin/env python3
"""Makes the chart fonts in assets/fonts/ from DejaVu Sans (npm package dejavu-fonts-ttf).

resvg reads a font file again for every glyph it draws, so a 750 KB font made a 40-row roadmap cost
~160 ms; these subsets (~85 KB: Latin, Greek, Cyrillic, punctuation, the euro sign) cost a tenth of
that. Characters outside them fall back to the full DejaVu Sans. Renamed "Portfell Sans" so that
the charts ask for the subset by name. The DejaVu licence (assets/fonts/LICENSE) allows this.

    pip install fonttools && python3 scripts/make-chart-fonts.py
"""
from pathlib import Path
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / 'node_modules' / 'dejavu-fonts-ttf' / 'ttf'
TARGET = ROOT / 'assets' / 'fonts'
UNICODES = ('U+0020-007E,U+00A0-024F,U+0300-036F,U+0370-03FF,U+0400-04FF,U+2000-206F,U+20AC,'
            'U+2190-2193,U+2212,U+2264-2265,U+25A0-25CF,U+2713-2717')

for weight in ('', '-Bold'):
    font = TTFont(SOURCE / f'DejaVuSans{weight}.ttf')
    options = subset.Options()
    options.layout_features = ['kern', 'liga']
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    style = 'Bold' if weight else 'Book'
    for record in font['name'].names:
        if record.nameID in (1, 16):
            record.string = 'Portfell Sans'
        elif record.nameID == 4:
            record.string = f'Portfell Sans {style}'.replace(' Book', '')
        elif record.nameID == 6:
            record.string = f'PortfellSans{weight}'
    font.save(TARGET / f'PortfellSans{weight}.ttf')
    print(TARGET / f'PortfellSans{weight}.ttf')
