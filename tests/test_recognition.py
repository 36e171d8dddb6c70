"""Each recognition and resolution rule, pinned on short sentences."""


def test_agency_from_place_and_head(entities_of):
    assert ("Agency", "贵阳市公安局") in entities_of("贵阳市公安局破获一起诈骗案。")
    assert ("Place", "贵阳市") in entities_of("贵阳市公安局破获一起诈骗案。")


def test_a_body_the_division_source_lists_as_a_town_is_a_body(entities_of):
    assert ("Agency", "阿荣旗林业局") in entities_of("阿荣旗林业局开展森林防火宣传。")


def test_agency_chain_keeps_both_bodies(entities_of):
    found = entities_of("贵阳市委政法委员会召开全体会议。")
    assert {("Agency", "贵阳市委政法委员会"), ("Agency", "贵阳市委")} <= found


def test_self_named_station_under_a_bureau(entities_of):
    found = entities_of("灵武市公安局马家滩派出所接到报警。")
    assert {("Agency", "灵武市公安局"), ("Agency", "马家滩派出所")} <= found


def test_bare_admin_prefix_is_expanded_from_context(entities_of):
    found = entities_of("贵阳市召开会议。市公安局、市委政法委负责同志参加。")
    assert {("Agency", "贵阳市公安局"), ("Agency", "贵阳市委政法委")} <= found


def test_prefecture_body_takes_the_short_written_form(entities_of):
    assert ("Agency", "大理州委") in entities_of("大理白族自治州推进平安建设，州委高度重视。")


def test_body_of_an_anonymised_place_is_not_expanded(entities_of):
    found = entities_of("贵阳市召开会议。XX市坚持问题导向，市公安局开展专项整治。")
    assert not any(label.endswith("公安局") for _, label in found)


def test_generic_collectives_are_not_entities(entities_of):
    found = entities_of("全市公安机关和政法机关全力以赴。")
    assert not {t for t, _ in found} & {"Agency", "Organization"}


def test_short_county_name_needs_its_city_in_context(entities_of):
    assert ("Place", "白云区") in entities_of("贵阳市检察院指导云岩、白云等基层院。")
    assert ("Place", "白云区") not in entities_of("蓝天白云下的村庄。")


def test_towns_and_named_areas(entities_of):
    found = entities_of("贵阳市对花果园片区开展治安整治，覆盖中心城区十字街、万宜广场等区域。")
    assert {("Place", "花果园片区"), ("Place", "十字街"), ("Place", "万宜广场")} <= found
    assert ("Place", "中心城区十字街") not in found


def test_quoted_programme_with_head(entities_of):
    found = entities_of("观山湖区探索建立“十联铺”机制。")
    assert ("Program", "十联铺机制") in found


def test_quotes_sharing_one_head(entities_of):
    found = entities_of("云岩公安分局制定“分类闭环”“三级督办”等制度。")
    assert {("Program", "分类闭环"), ("Program", "三级督办")} <= found


def test_a_slogan_in_quotes_with_a_drive_after_it_is_that_drive(entities_of):
    found = entities_of("深入开展“不忘初心、牢记使命”主题教育。")
    assert [t for t, n in found if n.startswith("不忘初心")] == ["Campaign"]
    assert not [n for t, n in entities_of("牢记“不忘初心、牢记使命”。") if n.startswith("不忘初心")]


def test_quoted_campaign_and_metaphor(entities_of):
    found = entities_of("贵阳市公安机关以“平安1号行动”为抓手。平安建设是社会安定的“稳定器”。")
    assert ("Campaign", "平安1号行动") in found
    assert not any(label == "稳定器" for _, label in found)


def test_lexicon_campaign_with_variant_name(entities_of):
    found = entities_of("推进常态化扫黑除恶斗争。")
    assert ("Campaign", "扫黑除恶专项斗争") in found


def test_unquoted_campaign_compound(entities_of):
    found = entities_of("以深入开展社会治安重点工作专项行动为抓手。")
    assert ("Campaign", "社会治安重点工作专项行动") in found


def test_programme_regex_for_place_level_instances(entities_of):
    assert ("Program", "平安贵阳建设") in entities_of("社会治安是平安贵阳建设的总抓手。")


def test_organisations(entities_of):
    found = entities_of("与贵州民族大学联合建立基地。")
    assert ("Organization", "贵州民族大学") in found


def test_persons_from_bylines_titles_and_address(entities_of):
    found = entities_of("通讯员 朱彬彬 梁桂超\n桂林市委政法委书记赵志军表示。李女士说。")
    assert {("Person", "朱彬彬"), ("Person", "梁桂超"), ("Person", "赵志军"), ("Person", "李女士")} <= found


def test_a_national_body_after_the_home_countrys_name_is_that_body_as_written(nlp, resolver):
    from kg.corpus import Document
    from kg.nlp.pipeline import extract

    text = "中国外交部发言人表示，中国公安部与老挝公安部签署协议。"
    resolved = resolver.resolve(next(extract(nlp, [Document(id="t.txt", text=text)])))
    bodies = {(text[m.start:m.end], m.entity.label) for m in resolved.mentions if m.entity.type == "Agency"}
    assert {("中国外交部", "外交部"), ("中国公安部", "公安部"), ("老挝公安部", "老挝公安部")} <= bodies
    written = {m.written for m in resolved.mentions if m.entity.label == "外交部"}
    assert written == {"中国外交部"}
    found = {(text[m.start:m.end], m.entity.type) for text in ("中国公安部门破获一批案件。", "中国以军事手段回应挑衅。")
             for m in resolver.resolve(next(extract(nlp, [Document(id="t.txt", text=text)]))).mentions}
    assert not [name for name, type_ in found if type_ == "Agency"]  # not in 公安部门; no foreign body (以军)


def test_a_unit_of_an_organisation_is_an_organisation(entities_of):
    found = entities_of("亚洲开发银行东南亚局副局长表示，非洲联盟委员会主席发表讲话。")
    assert {("Organization", "亚洲开发银行东南亚局"), ("Organization", "非洲联盟委员会")} <= found
    assert not [n for t, n in found if t == "Agency"]
    assert ("Organization", "清华大学党委") not in entities_of("清华大学党委书记出席会议。")  # the party's organ


def test_foreign_names_joined_by_a_dot(entities_of):
    persons = {n for t, n in entities_of("老挝外交部长沙伦赛·贡玛西会见了新闻官托马斯·韦伯和安东尼奥·古特雷斯。") if t == "Person"}
    assert persons == {"沙伦赛·贡玛西", "托马斯·韦伯", "安东尼奥·古特雷斯"}
    persons = {n for t, n in entities_of("穆罕默德·本·扎耶德会见总理阿比·艾哈迈德，斯坦利·约翰逊说。") if t == "Person"}
    assert persons == {"穆罕默德·本·扎耶德", "阿比·艾哈迈德", "斯坦利·约翰逊"}


def test_a_name_after_a_foreign_state_and_its_post(entities_of):
    text = "俄罗斯总统普京同美国总统特朗普通话，法国总统马克龙、英国首相斯塔默说，美国国务卿布林肯访华。"
    persons = {n for t, n in entities_of(text) if t == "Person"}
    assert persons == {"普京", "特朗普", "马克龙", "斯塔默", "布林肯"}
    text = "美国总统大选即将举行，日本首相官邸发表声明，美国大使馆发布公告，美国总统在白宫讲话。"
    assert not [n for t, n in entities_of(text) if t == "Person"]


def test_a_foreign_name_runs_past_what_a_chinese_name_would(entities_of):
    assert ("Person", "古特雷斯") in entities_of("联合国秘书长古特雷斯发表讲话。")


def test_familiar_names_but_not_everyday_words(entities_of):
    persons = {n for t, n in entities_of("学校的老师说，小王说，老张表示，小马介绍，在小时，小麦。") if t == "Person"}
    assert persons == {"小王", "老张", "小马"}


def test_post_words_are_not_names(entities_of):
    found = entities_of("市委常委、市委政法委书记任组长。")
    assert not any(t == "Person" for t, _ in found)


def test_anonymised_names_are_skipped(entities_of):
    found = entities_of("民警岳某某介绍，XX市公安局破案。")
    assert not any("某" in label or "XX" in label for _, label in found)


def test_villages_jieba_does_not_know(entities_of):
    found = entities_of("兴国县良村镇上迳村村干部说，穴田村委泗林村的村民。")
    assert ("Place", "上迳村") in found and ("Place", "泗林村") in found


def test_kinds_of_place_are_not_names(entities_of):
    found = entities_of("建成强边固防示范村12个，八里街社会治安综合整治取得成效。")
    assert ("Place", "强边固防示范村") not in found
    assert ("Place", "八里街") in found


def test_national_strategies_are_programmes(entities_of):
    found = entities_of("全面推进乡村振兴，深入推进京津冀协同发展、长三角一体化发展，高质量共建“一带一路”。")
    assert {("Program", "乡村振兴战略"), ("Program", "京津冀协同发展"), ("Program", "长三角一体化发展"),
            ("Program", "一带一路")} <= found


def test_a_country_as_an_adjective_is_no_place(entities_of):
    found = entities_of("坚持走中国特色社会主义道路，推进中国式现代化，中国与东盟深化合作。")
    assert [n for t, n in found if t == "Place"] == ["中国"]  # the last one only
    assert ("Place", "中国") not in entities_of("推进中国式现代化。")


def test_rivers_jieba_does_not_know_before_a_word_of_water(entities_of):
    found = entities_of("汶河沿岸两个村因河滩地承包发生纠纷，建溪、富屯溪沿岸的养殖场已关停，宝象河沿岸的小区完成改造。")
    assert {("Place", "汶河"), ("Place", "建溪"), ("Place", "富屯溪"), ("Place", "宝象河")} <= found


def test_a_quoted_principle_or_standard_is_no_programme(entities_of):
    found = entities_of("按照“全域覆盖、全网共享、全程可控”的要求，根据“地理布局、区域属性”的原则，按照“六有、四落实”的标准推进。")
    assert not [n for t, n in found if t in ("Program", "Campaign")]
    assert ("Campaign", "京安行动") in entities_of("按照“京安行动”的要求，全面排查隐患。")


def test_roads_named_by_their_places_and_numbered_roads(entities_of):
    found = entities_of("闽清至永泰高速公路与福银高速、沪昆高速相接，村民要先走山路到316国道和县道X121线。")
    places = {n for t, n in found if t == "Place"}
    assert {"闽清至永泰高速公路", "福银高速", "沪昆高速", "316国道", "县道X121线"} <= places


def test_speed_and_kinds_of_road_are_no_road(entities_of):
    found = entities_of("经济高速发展，山区高速公路和普通高速公路建设加快，全省在建高速公路项目和国省道10类违法。"
                        "驶入高速、醉驾高速、违规驶离高速公路，节假日高速免费，四条高速公路，返程高速拥堵。")
    assert not [n for t, n in found if t == "Place" and ("高速" in n or "道" in n)]


def test_a_suffix_that_ends_an_adverb_names_no_place(entities_of):
    found = entities_of("这是元古堆人一路走来的真实写照，十字街上人来人往。")
    assert ("Place", "十字街") in found
    assert not [n for t, n in found if t == "Place" and n.endswith("一路")]
    found = entities_of("事故发生在八一路。游客在成都春熙路拍照。")  # road names jieba reads as a numeral or idiom
    assert {("Place", "八一路"), ("Place", "成都春熙路")} <= found


def test_water_in_general_is_no_river(entities_of):
    found = entities_of("加强城区护城河沿岸和河流两岸的巡查，这条河两岸种满了树。")
    assert not {name for type_, name in found if type_ == "Place"} & {"护城河", "河流", "这条河", "条河"}


def test_a_quoted_name_keeps_the_words_of_its_drive_but_not_of_everyday_work(entities_of):
    found = entities_of("全县开展“春风”反诈宣传月活动，还发起“利剑2021”严打整治。")
    assert ("Campaign", "春风反诈宣传月活动") in found
    assert ("Campaign", "利剑2021") in found


def test_a_quoted_plan_is_a_programme(entities_of):
    assert ("Program", "春雨乡村教师培训计划") in entities_of("两国宣布，“春雨乡村教师培训计划”第二期启动。")


def test_a_quoted_campaign_of_the_lexicon_with_its_head_is_that_drive_named_in_full(nlp, resolver, lexicon):
    from kg.corpus import Document
    from kg.graph import collect_entities
    from kg.nlp.pipeline import extract
    from kg.resolve import Unifier

    texts = ("各派出所开展“矛盾纠纷大排查大化解”专项行动，化解纠纷。", "全市开展“守护养老钱”防范非法集资宣传月活动。")
    docs = [Document(id=f"d{i}.txt", text=t) for i, t in enumerate(texts)]
    records = collect_entities(Unifier(lexicon).unify([resolver.resolve(x) for x in extract(nlp, docs)]))
    labels = {rec.label for rec in records.values() if rec.ref.type == "Campaign"}
    assert {"矛盾纠纷大排查大化解专项行动", "守护养老钱防范非法集资宣传月活动"} <= labels


def test_a_places_instance_of_a_national_programme(entities_of):
    found = entities_of("深入推进平安浙江、法治浙江建设，打造平安昆明。")
    assert {("Program", "平安浙江"), ("Program", "平安昆明")} <= found
