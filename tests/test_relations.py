"""Relations read from short sentences: one test per way an actor, a post or a containment is
read, and the cases where two entities share a sentence without a relation between them."""

import pytest

from kg.corpus import Document
from kg.nlp.pipeline import extract
from kg.relations import ActorReader, NameReader, PostReader


@pytest.fixture(scope="module")
def read(nlp, resolver, lexicon):
    readers = (NameReader(lexicon).read, ActorReader(lexicon).read, PostReader(lexicon).read)

    def run(text: str, place: str | None = None, titles: bool = False) -> set[tuple]:
        extracted = next(extract(nlp, [Document(id="t.txt", text=text, place=place)]))
        rd = resolver.resolve(extracted)
        found = set()
        for reader in readers:
            for r in reader(rd):
                assert r.sentence is not None and r.doc_id == "t.txt"
                fact = (r.subject.label, r.predicate, r.object.label)
                found.add((*fact, r.title) if titles else fact)
        return found

    return run


def only(found: set[tuple], predicate: str) -> set[tuple]:
    return {f for f in found if f[1] == predicate}


# --- implements / conducts: who the actor is -------------------------------------------------

def test_clause_head_actor(read):
    assert ("观山湖区", "implements", "十联铺机制") in read("观山湖区着力优化基层社会治理体系，探索建立“十联铺”机制。")


def test_campaign_is_conducted(read):
    assert only(read("桂林市在全市范围内集中开展“亮剑2020”专项行动。"), "conducts") == {
        ("桂林市", "conducts", "亮剑2020专项行动")}


def test_actor_of_an_earlier_clause_carries_through_the_sentence(read):
    found = read("云岩公安分局通过创新研发“重复敏感警情处置系统”，对警情自动抓取，制定“分类闭环”“三级督办”等制度。")
    assert {("云岩公安分局", "implements", p) for p in ("重复敏感警情处置系统", "分类闭环", "三级督办")} <= found


def test_actor_after_a_leading_adverbial_clause(read):
    found = read("为如期完成试点工作，海东市完善平安建设“1+10+X”组织领导体系。")
    assert ("海东市", "implements", "1+10+X组织领导体系") in found


def test_paragraph_actor_carries_to_later_sentences(read):
    found = read("花溪区强联动，筑牢反诈防线。深化“五统一”机制，提高执法规范化水平。")
    assert ("花溪区", "implements", "五统一机制") in found


def test_section_place_carries_to_the_next_paragraph(read):
    found = read("大理州坚持党建引领。\n坚持和发展新时代“枫桥经验”，加强“雪亮工程”建设。")
    assert {("大理白族自治州", "implements", "枫桥经验"), ("大理白族自治州", "implements", "雪亮工程")} <= found


def test_generic_collective_acts_for_its_place(read):
    found = read("贵阳市充分认识到治安工作的重要性。全市公安机关以“平安1号行动”为抓手，推进常态化扫黑除恶斗争。")
    assert ("贵阳市", "conducts", "平安1号行动") in found


def test_place_written_before_a_collective_acts(read):
    assert ("贵阳市", "conducts", "平安1号行动") in read("贵阳市公安机关以“平安1号行动”为抓手，强力推进专项行动。")


def test_body_written_onto_the_name(read):
    found = read("中卫市“人民调解+仲裁+信访”矛盾纠纷治理模式入选全国典型。")
    assert ("中卫市", "implements", "人民调解+仲裁+信访矛盾纠纷治理模式") in found


def test_joined_actors_all_act(read):
    found = read("桂林市委、市政府部署开展“雷霆行动”。")
    assert {("桂林市委", "conducts", "雷霆行动"), ("桂林市政府", "conducts", "雷霆行动")} <= found


def test_partner_of_joint_action(read):
    found = read("花溪区与贵州民族大学联合建立“校警法治培训实践基地”。")
    assert {("花溪区", "implements", "校警法治培训实践基地"), ("贵州民族大学", "implements", "校警法治培训实践基地")} <= found


def test_leading_group_named_after_its_programme(read):
    found = read("贵阳市成立贵阳市委平安贵阳建设领导小组，推进平安贵阳建设。")
    assert ("贵阳市委平安贵阳建设领导小组", "implements", "平安贵阳建设") in found


# --- implements / conducts: no relation -------------------------------------------------------

def test_place_in_a_prepositional_phrase_is_not_the_actor(read):
    found = read("花溪区在贵州大学计算机学院建立大数据应用“5G”实验室。")
    assert not any(s == "贵州大学" for s, p, _ in found if p == "implements")
    assert any(s == "花溪区" for s, p, _ in found if p == "implements")


def test_person_at_the_head_of_the_clause_blocks_the_topic(read):
    found = read("桂林市积极探索社会治理新模式。政法委书记赵志军对“雪亮工程”建设进行调研。")
    assert only(found, "implements") == set()


def test_anonymised_actor_relates_nothing(read):
    found = read("贵阳市开展专项行动。\nXX市深入推进“雪亮工程”建设。持续深化“枫桥经验”。")
    assert only(found, "implements") == set()


def test_collective_of_an_anonymised_place_relates_nothing(read):
    found = read("XX省持续发力。\n全省深入推进“雪亮工程”建设。")
    assert only(found, "implements") == set()


def test_meeting_about_a_campaign_is_not_conducting_it(read):
    found = read("桂林市委召开扫黑除恶专项斗争新闻发布会。")
    assert only(found, "conducts") == set()


def test_national_programme_is_not_implemented_by_a_place(read):
    found = read("玉溪市被评为平安中国建设示范市。")
    assert not any(o == "平安中国建设" for _, p, o in found if p == "implements")


def test_organisation_does_not_conduct_a_campaign(read):
    found = read("贵州大学开展“百日攻坚”行动。")
    assert only(found, "conducts") == set()


def test_body_named_by_a_post_is_not_the_actor(read):
    found = read("大理州坚持党建引领。州委副书记、州长任组长。加强“雪亮工程”建设。")
    assert ("大理州委", "implements", "雪亮工程") not in found
    assert ("大理白族自治州", "implements", "雪亮工程") in found


# --- holdsPost --------------------------------------------------------------------------------

def test_chain_of_posts(read):
    found = read("桂林市委常委、政法委书记赵志军说。", titles=True)
    assert only(found, "holdsPost") == {("赵志军", "holdsPost", "桂林市委", "常委"),
                                        ("赵志军", "holdsPost", "桂林市委政法委", "书记")}


def test_post_after_a_place_names_its_government_when_the_text_does(read):
    found = read("桂林市委、市政府召开会议。桂林市副市长、公安局局长朱永辉指令市公安局副局长钟明组织研判。", titles=True)
    assert {("朱永辉", "holdsPost", "桂林市政府", "副市长"), ("朱永辉", "holdsPost", "桂林市公安局", "局长"),
            ("钟明", "holdsPost", "桂林市公安局", "副局长")} <= found


def test_post_never_invents_a_body(read):
    assert only(read("桂林市市长秦春成要求各级各部门全面抓好落实。"), "holdsPost") == set()


def test_post_in_a_role_clause(read):
    found = read("民警高翔到场。作为博白县司法局负责人，高翔说。", titles=True)
    assert ("高翔", "holdsPost", "博白县司法局", "负责人") in found


def test_name_without_a_post_holds_nothing(read):
    assert only(read("博白县司法局组织调解，高翔参加。"), "holdsPost") == set()


# --- from names: partOf, locatedIn, subOrganizationOf -----------------------------------------

def test_place_written_inside_another(read):
    assert ("花溪区", "partOf", "贵阳市") in read("贵阳市花溪区开展反诈宣传。")


def test_body_is_located_in_its_place(read):
    assert ("贵阳市公安局", "locatedIn", "贵阳市") in read("贵阳市公安局开展专项行动。")


def test_unit_named_after_its_area(read):
    found = read("桂林市公安局七星分局通过创新构建“一测一察一中心”。")
    assert {("桂林市公安局七星分局", "subOrganizationOf", "桂林市公安局"),
            ("桂林市公安局七星分局", "locatedIn", "七星区")} <= found


def test_police_station_of_a_city_bureau(read):
    found = read("灵武市公安局马家滩派出所民警接到报警。")
    assert {("马家滩派出所", "subOrganizationOf", "灵武市公安局"), ("马家滩派出所", "locatedIn", "灵武市")} <= found


def test_organization_named_on_its_places(read):
    found = read("百色市那坡县城厢镇中心小学实行“明厨亮灶”。")
    assert {("百色市那坡县城厢镇中心小学", "locatedIn", "城厢镇"), ("城厢镇", "partOf", "那坡县"),
            ("那坡县", "partOf", "百色市")} <= found


def test_a_river_in_an_organizations_name_is_no_seat(read, entities_of):
    text = "长江证券股份有限公司发布报告。"
    assert not [n for t, n in entities_of(text) if t == "Place"]
    assert only(read(text), "locatedIn") == set()


def test_branch_lies_in_the_place_it_names(read):
    assert ("阳光保险集团湖北省分公司", "locatedIn", "湖北省") in read("阳光保险集团湖北省分公司开展活动。")


def test_a_river_or_a_road_lies_in_no_place_of_the_text(read, entities_of):
    text = "南平市建溪沿岸的养殖场已全部关停，南平市紧邻316国道。"
    assert {("Place", "建溪"), ("Place", "316国道")} <= entities_of(text)
    assert not [f for f in only(read(text), "partOf") if f[0] in ("建溪", "316国道")]


def test_a_road_carries_out_nothing(read, entities_of):
    text = "福建省交通运输厅部署开展“智慧工地”建设。闽永高速全线推行“智慧工地”管理平台。"
    assert ("Place", "闽永高速") in entities_of(text)
    assert not [f for f in read(text) if f[0] == "闽永高速"]


def test_two_places_side_by_side_are_not_nested(read):
    assert only(read("西峰区、环县开展矛盾纠纷排查。"), "partOf") == set()


def test_the_post_of_a_units_officer(read):
    found = read("农业农村部对外经济合作司处长王建华回答提问。", titles=True)
    assert ("王建华", "holdsPost", "农业农村部对外经济合作司", "处长") in found
