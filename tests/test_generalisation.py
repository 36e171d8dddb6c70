"""Behaviour on short sentences of kinds the domain rules were never written for: persons in no
lexicon, ordinary departments, foreign countries, communities and roads, slogans and puns."""

from kg.nlp.text import is_pun


def test_a_person_in_no_lexicon_is_found(entities_of):
    assert ("Person", "吴永福") in entities_of("武夷山市星村镇桐木村茶农吴永福家里有三亩茶园。")
    assert ("Person", "王建国") in entities_of("昨天，村民王建国在田里干活时发现了险情。")


def test_a_foreign_name_joined_by_a_dot_is_one_person(entities_of):
    assert ("Person", "卡洛斯·门德斯") in entities_of("巴西发展与社会援助部副部长卡洛斯·门德斯表示欢迎。")


def test_byline_names_stop_at_the_next_role(entities_of):
    found = entities_of("本报记者 刘晓峰 通讯员 孙丽娟 报道")
    assert {("Person", "刘晓峰"), ("Person", "孙丽娟")} <= found
    assert ("Person", "通讯员") not in found


def test_an_ordinary_department_is_an_agency_with_its_place(nlp, resolver):
    from kg.corpus import Document
    from kg.nlp.pipeline import extract

    extracted = next(extract(nlp, [Document(id="t.txt", text="河北省保定市涞水县水利局组织人员检查堤坝。")]))
    agencies = [m for m in resolver.resolve(extracted).mentions if m.entity.type == "Agency"]
    assert [(m.entity.label, m.place.label) for m in agencies] == [("涞水县水利局", "涞水县")]


def test_a_foreign_country_is_a_place_of_no_chinese_context(entities_of):
    found = entities_of("贵阳市代表团访问了巴西和阿根廷。")
    assert {("Place", "巴西"), ("Place", "阿根廷")} <= found


def test_a_community_and_a_road_are_places(entities_of):
    found = entities_of("他们在朝阳社区开展宣传，沿着中山路前行。")
    assert {("Place", "朝阳社区"), ("Place", "中山路")} <= found


def test_an_idiom_is_not_a_named_road(entities_of):
    assert not {t for t, _ in entities_of("他们走上了光明大道，另谋出路。")} & {"Place"}


def test_a_quoted_pun_or_slogan_is_not_a_programme(entities_of):
    assert is_pun("十面霾伏") and not is_pun("一事通办") and not is_pun("十面埋伏")
    found = entities_of("市民纷纷表示要“十面霾伏”，共同应对雾霾。")
    assert not {t for t, _ in found} & {"Program", "Campaign"}


def test_an_abbreviation_matches_only_as_a_word(entities_of):
    assert not entities_of("会议要求集中办公，提高效率。")
    assert ("Agency", "中共中央办公厅") in entities_of("中办印发了通知。")


def test_a_partner_verb_ends_a_body_name(entities_of):
    found = entities_of("吴江区消防救援大队联合七都镇政府开展演练。")
    assert ("Agency", "吴江区消防救援大队") in found
    assert not any("联合" in label for _, label in found)


def test_bodies_of_towns_communities_and_villages_are_agencies(entities_of):
    found = entities_of("朱家角镇党委、朱家角镇政府和黄岩街道办事处，以及大溪村村委会、大溪村党支部参加了会议。")
    assert {("Agency", "朱家角镇党委"), ("Agency", "朱家角镇政府"), ("Agency", "黄岩街道办事处"),
            ("Agency", "大溪村村委会"), ("Agency", "大溪村党支部")} <= found


def test_a_county_party_committee_is_not_read_as_a_local_head(entities_of):
    """Above the town a party committee is written 委 (大理州委): 州党委 is no head of its own."""
    assert not any(t == "Agency" and label.endswith("州党委") for t, label in entities_of("大理州党委召开会议。"))


def test_a_bodys_term_is_no_part_of_its_name(entities_of):
    found = entities_of("浙江省第十四届人民代表大会常务委员会第五次会议通过。")
    assert ("Agency", "浙江省人民代表大会常务委员会") in found
