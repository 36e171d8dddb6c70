#!/usr/bin/env python3
"""Derive ``ontology/lexicon/world_places.tsv`` (foreign countries, some of their
first-order subdivisions, and world capitals / major cities, in Chinese).

Where the data comes from
-------------------------
* Countries and subdivisions: the PyPI package ``pycountry`` (LGPL-2.1,
  https://github.com/pycountry/pycountry). Its ISO 3166-1 / 3166-2 databases
  and gettext catalogues are taken from Debian's ``iso-codes`` project
  (https://salsa.debian.org/iso-codes-team/iso-codes, LGPL-2.1; translations
  by the iso-codes / Translation Project contributors). Read here:

  - ``pycountry.countries``: each country's ``name``, ``common_name`` and
    ``official_name``, translated with
    ``gettext.translation('iso3166-1', pycountry.LOCALES_DIR, languages=['zh_CN'])``;
  - ``pycountry.subdivisions``: each subdivision's ``name``, translated with the
    ``iso3166-2`` zh_CN catalogue.

  Only data is read; nothing from pycountry is copied into the repository
  except the translated names themselves (facts about place names).

* Cities: a curated list inside this script (``CITIES``) — general knowledge of
  the capitals of the world's sovereign states and of major foreign cities,
  written in the standard mainland-Chinese forms (as used by the Ministry of
  Foreign Affairs' country profiles and Xinhua). It is not taken from any
  corpus.

* A few curated corrections (``TYPO_FIXES``, ``PREFERRED_NAME``,
  ``EXTRA_ALIASES``, ``SUBDIVISION_STOP``, ``EXCLUDED_SUBDIVISIONS``) — also
  general knowledge, listed below with the reason for each.

What is derived
---------------
Columns ``name aliases code kind``:

* kind=country — every ISO 3166-1 entry (states and dependent territories)
  except TW, HK, MO, which are provincial-level units of
  ``ontology/divisions.tsv``. CN is kept: the table has its units, not the
  country, and 中国 must be one node wherever a text names it. ``code`` is the alpha-2 code. ``name`` is the
  shortest translation of name/common_name/official_name (after the typo
  fixes) unless ``PREFERRED_NAME`` gives the standard mainland short name; the
  other translations and ``EXTRA_ALIASES`` become ``aliases``. A translation
  is kept only if it is made of Chinese characters after removing
  parenthesised parts and spaces (``科科斯 (基林) 群岛`` -> ``科科斯群岛``);
  translations that fell back to English or joined several places with
  punctuation (``博奈尔、圣尤斯特歇斯岛和萨巴``) are dropped, and a country
  left with no Chinese name is skipped (reported on stderr).
* kind=subdivision — ISO 3166-2 subdivisions of the 30 most populous foreign
  countries (``TOP30``, UN World Population Prospects order, general
  knowledge) and of China's other neighbours and the ASEAN members
  (``NEIGHBOURS``), kept only where the zh_CN catalogue really translates them
  (the translation differs from the English name and is all Chinese
  characters). ``code`` is the ISO 3166-2 code (``US-CA``; its part before
  ``-`` is the country's alpha-2). Dropped, each reported on stderr:

  - 'Geographical unit' / 'Geographical region' entries (not administrative
    units: 爪哇, 东部区);
  - names shorter than three characters (bare two-character transliterations
    such as 库姆, 利拉, 比萨 collide with ordinary Chinese text);
  - names in ``SUBDIVISION_STOP`` (generic words: 中央, 赤道, 大西洋, 首都特区…);
  - ``EXCLUDED_SUBDIVISIONS`` (a politically marked or wrong translation);
  - names whose form with or without the suffix 省/州/邦/府/县/郡/市/区/都/道
    equals a Chinese province, city or county name or alias in
    ``ontology/divisions.tsv`` (Vietnam's 河南省, 太原省, 西宁省 …);
  - names that occur in more than one country (旁遮普邦 in IN and PK).

  A hyphenated translation (北莱茵-威斯特法伦) is named in its joined form
  (北莱茵威斯特法伦) with the hyphenated form as an alias. A subdivision
  ending in 州/省/邦/府/县 gets its stem as an alias when the stem has at
  least three characters and passes the same checks (得克萨斯州 -> 得克萨斯).
  Six untranslated first-level units that Chinese texts name often are added
  from ``SUBDIVISION_EXTRA`` (英格兰, 苏格兰, 威尔士, 北爱尔兰, 马里兰州,
  巴登符腾堡州) — the only curated subdivision rows.
* kind=city — ``CITIES``; ``code`` is the country's alpha-2 code.
* kind=feature — ``FEATURES``, China's major two-character rivers, lakes, seas
  and mountains; ``code`` is CN.

Names are unique over the whole file: a name or alias already taken by a row
of higher priority (country > city > subdivision; within a kind, in sorted
order) is dropped — the row if it was its name, the alias otherwise
(e.g. the city 新加坡 and the subdivision 莫斯科 give way). Rows are sorted by
kind (country, subdivision, city), then code, then name; output is UTF-8 with
``\\n`` line endings, so the same pycountry version gives the same bytes.

Licences: pycountry and iso-codes are LGPL-2.1; the output file holds place
names (facts), with this provenance stated in its header.

How to regenerate
-----------------
    /work/main/.venv/bin/pip install pycountry   # if not installed
    python tools/derive_world_places.py > ontology/lexicon/world_places.tsv
    # or: python tools/derive_world_places.py --out ontology/lexicon/world_places.tsv
Use ``--verbose`` to list every dropped entry on stderr.
"""

import argparse
import gettext
import os
import re
import sys
from collections import defaultdict

import pycountry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DIVISIONS = os.path.join(ROOT, 'ontology', 'divisions.tsv')
HEADER = ('name', 'aliases', 'code', 'kind')
KIND_ORDER = {'country': 0, 'subdivision': 1, 'city': 2, 'feature': 3}
# priority when two rows claim the same name: country > city > subdivision > feature
KIND_PRIORITY = {'country': 0, 'city': 1, 'subdivision': 2, 'feature': 3}

# Provincial-level units of ontology/divisions.tsv, not countries of their own.
EXCLUDED_COUNTRIES = {'TW', 'HK', 'MO'}

# The 30 most populous countries other than China (UN World Population
# Prospects 2024 estimates; general knowledge), in descending order.
TOP30 = ['IN', 'US', 'ID', 'PK', 'NG', 'BR', 'BD', 'RU', 'ET', 'MX',
         'JP', 'EG', 'PH', 'CD', 'VN', 'IR', 'TR', 'DE', 'TH', 'GB',
         'TZ', 'FR', 'ZA', 'IT', 'KE', 'MM', 'CO', 'KR', 'SD', 'UG']
# China's other neighbours by land and the other ASEAN members: the foreign provinces Chinese
# news names most after those of the most populous countries (general knowledge).
NEIGHBOURS = ['KP', 'MN', 'KZ', 'KG', 'TJ', 'AF', 'NP', 'BT', 'LA', 'KH', 'MY', 'SG', 'BN']

CJK_RE = re.compile(r'^[\u3400-\u4dbf\u4e00-\u9fff]+$')
# Chinese words joined by hyphens (北莱茵-威斯特法伦): one place name.
HYPHENATED_RE = re.compile(r'^[\u3400-\u4dbf\u4e00-\u9fff]+(?:-[\u3400-\u4dbf\u4e00-\u9fff]+)+$')
PAREN_RE = re.compile(r'\s*[(（][^)）]*[)）]\s*')

# Misspellings in the zh_CN catalogues (substring replacements).
TYPO_FIXES = [
    ('柬埔塞', '柬埔寨'),        # KH: 塞 for 寨
    ('波利维亚', '玻利维亚'),    # BO common_name
    ('玻利尼西亚', '波利尼西亚'),  # PF
    ('玻里尼西亚', '波利尼西亚'),  # FR-PF
    ('琦玉', '埼玉'),            # JP-11
]

# Standard mainland short names where the catalogue has a variant (the
# catalogue's form is kept as an alias).
PREFERRED_NAME = {
    'GT': '危地马拉',      # catalogue: 瓜地马拉 (Taiwan usage)
    'MT': '马耳他',        # catalogue: 马尔他
    'KG': '吉尔吉斯斯坦',  # catalogue: 吉尔吉斯坦
    'BD': '孟加拉国',      # MFA short name; catalogue: 孟加拉
    'DO': '多米尼加',      # catalogue only has 多米尼加共和国
    'BQ': '荷兰加勒比区',  # catalogue only joins the three islands' names with 、
    'SH': '圣赫勒拿',      # catalogue only has the three names joined by hyphens
}

# Widely used Chinese names missing from the catalogues.
EXTRA_ALIASES = {
    'AE': ['阿拉伯联合酋长国'],
    'AU': ['澳洲', '澳大利亚联邦'],
    'BA': ['波黑'],
    'CZ': ['捷克共和国'],
    'FK': ['马尔维纳斯群岛'],
    'JP': ['日本国'],
    'RU': ['俄罗斯联邦'],
    'SA': ['沙特'],
    'VA': ['梵蒂冈城国'],
}

# Subdivision translations that are generic Chinese words or would read as
# something else in Chinese text.
SUBDIVISION_STOP = {
    '中央',        # IR-00 Markazi
    '赤道',        # CD-EQ Équateur
    '大西洋',      # CO-ATL Atlántico
    '首都特区',    # BR-DF
    '北部区',      # SD-NO
    '北部省',      # FR-59 Nord
    '高原省',      # NG-PL Plateau
    '河流州',      # NG-RI Rivers
    '三角州',      # NG-DE Delta (reads as a typo of 三角洲)
    '高山省',      # PH-MOU Mountain Province
    '谢赫村',      # EG-KFS Kafr el-Sheikh (reads as a village)
    '伦敦市',      # GB-LND City of London (the usual Chinese name of London)
}

# Subdivisions left out whatever the catalogue says.
EXCLUDED_SUBDIVISIONS = {
    'IN-AR': 'catalogue gives 伪阿鲁纳恰尔邦; the area is 藏南 in Chinese usage, '
             'not a neutral foreign place name',
    'IN-SK': 'mistranslated as 泰米尔纳德邦 (that is IN-TN; IN-SK is Sikkim)',
}

# First-level subdivisions of the TOP30 countries that the zh_CN catalogue
# leaves untranslated but that Chinese texts name often (general knowledge;
# the only curated subdivision rows): (ISO 3166-2 code, name, aliases).
SUBDIVISION_EXTRA = [
    ('GB-ENG', '英格兰', ''),
    ('GB-SCT', '苏格兰', ''),
    ('GB-WLS', '威尔士', ''),
    ('GB-NIR', '北爱尔兰', ''),
    ('US-MD', '马里兰州', '马里兰'),
    ('DE-BW', '巴登符腾堡州', '巴登-符腾堡州|巴登-符腾堡|巴登符腾堡'),
]

# Other written forms of translated subdivisions (general knowledge).
SUBDIVISION_EXTRA_ALIASES = {
    'JP-09': ['栃木县'],   # catalogue: 枥木县
    'JP-15': ['新潟县'],   # catalogue: 新泻县
}

# Names whose last character is part of the name proper, not an
# administrative suffix: no stem alias.
NO_STEM = {'奥兰治自由邦'}

SUBDIVISION_SUFFIXES = ('州', '省', '邦', '府', '县', '郡', '市', '区')
STEM_ALIAS_SUFFIXES = ('州', '省', '邦', '府', '县')
CHINA_SUFFIXES = ('特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区',
                  '省', '市', '县', '区', '旗', '盟', '州')

# ---------------------------------------------------------------------------
# Curated cities: general knowledge of the capitals of the world's sovereign
# states and of major foreign cities, in standard mainland-Chinese forms.
# (name, aliases, alpha-2 of the country). A capital whose name equals its
# country's name (新加坡, 卢森堡, 摩纳哥, 梵蒂冈 …) gives way to the country.
# Left out on purpose: capitals whose Chinese names are generic or shared
# (圣约翰 AG, 圣乔治 GD, 维多利亚 SC, 金斯敦 VC = 金斯敦 JM), 耶路撒冷 (status
# disputed between IL and PS; one code cannot be given), states with no
# official capital (NR) or whose capital's standard Chinese form is unsettled
# (PW), and 泗水 (Surabaya; also 泗水县 in Shandong). A city
# whose name equals a Chinese province, city or county name is dropped by
# the script (reported on stderr).
CITIES = [
    # --- Asia ---
    ('喀布尔', '', 'AF'), ('埃里温', '', 'AM'), ('巴库', '', 'AZ'),
    ('麦纳麦', '', 'BH'), ('达卡', '', 'BD'), ('吉大港', '', 'BD'),
    ('廷布', '', 'BT'), ('斯里巴加湾市', '', 'BN'), ('金边', '', 'KH'),
    ('暹粒', '', 'KH'), ('西哈努克市', '西哈努克港|西港', 'KH'),
    ('尼科西亚', '', 'CY'), ('第比利斯', '', 'GE'), ('新德里', '', 'IN'),
    ('德里', '', 'IN'), ('孟买', '', 'IN'), ('加尔各答', '', 'IN'),
    ('班加罗尔', '', 'IN'), ('金奈', '马德拉斯', 'IN'), ('雅加达', '', 'ID'),
    ('棉兰', '', 'ID'), ('德黑兰', '', 'IR'),
    ('巴格达', '', 'IQ'), ('巴士拉', '', 'IQ'), ('特拉维夫', '', 'IL'),
    ('东京', '', 'JP'), ('大阪', '', 'JP'), ('京都', '', 'JP'),
    ('横滨', '', 'JP'), ('名古屋', '', 'JP'), ('神户', '', 'JP'),
    ('福冈', '', 'JP'), ('札幌', '', 'JP'), ('广岛', '', 'JP'),
    ('长崎', '', 'JP'), ('那霸', '', 'JP'), ('安曼', '', 'JO'),
    ('阿斯塔纳', '努尔苏丹', 'KZ'), ('阿拉木图', '', 'KZ'),
    ('科威特城', '', 'KW'), ('比什凯克', '', 'KG'), ('万象', '', 'LA'),
    ('琅勃拉邦', '', 'LA'), ('贝鲁特', '', 'LB'), ('吉隆坡', '', 'MY'),
    ('布特拉再也', '布城', 'MY'), ('槟城', '', 'MY'), ('新山', '', 'MY'),
    ('马累', '', 'MV'), ('乌兰巴托', '', 'MN'), ('内比都', '', 'MM'),
    ('仰光', '', 'MM'), ('曼德勒', '', 'MM'), ('妙瓦底', '', 'MM'),
    ('加德满都', '', 'NP'), ('平壤', '', 'KP'), ('马斯喀特', '', 'OM'),
    ('伊斯兰堡', '', 'PK'), ('卡拉奇', '', 'PK'), ('拉合尔', '', 'PK'),
    ('白沙瓦', '', 'PK'), ('瓜达尔', '', 'PK'), ('马尼拉', '', 'PH'),
    ('宿务', '', 'PH'), ('达沃', '', 'PH'), ('多哈', '', 'QA'),
    ('利雅得', '', 'SA'), ('吉达', '', 'SA'), ('麦加', '', 'SA'),
    ('麦地那', '', 'SA'), ('首尔', '汉城', 'KR'), ('釜山', '', 'KR'),
    ('仁川', '', 'KR'), ('大邱', '', 'KR'), ('济州', '济州岛', 'KR'),
    ('科伦坡', '', 'LK'), ('斯里贾亚瓦德纳普拉科特', '', 'LK'),
    ('大马士革', '', 'SY'), ('阿勒颇', '', 'SY'), ('杜尚别', '', 'TJ'),
    ('曼谷', '', 'TH'), ('清迈', '', 'TH'), ('芭提雅', '芭堤雅', 'TH'),
    ('普吉', '普吉岛', 'TH'), ('帝力', '', 'TL'), ('安卡拉', '', 'TR'),
    ('伊斯坦布尔', '', 'TR'), ('伊兹密尔', '', 'TR'), ('阿什哈巴德', '', 'TM'),
    ('阿布扎比', '', 'AE'), ('迪拜', '', 'AE'), ('沙迦', '', 'AE'),
    ('塔什干', '', 'UZ'), ('撒马尔罕', '', 'UZ'), ('河内', '', 'VN'),
    ('胡志明市', '西贡', 'VN'), ('岘港', '', 'VN'), ('海防', '', 'VN'),
    ('萨那', '', 'YE'), ('亚丁', '', 'YE'), ('拉姆安拉', '', 'PS'),
    ('加沙', '', 'PS'),
    # --- Europe ---
    ('地拉那', '', 'AL'), ('安道尔城', '', 'AD'), ('维也纳', '', 'AT'),
    ('明斯克', '', 'BY'), ('布鲁塞尔', '', 'BE'), ('安特卫普', '', 'BE'),
    ('萨拉热窝', '', 'BA'), ('索非亚', '', 'BG'), ('萨格勒布', '', 'HR'),
    ('布拉格', '', 'CZ'), ('哥本哈根', '', 'DK'), ('塔林', '', 'EE'),
    ('赫尔辛基', '', 'FI'), ('巴黎', '', 'FR'), ('马赛', '', 'FR'),
    ('里昂', '', 'FR'), ('尼斯', '', 'FR'), ('斯特拉斯堡', '', 'FR'),
    ('波尔多', '', 'FR'), ('柏林', '', 'DE'), ('汉堡', '', 'DE'),
    ('慕尼黑', '', 'DE'), ('法兰克福', '', 'DE'), ('科隆', '', 'DE'),
    ('杜塞尔多夫', '', 'DE'), ('斯图加特', '', 'DE'), ('雅典', '', 'GR'),
    ('布达佩斯', '', 'HU'), ('雷克雅未克', '', 'IS'), ('都柏林', '', 'IE'),
    ('罗马', '', 'IT'), ('米兰', '', 'IT'), ('威尼斯', '', 'IT'),
    ('佛罗伦萨', '', 'IT'), ('那不勒斯', '那波利', 'IT'), ('都灵', '', 'IT'),
    ('里加', '', 'LV'), ('瓦杜兹', '', 'LI'), ('维尔纽斯', '', 'LT'),
    ('卢森堡', '', 'LU'), ('瓦莱塔', '', 'MT'), ('基希讷乌', '', 'MD'),
    ('摩纳哥', '', 'MC'), ('波德戈里察', '', 'ME'), ('阿姆斯特丹', '', 'NL'),
    ('鹿特丹', '', 'NL'), ('海牙', '', 'NL'), ('斯科普里', '', 'MK'),
    ('奥斯陆', '', 'NO'), ('华沙', '', 'PL'), ('里斯本', '', 'PT'),
    ('布加勒斯特', '', 'RO'), ('莫斯科', '', 'RU'), ('圣彼得堡', '', 'RU'),
    ('新西伯利亚', '', 'RU'), ('叶卡捷琳堡', '', 'RU'), ('喀山', '', 'RU'),
    ('符拉迪沃斯托克', '海参崴', 'RU'), ('哈巴罗夫斯克', '伯力', 'RU'),
    ('伊尔库茨克', '', 'RU'), ('圣马力诺', '', 'SM'), ('贝尔格莱德', '', 'RS'),
    ('布拉迪斯拉发', '', 'SK'), ('卢布尔雅那', '', 'SI'), ('马德里', '', 'ES'),
    ('巴塞罗那', '', 'ES'), ('巴伦西亚', '瓦伦西亚', 'ES'), ('塞维利亚', '', 'ES'),
    ('斯德哥尔摩', '', 'SE'), ('伯尔尼', '', 'CH'), ('日内瓦', '', 'CH'),
    ('苏黎世', '', 'CH'), ('基辅', '', 'UA'), ('敖德萨', '', 'UA'),
    ('伦敦', '', 'GB'), ('曼彻斯特', '', 'GB'), ('伯明翰', '', 'GB'),
    ('利物浦', '', 'GB'), ('爱丁堡', '', 'GB'), ('格拉斯哥', '', 'GB'),
    ('牛津', '', 'GB'), ('剑桥', '', 'GB'), ('梵蒂冈', '', 'VA'),
    # --- Africa ---
    ('阿尔及尔', '', 'DZ'), ('罗安达', '', 'AO'), ('波多诺伏', '', 'BJ'),
    ('科托努', '', 'BJ'), ('哈博罗内', '', 'BW'), ('瓦加杜古', '', 'BF'),
    ('基特加', '', 'BI'), ('布琼布拉', '', 'BI'), ('普拉亚', '', 'CV'),
    ('雅温得', '', 'CM'), ('杜阿拉', '', 'CM'), ('班吉', '', 'CF'),
    ('恩贾梅纳', '', 'TD'), ('莫罗尼', '', 'KM'), ('布拉柴维尔', '', 'CG'),
    ('金沙萨', '', 'CD'), ('亚穆苏克罗', '', 'CI'), ('阿比让', '', 'CI'),
    ('吉布提', '', 'DJ'), ('开罗', '', 'EG'), ('亚历山大港', '', 'EG'),
    ('马拉博', '', 'GQ'), ('阿斯马拉', '', 'ER'), ('姆巴巴内', '', 'SZ'),
    ('亚的斯亚贝巴', '', 'ET'), ('利伯维尔', '', 'GA'), ('班珠尔', '', 'GM'),
    ('阿克拉', '', 'GH'), ('科纳克里', '', 'GN'), ('比绍', '', 'GW'),
    ('内罗毕', '', 'KE'), ('蒙巴萨', '', 'KE'), ('马塞卢', '', 'LS'),
    ('蒙罗维亚', '', 'LR'), ('的黎波里', '', 'LY'), ('塔那那利佛', '', 'MG'),
    ('利隆圭', '', 'MW'), ('巴马科', '', 'ML'), ('努瓦克肖特', '', 'MR'),
    ('路易港', '', 'MU'), ('拉巴特', '', 'MA'), ('卡萨布兰卡', '', 'MA'),
    ('马普托', '', 'MZ'), ('温得和克', '', 'NA'), ('尼亚美', '', 'NE'),
    ('阿布贾', '', 'NG'), ('拉各斯', '', 'NG'), ('基加利', '', 'RW'),
    ('圣多美', '', 'ST'), ('达喀尔', '', 'SN'), ('弗里敦', '', 'SL'),
    ('摩加迪沙', '', 'SO'), ('比勒陀利亚', '', 'ZA'), ('开普敦', '', 'ZA'),
    ('约翰内斯堡', '', 'ZA'), ('德班', '', 'ZA'), ('朱巴', '', 'SS'),
    ('喀土穆', '', 'SD'), ('多多马', '', 'TZ'), ('达累斯萨拉姆', '', 'TZ'),
    ('洛美', '', 'TG'), ('突尼斯', '', 'TN'), ('坎帕拉', '', 'UG'),
    ('卢萨卡', '', 'ZM'), ('哈拉雷', '', 'ZW'),
    # --- Americas ---
    ('布宜诺斯艾利斯', '', 'AR'), ('拿骚', '', 'BS'), ('布里奇敦', '', 'BB'),
    ('贝尔莫潘', '', 'BZ'), ('苏克雷', '', 'BO'), ('拉巴斯', '', 'BO'),
    ('巴西利亚', '', 'BR'), ('圣保罗', '', 'BR'), ('里约热内卢', '', 'BR'),
    ('渥太华', '', 'CA'), ('多伦多', '', 'CA'), ('温哥华', '', 'CA'),
    ('蒙特利尔', '', 'CA'), ('卡尔加里', '', 'CA'), ('圣地亚哥', '', 'CL'),
    ('波哥大', '', 'CO'), ('麦德林', '', 'CO'), ('圣何塞', '', 'CR'),
    ('哈瓦那', '', 'CU'), ('罗索', '', 'DM'), ('圣多明各', '', 'DO'),
    ('基多', '', 'EC'), ('瓜亚基尔', '', 'EC'), ('圣萨尔瓦多', '', 'SV'),
    ('危地马拉城', '', 'GT'), ('乔治敦', '', 'GY'), ('太子港', '', 'HT'),
    ('特古西加尔巴', '', 'HN'), ('金斯敦', '', 'JM'), ('墨西哥城', '', 'MX'),
    ('瓜达拉哈拉', '', 'MX'), ('蒙特雷', '', 'MX'), ('马那瓜', '', 'NI'),
    ('巴拿马城', '', 'PA'), ('亚松森', '', 'PY'), ('利马', '', 'PE'),
    ('巴斯特尔', '', 'KN'), ('卡斯特里', '', 'LC'), ('帕拉马里博', '', 'SR'),
    ('西班牙港', '', 'TT'), ('华盛顿', '华盛顿特区', 'US'), ('纽约', '', 'US'),
    ('洛杉矶', '', 'US'), ('芝加哥', '', 'US'), ('休斯敦', '', 'US'),
    ('旧金山', '三藩市', 'US'), ('西雅图', '', 'US'), ('波士顿', '', 'US'),
    ('费城', '', 'US'), ('迈阿密', '', 'US'), ('拉斯维加斯', '', 'US'),
    ('亚特兰大', '', 'US'), ('达拉斯', '', 'US'), ('底特律', '', 'US'),
    ('圣迭戈', '', 'US'), ('丹佛', '', 'US'), ('檀香山', '火奴鲁鲁', 'US'),
    ('新奥尔良', '', 'US'), ('蒙得维的亚', '', 'UY'), ('加拉加斯', '', 'VE'),
    # --- Oceania ---
    ('堪培拉', '', 'AU'), ('悉尼', '', 'AU'), ('墨尔本', '', 'AU'),
    ('布里斯班', '', 'AU'), ('珀斯', '', 'AU'), ('苏瓦', '', 'FJ'),
    ('塔拉瓦', '', 'KI'), ('马朱罗', '', 'MH'), ('帕利基尔', '', 'FM'),
    ('惠灵顿', '', 'NZ'), ('奥克兰', '', 'NZ'),
    ('莫尔兹比港', '', 'PG'), ('阿皮亚', '', 'WS'), ('霍尼亚拉', '', 'SB'),
    ('努库阿洛法', '', 'TO'), ('富纳富提', '', 'TV'), ('维拉港', '', 'VU'),
]


def log(verbose, msg):
    if verbose:
        print(msg, file=sys.stderr)


def fix_typos(s):
    for a, b in TYPO_FIXES:
        s = s.replace(a, b)
    return s


def chinese_forms(s):
    """Forms of a catalogue string as a Chinese name, or None if it is not one.

    Parenthesised parts and spaces are removed (科科斯 (基林) 群岛 -> 科科斯群岛).
    A name of Chinese words joined by hyphens (北莱茵-威斯特法伦) gives the
    joined form first (all Chinese characters, used as the name) and the
    hyphenated catalogue form second (kept as an alias, the form texts use).
    """
    s = fix_typos(PAREN_RE.sub('', s).replace(' ', '').replace('\uff0d', '-'))
    if CJK_RE.match(s):
        return [s]
    if HYPHENATED_RE.match(s):
        return [s.replace('-', ''), s]
    return None


def load_china_names(path):
    """Names, aliases and their stems of Chinese units at county level and up."""
    names = set()
    if not path or not os.path.exists(path):
        print('warning: %s not found; no check against Chinese divisions' % path,
              file=sys.stderr)
        return names
    with open(path, encoding='utf-8') as f:
        header = None
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            cols = line.rstrip('\n').split('\t')
            if header is None:
                header = cols
                continue
            row = dict(zip(header, cols))
            if row.get('level') not in ('province', 'city', 'county'):
                continue
            for n in [row['name']] + [a for a in row.get('aliases', '').split('|') if a]:
                names.add(n)
                for suf in CHINA_SUFFIXES:
                    if n.endswith(suf) and len(n) - len(suf) >= 2:
                        names.add(n[:-len(suf)])
                        break
    return names


def strip_suffix(name, suffixes):
    for suf in suffixes:
        if name.endswith(suf):
            return name[:-len(suf)]
    return None


def country_rows(verbose):
    t = gettext.translation('iso3166-1', pycountry.LOCALES_DIR, languages=['zh_CN'])
    rows, skipped = [], []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        if c.alpha_2 in EXCLUDED_COUNTRIES:
            continue
        found = []
        for attr in ('common_name', 'name', 'official_name'):
            en = getattr(c, attr, None)
            if not en:
                continue
            zh = t.gettext(en)
            if zh == en:
                log(verbose, 'country %s: %s %r untranslated' % (c.alpha_2, attr, en))
                continue
            forms = chinese_forms(zh)
            if forms is None:
                log(verbose, 'country %s: %s %r not a Chinese name, dropped' % (c.alpha_2, attr, zh))
                continue
            found += [f for f in forms if f not in found]
        names = list(found)
        pref = PREFERRED_NAME.get(c.alpha_2)
        if pref:
            names.insert(0, pref)
            primary = pref
        elif names:
            primary = min((n for n in names if CJK_RE.match(n)),
                          key=lambda n: (len(n), names.index(n)))
        else:
            skipped.append('%s (%s)' % (c.alpha_2, c.name))
            continue
        aliases = [n for n in names if n != primary]
        aliases += [a for a in EXTRA_ALIASES.get(c.alpha_2, []) if a not in names]
        rows.append({'name': primary, 'aliases': aliases, 'code': c.alpha_2,
                     'kind': 'country'})
    for s in skipped:
        print('country skipped (no Chinese name): %s' % s, file=sys.stderr)
    return rows


def subdivision_rows(china_names, verbose):
    t = gettext.translation('iso3166-2', pycountry.LOCALES_DIR, languages=['zh_CN'])
    cand = []
    stats = defaultdict(int)
    for cc in TOP30 + NEIGHBOURS:
        for s in sorted(pycountry.subdivisions.get(country_code=cc) or [],
                        key=lambda s: s.code):
            stats['total'] += 1
            zh = t.gettext(s.name)
            if zh == s.name:
                stats['untranslated'] += 1
                continue
            forms = chinese_forms(zh)
            zh = forms[0] if forms else zh
            why = None
            if forms is None:
                why = 'not a Chinese name'
            elif s.type in ('Geographical unit', 'Geographical region'):
                why = 'not an administrative unit (%s)' % s.type
            elif s.code in EXCLUDED_SUBDIVISIONS:
                why = EXCLUDED_SUBDIVISIONS[s.code]
            elif len(zh) < 3:
                why = 'shorter than 3 characters'
            elif zh in SUBDIVISION_STOP:
                why = 'generic word (SUBDIVISION_STOP)'
            elif zh in china_names or strip_suffix(zh, SUBDIVISION_SUFFIXES) in china_names:
                why = 'collides with a Chinese division name'
            if why:
                stats['dropped'] += 1
                log(verbose, 'subdivision %s %s dropped: %s' % (s.code, zh, why))
                continue
            cand.append((s.code, zh, forms[1:]))
    by_name = defaultdict(set)
    for code, zh, _ in cand:
        by_name[zh].add(code.split('-')[0])
    rows = []
    for code, zh, variants in cand:
        if len(by_name[zh]) > 1:
            stats['dropped'] += 1
            log(verbose, 'subdivision %s %s dropped: name in several countries %s'
                % (code, zh, sorted(by_name[zh])))
            continue
        aliases = list(variants)
        for form in [zh] + list(variants):
            stem = None if zh in NO_STEM else strip_suffix(form, STEM_ALIAS_SUFFIXES)
            if (stem and len(stem) >= 3 and stem not in china_names
                    and stem not in SUBDIVISION_STOP and stem not in aliases):
                aliases.append(stem)
        aliases += SUBDIVISION_EXTRA_ALIASES.get(code, [])
        rows.append({'name': zh, 'aliases': aliases, 'code': code, 'kind': 'subdivision'})
    for code, zh, aliases in SUBDIVISION_EXTRA:
        if pycountry.subdivisions.get(code=code) is None:
            raise SystemExit('bad subdivision code in SUBDIVISION_EXTRA: %s' % code)
        if any(r['code'] == code for r in rows):
            raise SystemExit('SUBDIVISION_EXTRA %s is already translated' % code)
        rows.append({'name': zh, 'aliases': [a for a in aliases.split('|') if a],
                     'code': code, 'kind': 'subdivision'})
    print('subdivisions of TOP30 and NEIGHBOURS: %(total)d in ISO 3166-2, %(untranslated)d untranslated, '
          '%(dropped)d dropped by the filters' % stats, file=sys.stderr)
    return rows


# China's major rivers, lakes, seas and mountains whose names have two characters (general
# knowledge). Longer names (洞庭湖, 武夷山脉) come from jieba's dictionary at run time
# (kg.nlp.link.feature_words); two-character words of that dictionary mix names with common
# words (落山, 港湾), so these are listed. A name that is also a division's short form (太湖 of
# 太湖县, 泰山 of 泰山区) is dropped by the script: the division table decides it from context.
FEATURES = [
    '长江', '黄河', '珠江', '淮河', '海河', '辽河', '闽江', '湘江', '赣江', '汉江', '岷江', '漓江',
    '乌江', '渭河', '汾河', '沱江', '西江', '北江', '东江', '韩江', '洛河', '泾河', '滦河', '汉水',
    '滇池', '洱海', '渤海', '黄海', '华山', '嵩山', '恒山', '秦岭', '天山', '燕山', '阴山', '珠峰',
]


def feature_rows(china_names):
    rows = []
    for name in FEATURES:
        if name in china_names:
            print('feature %s dropped: collides with a Chinese division name' % name, file=sys.stderr)
            continue
        rows.append({'name': name, 'aliases': [], 'code': 'CN', 'kind': 'feature'})
    return rows


def city_rows(china_names):
    rows, seen = [], set()
    for name, aliases, code in CITIES:
        if name in seen:
            raise SystemExit('duplicate city in CITIES: %s' % name)
        seen.add(name)
        if name in china_names:
            print('city %s %s dropped: collides with a Chinese division name' % (code, name),
                  file=sys.stderr)
            continue
        if pycountry.countries.get(alpha_2=code) is None:
            raise SystemExit('bad country code for %s: %s' % (name, code))
        if not CJK_RE.match(name):
            raise SystemExit('city name not all Chinese: %r' % name)
        rows.append({'name': name, 'aliases': [a for a in aliases.split('|') if a],
                     'code': code, 'kind': 'city'})
    return rows


def sort_key(r):
    return (KIND_ORDER[r['kind']], r['code'], r['name'])


def dedupe(rows, verbose):
    """Make every name and alias unique over the file, by kind priority."""
    taken = {}
    kept = []
    for r in sorted(rows, key=lambda r: (KIND_PRIORITY[r['kind']],) + sort_key(r)):
        if r['name'] in taken:
            print('%s %s %s dropped: name already taken by %s' % (
                r['kind'], r['code'], r['name'], taken[r['name']]), file=sys.stderr)
            continue
        taken[r['name']] = '%s %s' % (r['kind'], r['code'])
        aliases = []
        for a in r['aliases']:
            if a in taken or a == r['name']:
                log(verbose, 'alias %s of %s %s dropped: already taken by %s' % (
                    a, r['kind'], r['name'], taken.get(a, 'itself')))
                continue
            taken[a] = '%s %s' % (r['kind'], r['code'])
            aliases.append(a)
        r = dict(r, aliases=aliases)
        kept.append(r)
    # an alias taken before a later row's name cannot happen the other way
    # round: names are checked against every earlier name and alias.
    return sorted(kept, key=sort_key)


def render(rows, version):
    counts = defaultdict(int)
    for r in rows:
        counts[r['kind']] += 1
    out = [
        '# world_places.tsv — foreign countries and territories, subdivisions of the 30 most populous',
        '# foreign countries and of China\'s other neighbours and the ASEAN members, and world capitals /',
        '# major foreign cities, in Chinese.',
        '# Countries and subdivisions: PyPI package pycountry %s (LGPL-2.1), whose ISO 3166 data and zh_CN'
        % version,
        '#   translations come from Debian iso-codes (iso3166-1.mo, iso3166-2.mo); cities: a curated list',
        '#   of capitals and major cities (general knowledge) inside tools/derive_world_places.py;',
        '#   features: China\'s major rivers, lakes, seas and mountains of two characters, listed there too.',
        '# TW, HK, MO are excluded (provincial-level units of ontology/divisions.tsv).',
        '# code: ISO 3166-1 alpha-2 (country, city) or ISO 3166-2 code (subdivision).',
        '# Generated by tools/derive_world_places.py; do not edit by hand. Regenerate with:',
        '#   python tools/derive_world_places.py --out ontology/lexicon/world_places.tsv',
        '# Rows: %s.' % ', '.join('%d %s' % (counts[k], k) for k in KIND_ORDER),
        '\t'.join(HEADER),
    ]
    for r in rows:
        out.append('\t'.join([r['name'], '|'.join(r['aliases']), r['code'], r['kind']]))
    return '\n'.join(out) + '\n'


def pycountry_version():
    try:
        from importlib.metadata import version
        return version('pycountry')
    except Exception:  # pragma: no cover
        return ''


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', help='write here instead of stdout')
    ap.add_argument('--divisions', default=DEFAULT_DIVISIONS,
                    help='ontology/divisions.tsv, for the Chinese-name collision check')
    ap.add_argument('--verbose', action='store_true', help='list every dropped entry')
    args = ap.parse_args(argv)
    china = load_china_names(args.divisions)
    rows = (country_rows(args.verbose) + city_rows(china) + subdivision_rows(china, args.verbose)
            + feature_rows(china))
    for r in rows:
        if r['kind'] == 'country' and r['name'] in china:
            print('note: country %s %s is also a Chinese division name (kept)'
                  % (r['code'], r['name']), file=sys.stderr)
    rows = dedupe(rows, args.verbose)
    text = render(rows, pycountry_version())
    if args.out:
        with open(args.out, 'w', encoding='utf-8', newline='\n') as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == '__main__':
    main()
