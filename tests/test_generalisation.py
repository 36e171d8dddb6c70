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


def test_a_unit_named_inside_its_body_is_an_agency_under_it(entities_of):
    found = entities_of("农业农村部国际合作司副司长表示，银监会咨询处也作了说明。")
    assert {("Agency", "农业农村部国际合作司"), ("Agency", "中国银行业监督管理委员会咨询处")} <= found


def test_a_units_head_that_ends_a_word_or_a_rank_makes_no_unit(entities_of):
    found = entities_of("党中央统揽全局，公安部的局级干部和公安部所属公司参加。")
    assert {label for t, label in found if t == "Agency"} == {"中共中央", "公安部"}


def test_a_place_or_a_particle_after_a_person_or_a_verb_phrase_makes_no_unit(entities_of):
    for text in ("这一做法为公安部工作人员所熟知。", "记者从农业农村部相关负责人处了解到。",
                 "教育部今年新增研究所。", "公安部接到某公司举报。"):
        assert {label for t, label in entities_of(text) if t == "Agency"} <= {"公安部", "农业农村部", "教育部"}, text


def test_a_village_or_community_named_with_its_own_body(entities_of):
    found = entities_of("余村村党支部书记介绍，芳草社区党委和下姜村村委会也派人参加。")
    assert {("Agency", "余村村党支部"), ("Agency", "芳草社区党委"), ("Agency", "下姜村村委会"),
            ("Place", "余村"), ("Place", "芳草社区"), ("Place", "下姜村")} <= found
    assert not any(label.startswith(("全村", "该村")) for _, label in entities_of("全村村民和该村村委会都同意。"))


def test_a_village_word_of_the_language_or_a_modifier_is_no_village(entities_of):
    assert not entities_of("外村村民、同村村干部、两村村干部和邻村村民都来了。")
    assert not entities_of("新型社区党委的建设")


def test_rivers_lakes_mountains_and_regions_are_places(entities_of):
    found = entities_of("长江、黄河和洞庭湖流域，武夷山脉以东，推动中部地区崛起。")
    assert {("Place", "长江"), ("Place", "黄河"), ("Place", "洞庭湖"), ("Place", "武夷山脉"), ("Place", "中部地区")} <= found


def test_the_longest_feature_ending_at_a_place_is_the_name(entities_of):
    found = entities_of("南太平洋岛国代表参加会议。")
    assert ("Place", "南太平洋") in found and ("Place", "太平洋") not in found


def test_terrain_words_and_regions_of_no_name_are_not_places(entities_of):
    assert not entities_of("加强河湖管理，支持偏远地区和丘陵地区，登上高山，远眺大海。")
    assert not entities_of("太阳落山，涉海企业商海沉浮，开拓蓝海市场，回到港湾。")


def test_a_river_is_one_place_wherever_named(nlp, resolver):
    from kg.corpus import Document
    from kg.nlp.pipeline import extract

    text = "贵阳市花溪区的河流最终汇入长江。"
    mentions = resolver.resolve(next(extract(nlp, [Document(id="t.txt", text=text)]))).mentions
    river = next(m for m in mentions if m.entity.label == "长江")
    assert river.entity.qualifier == "" and river.place is None


def test_china_is_one_place_not_a_part_of_the_city_in_context(nlp, resolver):
    from kg.corpus import Document
    from kg.nlp.pipeline import extract

    text = "贵阳市是中国的大数据之都。"
    mentions = resolver.resolve(next(extract(nlp, [Document(id="t.txt", text=text)]))).mentions
    china = next(m for m in mentions if m.entity.label == "中国")
    assert china.entity.qualifier == "" and china.place is None


def test_named_teams_cooperatives_and_branches_are_organisations(entities_of):
    found = entities_of("吴江区蓝天救援队、安吉县竹韵毛竹专业合作社和成都农商银行武侯支行参加，四川大学华西医院派出医生。")
    assert {("Organization", "吴江区蓝天救援队"), ("Organization", "安吉县竹韵毛竹专业合作社"),
            ("Organization", "成都农商银行武侯支行"), ("Organization", "四川大学华西医院")} <= found


def test_a_units_name_holds_no_punctuation_and_its_head_ends_no_word(entities_of):
    assert {label for t, label in entities_of("农业农村部、国际合作司参加。") if t == "Agency"} == {"农业农村部"}
    assert {label for t, label in entities_of("公安部物业公司负责维修。") if t == "Agency"} == {"公安部"}


def test_a_kind_or_a_count_of_organisations_is_no_name(entities_of):
    found = entities_of("由社区居委会和物业公司商量着办，杭州市上城区部分小学和罗马一所中学参加。")
    assert not {label for t, label in found if t == "Organization"}
    found = entities_of("当地消防救援队赶到，他在一家农业银行支行工作。")
    assert {label for t, label in found if t == "Organization"} <= {"农业银行"}


def test_a_quoted_name_opens_an_organisations_name(entities_of):
    assert ("Organization", "玉林大妈反诈宣传队") in entities_of("一支“玉林大妈”反诈宣传队成了明星。")
    # a team named whole in quotes after a verb that founds it is the team, not a programme
    found = entities_of("村党委牵头成立了“石桥乡贤调解队”，队员由老党员组成。")
    assert ("Organization", "石桥乡贤调解队") in found and not {t for t, _ in found} & {"Program"}


def test_an_organisation_named_again_without_its_place_is_one_entity(entities_of):
    found = entities_of("吴江区蓝天救援队赶到现场。蓝天救援队队员下水救人。")
    assert {label for t, label in found if t == "Organization"} == {"吴江区蓝天救援队"}
    found = entities_of("吴江区蓝天救援队和昆山市蓝天救援队赶到。蓝天救援队队员下水救人。")
    assert ("Organization", "蓝天救援队") in found  # which of the two is not said


def test_a_foreign_government_and_a_short_form_jieba_cuts_are_bodies(entities_of):
    found = entities_of("日本政府表示关注。这一组织由住建部牵头。")
    assert {("Agency", "日本政府"), ("Agency", "住房和城乡建设部")} <= found
    assert not entities_of("事在网中办。")


def test_a_municipalitys_bodies_take_its_name(entities_of):
    assert ("Agency", "北京市教委") in entities_of("北京市教工委和市教委召开紧急会议。")


def test_a_municipality_makes_no_bare_district_forms_places(entities_of):
    found = entities_of("北京市委要求大兴调查研究之风，迎着朝阳出发。")
    assert not {label for t, label in found if t == "Place"} - {"北京市"}


def test_no_name_opens_with_a_distributive(entities_of):
    assert not entities_of("他们走访了各乡镇司法所和每村村委会。")


def test_a_body_the_model_names_on_a_place_stands(entities_of):
    assert ("Agency", "福建省新闻出版局") in entities_of("福建省新闻出版局表示，将加强管理。")


def test_a_two_character_county_name_needs_no_context(entities_of):
    assert ("Place", "文县") in entities_of("XX市公安交管部门在文县建成查验通道。")
    assert ("Place", "环县") in entities_of("环县和华池县的调解室。")
    assert not entities_of("市和县两级部门，代县长表示支持。")
    for text in ("某县推进新县城建设，新县委书记到任。", "古县城保护工作。", "升格成县级市，应县级财政。"):
        assert not entities_of(text), text
    assert {("Place", "文县"), ("Agency", "文县公安局")} <= entities_of("文县公安局破获一起案件。")  # 文|县公安局


def test_armed_forces_named_on_a_place_are_bodies(entities_of):
    found = entities_of("俄罗斯空军和乌拉尔军区参加演习，贵州省军区派员观摩。")
    assert {("Agency", "俄罗斯空军"), ("Agency", "乌拉尔军区"), ("Agency", "贵州省军区")} <= found
    assert not entities_of("他在海军服役，后来转到空军。")
    for text in ("上海军民融合发展。", "北海军港停满船只。"):  # the last character of a name opens no head
        assert {label for t, label in entities_of(text) if t == "Agency"} == set(), text
    # a national force's units name the force before the place
    found = entities_of("武警湖南省总队怀化支队官兵赶赴现场。")
    assert {("Agency", "武警湖南省总队"), ("Agency", "武警湖南省总队怀化支队")} <= found


def test_a_foreign_name_after_a_post_is_the_whole_name(entities_of):
    for text, name in (("外交部部长安东尼奥·古特雷斯出席会议并致辞。", "安东尼奥·古特雷斯"),
                       ("总理贾斯汀·特鲁多访问北京。", "贾斯汀·特鲁多")):
        persons = {label for t, label in entities_of(text) if t == "Person"}
        assert persons == {name}, text


def test_a_post_is_read_only_where_it_is_a_word(entities_of):
    assert not entities_of("此处长满杂草。")
    for text, name in (("县委书记刘国庆说。", "刘国庆"), ("外交部长王毅同美国国务卿会谈。", "王毅"),
                       ("政协委员林建设提出建议。", "林建设")):  # the title glued in one word with the body
        assert ("Person", name) in entities_of(text), text


def test_a_one_character_head_opens_no_word_that_goes_on_without_a_head(entities_of):
    for text in ("杭州市委托第三方机构评估。", "宁波市委派工作组进驻。"):
        assert {label for t, label in entities_of(text) if t == "Agency"} == set(), text
    assert ("Agency", "大理州委") in entities_of("大理州委召开会议。")
    assert ("Agency", "桂林市委") in entities_of("桂林市委常委出席。")  # 市委|常委: 常委 is a post, 委 still the head
    assert ("Agency", "柳州市委") in entities_of("柳州市委办公室发布通知。")


def test_a_region_is_named_by_a_proper_noun_or_a_compass_word(entities_of):
    found = entities_of("克什米尔地区局势紧张，推动中部地区崛起。")
    assert {("Place", "克什米尔地区"), ("Place", "中部地区")} <= found
    assert not entities_of("加强边疆地区、贫困地区和民族地区建设。")
    assert not entities_of("沿海地区、丘陵地区和大部分地区降雨。")  # a town's stem, a two-character nr, a count
    assert {("Place", "京津冀地区"), ("Place", "亚太地区")} <= entities_of("京津冀地区和亚太地区合作。")


def test_names_inside_the_title_of_a_work_are_not_mentions(entities_of):
    found = entities_of("他最爱玩《重返德军总部》，也读过《2024年河源市生态环境状况公报》和《南宁市公安局》一书，看过《长津湖》。")
    assert not found  # a book's or a film's whole title names no body or place either
    # a title that is a name is one: the newspaper, with its place inside
    assert ("Organization", "广西法治日报") in entities_of("据《广西法治日报》报道，南宁市开展巡查。")


def test_a_named_area_does_not_reach_back_over_a_verb_to_a_modifier(entities_of):
    found = entities_of("要高标准建设雄安新区，繁荣会展商圈。")
    assert {("Place", "雄安新区"), ("Place", "会展商圈")} <= found


def test_a_country_and_an_armed_force_head_make_a_body_but_a_bare_admin_prefix_does_not(entities_of):
    assert ("Agency", "越南军队") in entities_of("800名士兵被越南军队俘获。")
    assert not {label for _, label in entities_of("他住进了市军队离退休干部休养所。")} & {"市军队"}


def test_a_preposition_before_a_place_is_no_part_of_its_name(lexicon, nlp):
    """The tagger sometimes reads 沿太湖 as one place; a preposition before a place another
    proposer found is no part of it."""
    from kg.nlp.components import text_view
    from kg.nlp.records import Candidate
    from kg.nlp.recognizers import StatisticalNames
    from kg.nlp.tagger import Span
    from kg.vocabulary import EntityType

    class Tagger:
        def spans(self, text, words):
            return [Span(2, 5, "LOC", 0.99)]

    text = "船只沿太湖航行。"
    view = text_view(nlp.make_doc(text))
    found = [Candidate(3, 5, EntityType.PLACE, "division")]
    names = {text[c.start:c.end] for c in StatisticalNames(lexicon, Tagger(), 0.5)(view, found)}
    assert "沿太湖" not in names


def test_a_verb_between_two_bodies_is_no_town(entities_of):
    found = entities_of("临安区昌化镇位于浙西。派出所联合镇综合执法局开展巡查。")
    labels = {label for _, label in found}
    assert "昌化镇综合执法局" in labels and not any(label.startswith("联合") for label in labels)


def test_a_preposition_jieba_glued_to_a_station_name_is_left_out(entities_of):
    assert ("Agency", "梅溪人民法庭") in entities_of("安吉县梅溪镇召开调解会，由梅溪人民法庭法官主持。")


def test_demonstratives_and_river_reaches_open_no_village_name(entities_of):
    found = entities_of("大溪村上下游村民发生纠纷，这是村民们没想到的。")
    assert not {label for _, label in found} & {"上下游村", "这是村"}


def test_a_township_station_is_named_after_its_town_without_the_suffix(entities_of):
    found = entities_of("临沭县店头镇位于沂蒙山区。店头派出所民警走访，区司法局指导店头司法所开展普法。")
    assert {("Agency", "店头派出所"), ("Agency", "店头司法所")} <= found
    assert not any(label.startswith("区司法局指导") for _, label in found)
    assert not any(label == "联合司法所" for _, label in entities_of("街道综治中心联合司法所、派出所开展排查。"))
    # an everyday word is no town's name (公安, 中心, 先进: frequent in jieba's dictionary)
    found = entities_of("广西南宁市加强公安派出所建设，全市共有先进司法所12个，四川省成都市各中心派出所。")
    assert not {label for type_, label in found if type_ == "Agency"}
    assert ("Agency", "店头派出所") in entities_of("店头派出所民警走访群众。")  # a text that names no place


def test_a_place_before_a_dictionary_name_stays_apart_but_not_before_a_kind(entities_of):
    found = entities_of("北京清华大学的学者走进那坡县城厢镇中心小学。")
    assert {("Place", "北京市"), ("Organization", "清华大学"), ("Organization", "那坡县城厢镇中心小学")} <= found


def test_a_bank_named_inside_its_branch_is_a_mention_of_its_own(entities_of):
    found = entities_of("中国银行宁波市分行和富滇银行关上支行提供贷款。")
    assert {("Organization", "中国银行"), ("Organization", "富滇银行"), ("Organization", "中国银行宁波市分行")} <= found


def test_firms_with_their_legal_form_and_law_firms_before_a_glued_word(entities_of, nlp, resolver):
    found = entities_of("辩护人、江苏锡信律师事务所律师吴雪梅表示。华信证券分析师指出，公司在深圳证券交易所上市。")
    assert {("Organization", "江苏锡信律师事务所"), ("Organization", "华信证券"), ("Organization", "深圳证券交易所")} <= found
    found = entities_of("控股股东宁波甬泰控股集团有限公司增持股份。宁波甬泰控股集团表示看好公司前景。")
    assert {label for type_, label in found if type_ == "Organization"} == {"宁波甬泰控股集团有限公司"}


def test_a_person_after_a_noun_for_a_role_or_trade(entities_of):
    found = entities_of("洞庭湖渔民魏长生上岸后说起往事。中信证券分析师罗文之在研报中指出。”商户赵先生说。")
    assert {("Person", "魏长生"), ("Person", "罗文之"), ("Person", "赵先生")} <= found
    found = entities_of("泰国国家水资源办公室派员参加。创建国家文明城市，职工文明素质，学生明白了道理，专家权威解读。")
    assert not {label for type_, label in found if type_ == "Person"}
    assert not entities_of("记者采访了当地渔民王")  # a surname alone at the end of the text: no name, no error


def test_a_foreign_states_bodies_are_its_own_not_chinas(entities_of):
    found = entities_of("巴西外交部发言人表示，斯里兰卡水资源和灌溉部、蒙古农牧业与轻工业部派员出席。老挝北部降雨，法国全部参加。")
    agencies = {label for type_, label in found if type_ == "Agency"}
    assert {"巴西外交部", "斯里兰卡水资源和灌溉部", "蒙古农牧业与轻工业部"} <= agencies
    assert not agencies & {"外交部", "法国全部"} and not any("北部" in a for a in agencies)
    found = entities_of("日本市场布局调整，英国足球俱乐部来访，英国首相府和内政部发表声明，长江局发布预报。")
    assert {label for type_, label in found if type_ == "Agency"} <= {"内政部", "长江局"}
    # fields of place words and verbal nouns, an office, a head jieba glued to its chief's post
    found = entities_of("泰国国家水资源办公室、匈牙利外交与对外经济部、巴西发展与社会援助部和越南农业与农村发展部副部长出席。")
    agencies = {label for type_, label in found if type_ == "Agency"}
    assert {"泰国国家水资源办公室", "匈牙利外交与对外经济部", "巴西发展与社会援助部", "越南农业与农村发展部"} <= agencies
    # a place word opens no body's name (当地, 国内: where, not which)
    found = entities_of("美国当地办公室和日本国内调查局发表声明。")
    assert not {label for type_, label in found if type_ == "Agency"}


def test_two_fields_joined_inside_a_bodys_name(entities_of):
    found = entities_of("苏州市防范和处置非法集资工作领导小组办公室发布提示。贵阳市公安局和司法局联合开展行动。")
    agencies = {label for type_, label in found if type_ == "Agency"}
    assert "苏州市防范和处置非法集资工作领导小组办公室" in agencies
    assert not any(a.startswith("贵阳市公安局和") for a in agencies)
    assert not {label for type_, label in entities_of("保监会扩大学习范围。") if type_ == "Organization"}


def test_kinds_of_road_and_counts_and_locatives_are_not_places(entities_of):
    found = entities_of("全省新增两条高速公路，省内山区高速公路建设难度大，线路在境内后经塘前乡。五户庄村的村民来到南京路步行街。")
    places = {label for type_, label in found if type_ == "Place"}
    assert not any("高速公路" in p or p.startswith("境内") for p in places)
    assert {"五户庄村", "南京路步行街"} <= places
    found = entities_of("全市建成三条景观大道，新增两个文化广场，步行街上人来人往，巡逻队沿花果园大道巡查。")
    assert {label for type_, label in found if type_ == "Place"} == {"花果园大道"}


def test_schools_of_a_kind_and_a_universitys_schools(entities_of):
    found = entities_of("走进那坡县城厢镇中心小学，孩子们正在用餐。东南大学法学院副教授许明哲表示。嫌疑人落网。")
    orgs = {label for type_, label in found if type_ == "Organization"}
    assert {"那坡县城厢镇中心小学", "东南大学法学院", "东南大学"} <= orgs and "中心小学" not in orgs


def test_provinces_of_chinas_neighbours_are_places(entities_of):
    found = entities_of("老挝沙湾拿吉和柬埔寨暹粒省遭遇洪水，蒙古国色楞格省也受灾。")
    assert {("Place", "沙湾拿吉"), ("Place", "暹粒省"), ("Place", "色楞格省")} <= found


def test_a_head_that_makes_a_word_for_another_thing_names_no_body(entities_of):
    found = entities_of("飞船将在美国加利福尼亚州范登堡空军基地降落。")  # jieba: 空军基地, one word
    assert not {label for type_, label in found if type_ == "Agency"}
    # the body's own things and posts keep it, and so does a head jieba cuts off the next word
    found = entities_of("南宁海关监管的货物增加，桐梓县政府部门负责人和桐梓县公安局长张三参加了桐梓县政协会议。"
                        "贵阳市政府军民融合发展办公室召开会议。")
    agencies = {label for type_, label in found if type_ == "Agency"}
    assert {"南宁海关", "桐梓县政府", "桐梓县公安局", "桐梓县政协", "贵阳市政府"} <= agencies


def test_a_unit_before_its_chiefs_post_is_a_unit(entities_of):
    # jieba reads 处处 (everywhere) across the unit's head and the post 处长
    found = entities_of("桐梓县公安局情报研究处处长张三说，研究已经完成。")
    assert ("Agency", "桐梓县公安局情报研究处") in found
    assert not {label for type_, label in entities_of("他处处长进，处处留心。") if type_ == "Agency"}


def test_a_name_after_a_post_with_a_compound_surname_or_glued_to_the_post(entities_of):
    assert ("Person", "欧阳晓") in entities_of("市民政局局长欧阳晓介绍，全市养老服务持续改善。")
    assert ("Person", "宋志军") in entities_of("小区里，网格员宋志军已经骑着电动车出发。")  # 网格|员宋|志军
    assert ("Person", "商事") not in entities_of("调解组织根据当事人商事纠纷的申请开展调解。")
    # heads of institutions are posts too; a surname that is also a preposition names only as jieba joins it
    found = entities_of("馆长苏文静介绍，商会会长周立新、发改委主任向东明也出席。主任向大家介绍了情况。")
    assert {("Person", "苏文静"), ("Person", "周立新"), ("Person", "向东明")} <= found
    assert not any(label.startswith("向大") for _, label in found)


def test_a_mission_is_a_body_of_its_sender_and_a_provinces_office_lies_in_the_province(nlp, resolver):
    from kg.corpus import Document
    from kg.nlp.pipeline import extract

    text = ("意大利驻华大使馆和中国驻巴西大使馆联合举办活动，欧盟驻越南代表团、中国常驻联合国代表团、"
            "贵州省驻京办事处和贵州省人民政府驻上海办事处也派员出席。")
    mentions = resolver.resolve(next(extract(nlp, [Document(id="t.txt", text=text)]))).mentions
    places = {m.entity.label: m.place.label if m.place else None for m in mentions if m.entity.type in ("Agency", "Organization")}
    # a state's mission abroad lies in no place (neither the host's nor trivially its own state)
    assert {places[k] for k in ("意大利驻华大使馆", "中国驻巴西大使馆", "欧盟驻越南代表团", "中国常驻联合国代表团")} == {None}
    # a province's office lies in the province, not where it is seated; a place may hold the marker's character
    assert places["贵州省驻京办事处"] == places["贵州省人民政府驻上海办事处"] == "贵州省"
    mentions = resolver.resolve(next(extract(nlp, [Document(id="t.txt", text="驻马店市驻京办事处举办活动。")]))).mentions
    assert [m.place.label for m in mentions if m.entity.type == "Agency"] == ["驻马店市"]


def test_an_unquoted_project_is_a_programme_as_the_object_of_an_adopting_verb(entities_of):
    assert ("Program", "城乡居民大病保险工程") in entities_of("全省实施了城乡居民大病保险工程，成效明显。")
    assert not {label for type_, label in entities_of("该县实施了污水处理厂二期扩建工程。") if type_ == "Program"}


def test_a_citys_bare_name_is_the_city_even_where_jieba_tags_it_a_word(entities_of):
    found = entities_of("陕西省球迷从西安、宝鸡、咸阳赶来。湖南省消防救援总队从长沙、邵阳调派力量。")
    assert {("Place", "宝鸡市"), ("Place", "长沙市")} <= found  # not 长沙县, a county of 长沙市
    # a city's name that is an everyday word is a place only with its suffix
    assert not {label for type_, label in entities_of("广西壮族自治区举行招待会，各位来宾出席。山东省今天日照充足。")
                if type_ == "Place"} - {"广西壮族自治区", "山东省"}
    # a county the text is about keeps its bare name (长沙县, then 长沙)
    found = entities_of("长沙县召开会议，要求长沙各乡镇做好防汛工作。")
    assert ("Place", "长沙县") in found and ("Place", "长沙市") not in found


def test_an_organisations_name_holds_a_place_jieba_tags_a_verb_and_ends_before_a_preposition(entities_of):
    found = entities_of("怀化蓝天救援队、辰溪县红十字会连夜赶来；中国农业银行湖北省分行为企业提供贷款。")
    orgs = {label for type_, label in found if type_ == "Organization"}
    assert {"怀化蓝天救援队", "辰溪县红十字会", "中国农业银行湖北省分行"} <= orgs


def test_a_body_is_named_on_the_longest_place_before_its_head(entities_of):
    found = entities_of("东湖高新区管委会相关负责人介绍，园区一季度新签约项目46个。")
    assert ("Agency", "东湖高新区管委会") in found and ("Agency", "高新区管委会") not in found


def test_courts_and_procuratorates_units_are_numbered_and_read_across_a_glued_post(entities_of):
    found = entities_of("无锡中院刑事审判第二庭庭长邵建华说，无锡市人民检察院第四检察部副主任顾晓雯出庭。")
    agencies = {label for type_, label in found if type_ == "Agency"}
    assert {"无锡中院刑事审判第二庭", "无锡市人民检察院第四检察部"} <= agencies
    # a numbered head that runs on into another body's name, or a verb after the number, makes no unit
    found = entities_of("无锡市公安局第二中心派出所民警赶到，无锡市公安局第一处理中心也派员参加。")
    agencies = {label for type_, label in found if type_ == "Agency"}
    assert agencies == {"无锡市公安局", "无锡市公安局第二中心派出所"}


def test_a_community_of_everyday_words_is_a_place_in_its_address(entities_of):
    found = entities_of("官渡区关上街道世纪城社区网格员马丽萍正在巡查。")
    assert ("Place", "世纪城社区") in found
    assert not {label for type_, label in entities_of("他们深入城市社区和农村社区开展宣传。") if type_ == "Place"}
    found = entities_of("官渡区关上街道部分社区实行封闭管理，关上街道附近社区居民赶来，关上街道问题社区整改到位。")
    assert {label for type_, label in found if type_ == "Place"} == {"官渡区", "关上街道"}


def test_a_units_locative_is_no_place(entities_of):
    assert not {label for type_, label in entities_of("镇里抽调干部组建了工作专班，村里也派了人。") if type_ == "Place"}


def test_a_countys_bare_lake_name_outside_its_context_is_the_lake(entities_of):
    assert ("Place", "太湖") in entities_of("苏州市吴江区七都镇太湖岸线约47公里。")
    found = entities_of("安庆市太湖县召开会议，太湖要加快发展。")  # in the county's context, the county
    assert ("Place", "太湖县") in found and ("Place", "太湖") not in found
    assert not {label for type_, label in entities_of("沿河两岸绿树成荫。") if type_ == "Place"}  # a river's word stays a word
    assert not entities_of("嫌疑人从平湖逃往外地。")  # a county in 湖 that is no lake stays the county, here unresolved


def test_clinics_are_organisations_and_a_field_joined_before_a_head_makes_no_fragment(entities_of):
    found = entities_of("城关镇中心卫生院和马山县妇幼保健院的医生参加义诊。")
    assert ("Organization", "城关镇中心卫生院") in found
    assert not {label for type_, label in found if type_ == "Agency"}
    found = entities_of("洪湖市水利和湖泊局局长介绍情况，管理局还与中国科学院水生生物研究所合作。")
    assert not any(label.startswith("湖泊") for _, label in found)
    assert ("Organization", "中国科学院水生生物研究所") in found
    assert ("Organization", "金鑫房地产开发有限公司") in entities_of("业主与金鑫房地产开发有限公司产生纠纷。")


def test_a_street_named_by_an_everyday_word_is_a_place_where_the_text_says_where(entities_of):
    found = entities_of("家住县府街的冯大爷反映问题，在碑林区文艺路的一家书房里读者很多。")
    assert {("Place", "县府街"), ("Place", "文艺路")} <= found
    found = entities_of("在人生路上，我们要坚持。在发展道路上不断前进，文艺路线要正确，在山区路的两侧。")
    assert not {label for type_, label in found if type_ == "Place"}
