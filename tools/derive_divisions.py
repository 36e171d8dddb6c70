#!/usr/bin/env python3
"""Derive ``ontology/divisions.tsv`` (Chinese administrative divisions) from jionlp.

Where the data comes from
-------------------------
The PyPI package ``jionlp`` 1.5.31 (Apache License 2.0,
https://github.com/dongrixinyu/JioNLP) ships two files that are read here:

* ``jionlp/dictionary/china_location.zip`` -> ``china_location.txt``: a
  tab-indented tree of the divisions of China. Lines (CRLF-terminated):

  - no tab:     ``省名<TAB>adcode<TAB>简称``        (province level)
  - one tab:    ``市名<TAB>adcode<TAB>简称[/简称2]`` (prefecture level; the
    municipalities repeat the province here with the same adcode; provinces
    with counties directly under them use a pseudo-city such as
    ``省直辖行政区划``)
  - two tabs:   ``县区名<TAB>adcode<TAB>简称``       (county level)
  - three tabs: ``乡镇街道名``                      (town level, name only)
  - four tabs:  ``村社区名``                        (village level, not used)

* ``jionlp/dictionary/china_location_change.txt``: renamings/abolitions at
  county level and above since 2002, one per line:
  ``date<TAB>dept<TAB>old prov<TAB>short<TAB>old city<TAB>short[<TAB>old county<TAB>short]``
  ``=>new prov<TAB>new city[<TAB>new county]``.

jionlp is *not* imported (its import prints a banner and pulls in heavy
dependencies); both files are parsed directly with the standard library.

What is derived
---------------
One row per unit at levels province, city, county and town (villages are left
out), with columns ``key name level parent aliases``:

* key: the adcode for province/city/county; ``<county adcode>-<town name>``
  for a town.
* parent: key of the parent unit (empty for provinces). A city line that
  repeats its province's adcode (北京, 上海, 天津, 重庆, 香港, 澳门) is folded
  into the province; pseudo-cities ``…直辖…行政区划`` are dropped and their
  counties hang directly under the province (仙桃市 -> 湖北省). In cities
  without counties (东莞, 中山, 儋州, 嘉峪关) the source puts the towns under
  a pseudo-county ``市直辖行政区划`` carrying the city's adcode; that
  pseudo-county is dropped, so those towns' parent is the city itself.
* Dropped source entries (see ``--verbose``): county lines without an adcode
  (the districts of Taiwan's cities, which jionlp's own loader skips too);
  county lines whose adcode equals their parent's (the districts of Hong Kong
  and Macau all carry 810000/820000); a county line repeating an adcode that
  is already used (the second one is dropped with its towns); town-level
  pseudo-units (``区直辖行政区划``, ``县直辖行政区划``, a bare ``街道``);
  town-level lines named as a body rather than a place (``工业园区管委会``,
  ``阿荣旗林业局``, ``龙飞山办事处``, ``…有限责任公司``: ``BODY_TOWN_RE``), which
  would make a body's name a place, except a subdistrict named by its office
  (``云鹏道街道办事处``), kept as the subdistrict (``云鹏道街道``); duplicate town names within one county (one kept).
* aliases, derived by rule only (``|``-separated, deduplicated, never equal to
  the unit's own name):

  - the source's short name(s) (``/`` separates several), skipped when one
    character long; a short name that several units share is kept only for
    the units whose full name begins with it (so 鼓楼 stays for every 鼓楼区,
    but generic shorts such as 经开区, 高新区, 管理区 are dropped);
  - for 自治州/自治县/自治旗: each short name plus 州/县/旗
    (大理白族自治州 -> 大理|大理州);
  - for towns: the name without a trailing 镇/乡/街道/苏木 when at least two
    characters remain (碧口镇 -> 碧口);
  - for the renamings in china_location_change.txt: the old full name of a
    county-or-above unit, on the unit it became, unless the old name is the
    current name of another unit (at any level);
  - no alias may equal the full name of another unit at county level or
    above (e.g. 运河区, short of 德州运河经济开发区, is 沧州's 运河区).

Output is sorted by key (so each county is followed by its towns) and written
with ``\\n`` line endings in UTF-8; the same input gives the same bytes.

How to regenerate
-----------------
    pip download --no-deps jionlp==1.5.31 -d /tmp/x && \\
        python tools/derive_divisions.py /tmp/x/jionlp-1.5.31-py2.py3-none-any.whl

The input may also be ``china_location.zip`` or an unpacked
``china_location.txt``; then ``china_location_change.txt`` is looked up in the
same directory (or given with ``--changes``) and the version is taken from
``--source-version``.
"""

import argparse
import io
import os
import re
import sys
import zipfile
from collections import Counter, OrderedDict, defaultdict

DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    'ontology', 'divisions.tsv')
DEFAULT_VERSION = '1.5.31'
UPSTREAM_URL = 'https://github.com/dongrixinyu/JioNLP'
LOC_MEMBER = 'jionlp/dictionary/china_location.zip'
CHANGE_MEMBER = 'jionlp/dictionary/china_location_change.txt'
HEADER = ('key', 'name', 'level', 'parent', 'aliases')

TOWN_SUFFIXES = ('街道', '苏木', '镇', '乡')
AUTONOMOUS_SUFFIXES = (('自治州', '州'), ('自治县', '县'), ('自治旗', '旗'))
# town-level lines that are placeholders, not units
PSEUDO_TOWN_RE = re.compile(r'直辖行政区划$|^(街道|镇|乡|苏木)$')
# town-level lines named as a body, not a place (工业园区管委会, 阿荣旗林业局, 龙飞山办事处,
# 三河金騋农牧有限责任公司): the text's name of that body is the body's, found as one
SUBDISTRICT_OFFICE = '街道办事处'
BODY_TOWN_RE = re.compile(r'(管委会|管理委员会|委员会|办事处|管理处|筹备处|筹建处|工程处|局|公司|中心)$')
# city/county-level lines that are placeholders, not units
PSEUDO_UNIT_RE = re.compile(r'直辖.*行政区划$|^(市辖区|县)$')


def _read_location_zip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = [n for n in zf.namelist() if n.endswith('china_location.txt')]
        if len(names) != 1:
            raise SystemExit('china_location.txt not found in china_location.zip')
        return zf.read(names[0]).decode('utf-8')


def load_inputs(path, changes_path=None, source_version=None):
    """Return (location_text, change_text or None, version)."""
    if path.endswith('.whl'):
        with zipfile.ZipFile(path) as whl:
            loc = _read_location_zip(whl.read(LOC_MEMBER))
            change = whl.read(CHANGE_MEMBER).decode('utf-8')
            version = source_version
            if version is None:
                for n in whl.namelist():
                    if n.endswith('.dist-info/METADATA'):
                        meta = whl.read(n).decode('utf-8')
                        m = re.search(r'^Version:\s*(\S+)', meta, re.M)
                        if m:
                            version = m.group(1)
                        break
        return loc, change, version or DEFAULT_VERSION
    if path.endswith('.zip'):
        with open(path, 'rb') as f:
            loc = _read_location_zip(f.read())
    else:
        with open(path, encoding='utf-8') as f:
            loc = f.read()
    if changes_path is None:
        cand = os.path.join(os.path.dirname(os.path.abspath(path)),
                            'china_location_change.txt')
        changes_path = cand if os.path.exists(cand) else None
    change = None
    if changes_path:
        with open(changes_path, encoding='utf-8') as f:
            change = f.read()
    else:
        print('warning: china_location_change.txt not found; historical names '
              'are not added (output will differ from the wheel-derived file)',
              file=sys.stderr)
    return loc, change, source_version or DEFAULT_VERSION


class Unit(object):
    __slots__ = ('key', 'name', 'level', 'parent', 'shorts', 'aliases')

    def __init__(self, key, name, level, parent, shorts=()):
        self.key, self.name, self.level, self.parent = key, name, level, parent
        self.shorts = [s for s in shorts if s]
        self.aliases = []


def parse_tree(text, log):
    """Parse china_location.txt into units (OrderedDict key -> Unit) and a
    lookup {(province, city, county) source names -> key} for the change file.
    """
    units = OrderedDict()
    lookup = {}
    prov = city = county = None        # current Unit keys (None = skip subtree)
    prov_name = city_name = None
    seen_codes = set()

    def add(unit):
        units[unit.key] = unit

    for lineno, raw in enumerate(text.split('\n'), 1):
        line = raw.rstrip('\r\n')
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip('\t'))
        fields = [f.strip() for f in line.strip('\t').split('\t')]
        name = fields[0]

        if depth == 0:
            if len(fields) != 3:
                log('line %d: province line without 3 fields dropped: %r' % (lineno, line))
                prov = city = county = None
                continue
            code, short = fields[1], fields[2]
            prov, prov_name, city, city_name, county = code, name, None, None, None
            seen_codes.add(code)
            add(Unit(code, name, 'province', '', short.split('/')))
            lookup[(name, None, None)] = code

        elif depth == 1:
            county = None
            if prov is None:
                city = None
                continue
            if len(fields) != 3:
                log('line %d: city line without adcode dropped: %r' % (lineno, line))
                city = None
                continue
            code, short = fields[1], fields[2]
            city_name = name
            if code == prov:
                # municipality / SAR: the city repeats the province -> fold
                city = prov
                if name != prov_name:
                    units[prov].shorts.extend([name] + short.split('/'))
            elif PSEUDO_UNIT_RE.search(name):
                city = prov
                log('line %d: pseudo-city %s (%s) dropped; its counties go '
                    'directly under %s' % (lineno, name, code, prov_name))
            elif code in seen_codes:
                log('line %d: city %s reuses adcode %s; dropped with its '
                    'subtree' % (lineno, name, code))
                city = None
                continue
            else:
                city = code
                seen_codes.add(code)
                add(Unit(code, name, 'city', prov, short.split('/')))
            lookup[(prov_name, name, None)] = city

        elif depth == 2:
            if city is None:
                county = None
                continue
            if len(fields) != 3:
                log('line %d: county line without adcode dropped: %s/%s/%s'
                    % (lineno, prov_name, city_name, name))
                county = None
                continue
            code, short = fields[1], fields[2]
            if PSEUDO_UNIT_RE.search(name):
                if code == city:
                    # city without counties: towns hang under the city itself
                    county = city
                    log('line %d: pseudo-county %s (%s) dropped; its towns go '
                        'directly under %s' % (lineno, name, code, city_name))
                else:
                    county = None
                    log('line %d: pseudo-county %s (%s) dropped with its '
                        'towns' % (lineno, name, code))
                continue
            if code == city:
                log('line %d: county %s/%s has its parent\'s adcode %s; '
                    'dropped' % (lineno, city_name, name, code))
                county = None
                continue
            if code in seen_codes:
                log('line %d: county %s/%s reuses adcode %s (%s); dropped with '
                    'its towns' % (lineno, city_name, name, code, units[code].name))
                county = None
                continue
            county = code
            seen_codes.add(code)
            add(Unit(code, name, 'county', city, short.split('/')))
            lookup[(prov_name, city_name, name)] = code

        elif depth == 3:
            if county is None:
                continue
            if PSEUDO_TOWN_RE.search(name):
                log('line %d: pseudo-town %r under %s/%s dropped'
                    % (lineno, name, city_name, units[county].name
                       if county in units else county))
                continue
            if name.endswith(SUBDISTRICT_OFFICE):  # 云鹏道街道办事处 is the office of 云鹏道街道
                name = name[:-len(SUBDISTRICT_OFFICE) + len('街道')]
            if BODY_TOWN_RE.search(name):
                log('line %d: town named as a body %r under %s dropped'
                    % (lineno, name, units[county].name if county in units else county))
                continue
            key = '%s-%s' % (county, name)
            if key in units:
                log('line %d: duplicate town %s; one kept' % (lineno, key))
                continue
            add(Unit(key, name, 'town', county))
        # depth >= 4: villages/communities, not used
    return units, lookup


def parse_changes(text):
    """Yield (old full name, old short name,
    (new prov, new city, new county or None))."""
    for line in text.split('\n'):
        line = line.strip()
        if not line or '=>' not in line:
            continue
        old, new = line.split('=>', 1)
        old = [f.strip() for f in old.split('\t')]
        new = [f.strip() for f in new.split('\t')]
        if len(old) == 8 and len(new) == 3:       # county level
            yield old[6], old[7], (new[0], new[1], new[2])
        elif len(old) == 6 and len(new) == 2:     # city level
            yield old[4], old[5], (new[0], new[1], None)


def resolve(units, lookup, target, old_short):
    """Find the unit a renaming led to: by its names in the tree, else (the
    change file sometimes names the successor differently from the tree, e.g.
    玉环县 => 玉环区 where the tree has 玉环市) the one unit under the same
    parent whose short name is the old unit's short name."""
    key = lookup.get(target)
    if key is not None:
        return key
    prov, city, county = target
    parent = lookup.get((prov, city, None) if county else (prov, None, None))
    if parent is None:
        return None
    level = 'county' if county else 'city'
    hits = [u.key for u in units.values() if u.parent == parent
            and u.level == level and old_short in u.shorts]
    return hits[0] if len(hits) == 1 else None


def derive_aliases(units, lookup, change_text, log):
    upper_names = set(u.name for u in units.values() if u.level != 'town')
    all_names = set(u.name for u in units.values())

    # how many units use each short name
    short_users = Counter()
    for u in units.values():
        for s in set(u.shorts):
            if s != u.name:
                short_users[s] += 1

    historical = defaultdict(list)
    if change_text:
        for old_name, old_short, target in parse_changes(change_text):
            key = resolve(units, lookup, target, old_short)
            if key is None:
                log('change file: %s => %s not found in the tree; skipped'
                    % (old_name, '/'.join(t for t in target if t)))
                continue
            if old_name == units[key].name:
                continue
            if old_name in all_names:
                log('change file: old name %s is the current name of another '
                    'unit; not added to %s' % (old_name, units[key].name))
                continue
            historical[key].append(old_name)

    for u in units.values():
        cand = []
        if u.level == 'town':
            for suf in TOWN_SUFFIXES:
                if u.name.endswith(suf):
                    stem = u.name[:-len(suf)]
                    if len(stem) >= 2:
                        cand.append(stem)
                    break
        else:
            shorts = []
            for s in u.shorts:
                if len(s) < 2 or s == u.name:
                    continue
                if short_users[s] > 1 and not u.name.startswith(s):
                    continue  # generic short shared by several units
                shorts.append(s)
            cand.extend(shorts)
            for full_suf, generic in AUTONOMOUS_SUFFIXES:
                if u.name.endswith(full_suf):
                    cand.extend(s + generic for s in shorts
                                if not s.endswith(generic))
        out = []
        for a in cand:
            if a == u.name or a in out:
                continue
            if a in upper_names:
                log('alias %s of %s dropped: it is the name of another unit'
                    % (a, u.name))
                continue
            out.append(a)
        for a in historical.get(u.key, ()):
            if a != u.name and a not in out:
                out.append(a)
        u.aliases = out


def render(units, version):
    counts = Counter(u.level for u in units.values())
    lines = [
        '# Administrative divisions of China (province, city, county, town).',
        '# Derived from the PyPI package jionlp %s (license: Apache-2.0),' % version,
        '# upstream %s :' % UPSTREAM_URL,
        '#   jionlp/dictionary/china_location.zip (china_location.txt) and',
        '#   jionlp/dictionary/china_location_change.txt.',
        '# Derived: the unit tree without villages; keys = adcodes (towns:',
        '#   <county adcode>-<town name>); pseudo-units folded or dropped, and towns named as a body;',
        '#   aliases by rule from the short names, the autonomous-unit and town',
        '#   suffixes, and the historical names of renamed units.',
        '# Generated by tools/derive_divisions.py; do not edit by hand.',
        '# Rows: %d province, %d city, %d county, %d town.' % (
            counts['province'], counts['city'], counts['county'], counts['town']),
        '\t'.join(HEADER),
    ]
    for key in sorted(units):
        u = units[key]
        row = (u.key, u.name, u.level, u.parent, '|'.join(u.aliases))
        for cell in row:
            if '\t' in cell or '\n' in cell or '\r' in cell:
                raise ValueError('bad cell %r' % (cell,))
        for a in u.aliases:
            if '|' in a or not a:
                raise ValueError('bad alias %r' % (a,))
        lines.append('\t'.join(row))
    return '\n'.join(lines) + '\n'


def check(units):
    levels = {'province': ('',), 'city': ('province',),
              'county': ('city', 'province'), 'town': ('county', 'city')}
    for u in units.values():
        plevel = units[u.parent].level if u.parent else ''
        if u.parent and u.parent not in units:
            raise AssertionError('%s: parent %s missing' % (u.key, u.parent))
        if plevel not in levels[u.level]:
            raise AssertionError('%s (%s) has a %s parent' % (u.key, u.level, plevel))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('source', help='jionlp wheel, china_location.zip or china_location.txt')
    ap.add_argument('-o', '--output', default=DEFAULT_OUT)
    ap.add_argument('--changes', help='china_location_change.txt (if source is not a wheel)')
    ap.add_argument('--source-version', help='jionlp version for the attribution '
                    '(default: from the wheel, else %s)' % DEFAULT_VERSION)
    ap.add_argument('-v', '--verbose', action='store_true',
                    help='report every dropped or adjusted source entry')
    args = ap.parse_args(argv)

    messages = []
    loc, change, version = load_inputs(args.source, args.changes, args.source_version)
    units, lookup = parse_tree(loc, messages.append)
    derive_aliases(units, lookup, change, messages.append)
    check(units)
    text = render(units, version)

    out_dir = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(out_dir):
        os.makedirs(out_dir)
    with open(args.output, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)

    if args.verbose:
        for m in messages:
            print(m, file=sys.stderr)
    counts = Counter(u.level for u in units.values())
    print('wrote %s: %s (%d notes%s)' % (
        args.output,
        ', '.join('%s %d' % (lv, counts[lv]) for lv in ('province', 'city', 'county', 'town')),
        len(messages), '' if args.verbose else '; -v to list'), file=sys.stderr)


if __name__ == '__main__':
    main()
