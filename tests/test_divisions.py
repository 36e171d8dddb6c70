"""Checks on ontology/divisions.tsv (derived from jionlp 1.5.31 by
tools/derive_divisions.py). These tests read the committed TSV only; the
reproduction test also needs the jionlp wheel and is skipped without it."""

import os
import subprocess
import sys
from collections import Counter

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TSV = os.path.join(ROOT, 'ontology', 'divisions.tsv')
SCRIPT = os.path.join(ROOT, 'tools', 'derive_divisions.py')
WHEEL = '/tmp/jio/jionlp-1.5.31-py2.py3-none-any.whl'
HEADER = ['key', 'name', 'level', 'parent', 'aliases']
LEVELS = ('province', 'city', 'county', 'town')


def _load():
    with open(TSV, encoding='utf-8', newline='') as f:
        text = f.read()
    lines = text.split('\n')
    assert lines[-1] == '', 'file must end with a newline'
    lines = lines[:-1]
    comments = []
    i = 0
    while lines[i].startswith('#'):
        comments.append(lines[i])
        i += 1
    header = lines[i].split('\t')
    rows = []
    for line in lines[i + 1:]:
        cells = line.split('\t')
        assert len(cells) == 5, line
        key, name, level, parent, aliases = cells
        rows.append({'key': key, 'name': name, 'level': level, 'parent': parent,
                     'aliases': aliases.split('|') if aliases else []})
    return text, comments, header, rows


@pytest.fixture(scope='module')
def data():
    text, comments, header, rows = _load()
    by_key = {r['key']: r for r in rows}
    by_name = {}
    for r in rows:
        by_name.setdefault(r['name'], []).append(r)
    return {'text': text, 'comments': comments, 'header': header,
            'rows': rows, 'by_key': by_key, 'by_name': by_name}


def one(data, name, level=None):
    hits = [r for r in data['by_name'].get(name, [])
            if level is None or r['level'] == level]
    assert len(hits) == 1, (name, hits)
    return hits[0]


def test_attribution_and_header(data):
    head = '\n'.join(data['comments'])
    assert data['comments'], 'attribution comments missing'
    for needle in ('jionlp', '1.5.31', 'Apache-2.0',
                   'https://github.com/dongrixinyu/JioNLP'):
        assert needle in head
    assert data['header'] == HEADER


def test_keys_unique_and_well_formed(data):
    keys = [r['key'] for r in data['rows']]
    assert len(keys) == len(set(keys))
    assert keys == sorted(keys)
    for r in data['rows']:
        assert r['level'] in LEVELS, r
        assert r['name'], r
        if r['level'] == 'town':
            assert r['key'] == '%s-%s' % (r['parent'], r['name']), r
        else:
            assert len(r['key']) == 6 and r['key'].isdigit(), r


def test_parents_exist_and_levels_consistent(data):
    by_key = data['by_key']
    allowed = {'city': {'province'}, 'county': {'city', 'province'},
               # towns sit under a county, or directly under a prefecture-level
               # city that has no counties (东莞, 中山, 儋州, 嘉峪关)
               'town': {'county', 'city'}}
    town_under_city = set()
    for r in data['rows']:
        if r['level'] == 'province':
            assert r['parent'] == '', r
            continue
        assert r['parent'] in by_key, r
        plevel = by_key[r['parent']]['level']
        assert plevel in allowed[r['level']], (r, plevel)
        if r['level'] == 'town' and plevel == 'city':
            town_under_city.add(by_key[r['parent']]['name'])
    assert town_under_city <= {'东莞市', '中山市', '儋州市', '嘉峪关市'}, town_under_city
    # a city that has towns directly under it has no counties
    for r in data['rows']:
        if r['level'] == 'county':
            assert by_key[r['parent']]['name'] not in town_under_city, r


def test_aliases_clean(data):
    for r in data['rows']:
        assert r['name'] not in r['aliases'], r
        assert len(r['aliases']) == len(set(r['aliases'])), r
        for a in r['aliases']:
            assert a and a.strip() == a, r


def test_no_pseudo_units_or_villages(data):
    for r in data['rows']:
        assert '直辖' not in r['name'] or r['level'] == 'town', r
        assert r['name'] not in ('市辖区', '县', '省直辖行政区划',
                                 '自治区直辖县级行政区划', '市直辖行政区划'), r
    # villages are left out
    assert not any(r['name'].endswith('村委会') for r in data['rows'])


def test_no_town_named_as_a_body(data):
    bodies = [r['name'] for r in data['rows'] if r['level'] == 'town'
              and r['name'].endswith(('管委会', '办事处', '管理处', '林业局', '公司', '中心'))]
    assert bodies == []


def test_huaxi_guiyang_guizhou(data):
    huaxi = one(data, '花溪区')
    assert huaxi['level'] == 'county'
    guiyang = data['by_key'][huaxi['parent']]
    assert guiyang['name'] == '贵阳市' and guiyang['level'] == 'city'
    assert '贵阳' in guiyang['aliases']
    guizhou = data['by_key'][guiyang['parent']]
    assert guizhou['name'] == '贵州省' and guizhou['level'] == 'province'
    assert '花溪' in huaxi['aliases']


def test_two_chaoyang_districts(data):
    rows = [r for r in data['by_name']['朝阳区'] if r['level'] == 'county']
    assert len(rows) == 2
    assert rows[0]['key'] != rows[1]['key']
    parents = sorted(data['by_key'][r['parent']]['name'] for r in rows)
    assert parents == ['北京市', '长春市']


def test_autonomous_aliases(data):
    dali = one(data, '大理白族自治州')
    assert dali['level'] == 'city'
    assert {'大理', '大理州'} <= set(dali['aliases'])
    gongcheng = one(data, '恭城瑶族自治县')
    assert {'恭城', '恭城县'} <= set(gongcheng['aliases'])
    assert {'龙胜', '龙胜县'} <= set(one(data, '龙胜各族自治县')['aliases'])
    assert {'海西', '海西州'} <= set(one(data, '海西蒙古族藏族自治州')['aliases'])


def test_province_aliases(data):
    assert '广西' in one(data, '广西壮族自治区')['aliases']
    assert '内蒙古' in one(data, '内蒙古自治区')['aliases']


def test_municipality_is_one_province_row(data):
    for name in ('北京市', '上海市', '天津市', '重庆市'):
        rows = data['by_name'][name]
        assert len(rows) == 1, rows
        assert rows[0]['level'] == 'province'
    shanghai = one(data, '上海市')
    assert one(data, '嘉定区')['parent'] == shanghai['key']


def test_county_directly_under_province(data):
    assert data['by_key'][one(data, '仙桃市')['parent']]['name'] == '湖北省'
    assert data['by_key'][one(data, '济源市')['parent']]['name'] == '河南省'


def test_town_rows(data):
    town = data['by_key']['621222-碧口镇']
    assert town['level'] == 'town' and '碧口' in town['aliases']
    assert data['by_key'][town['parent']]['level'] == 'county'
    ganjiang = [r for r in data['by_name']['赣江街道'] if r['level'] == 'town']
    assert ganjiang and all('赣江' in r['aliases'] for r in ganjiang)
    # a one-character stem is not an alias
    for r in data['rows']:
        if r['level'] == 'town':
            assert all(len(a) >= 2 for a in r['aliases']), r


def test_short_names_of_one_char_skipped(data):
    assert one(data, '环县')['aliases'] == []


def test_historical_names(data):
    assert '襄樊市' in one(data, '襄阳市')['aliases']
    # 城区 is still the name of current units, so it is no alias of 平城区
    assert '城区' not in one(data, '平城区')['aliases']


def test_sizes(data):
    counts = Counter(r['level'] for r in data['rows'])
    assert 30 <= counts['province'] <= 40
    assert 3000 <= counts['province'] + counts['city'] + counts['county'] <= 3600
    assert 30000 <= counts['town'] <= 60000


def test_reproducible_from_wheel(tmp_path):
    if not os.path.exists(WHEEL):
        pytest.skip('jionlp wheel not present at %s' % WHEEL)
    out = tmp_path / 'divisions.tsv'
    subprocess.run([sys.executable, SCRIPT, WHEEL, '-o', str(out)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(TSV, 'rb') as f:
        committed = f.read()
    assert out.read_bytes() == committed
