import json

from kg.corpus import Document, Skipped, read_corpus


def test_reads_txt_and_jsonl_in_order(tmp_path):
    (tmp_path / "a.txt").write_text("贵阳市公安局开展反诈宣传。", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "x1", "text": "雪亮工程", "title": "标题", "place": "贵阳市"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    items = list(read_corpus([tmp_path]))
    assert items == [Document(id="a.txt", text="贵阳市公安局开展反诈宣传。"),
                     Document(id="x1", text="雪亮工程", title="标题", place="贵阳市")]


def test_bad_records_are_reported_and_good_ones_kept(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "ok", "text": "枫桥经验"}\n{broken\n{"id": "no-text"}\n', encoding="utf-8")
    items = list(read_corpus([path]))
    assert items[-1] == Document(id="ok", text="枫桥经验")
    assert [type(i) for i in items[:-1]] == [Skipped, Skipped]
    assert items[0].where.endswith("c.jsonl:2") and "malformed JSON" in items[0].reason
    assert items[1].where.endswith("c.jsonl:3") and items[1].reason == "record without text"


def test_empty_binary_and_missing_inputs_are_skipped(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "gbk.txt").write_bytes("贵阳市平安建设".encode("gb18030"))
    items = list(read_corpus([tmp_path, tmp_path / "missing"]))
    reasons = {i.where.split("/")[-1]: i.reason for i in items if isinstance(i, Skipped)}
    assert reasons == {"missing": "no such file or folder", "bin.txt": "binary data (control characters when read as utf-8)", "empty.txt": "empty file"}
    assert Document(id="gbk.txt", text="贵阳市平安建设") in items
