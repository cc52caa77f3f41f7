"""WARC files compressed with zstd and a dictionary (``.warc.zst``, IIPC WARC-zstd), opt-in beside ``.warc.gz``."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import random
import re
import shutil
import sqlite3
import struct
import subprocess
from pathlib import Path

import pytest
from cdxj_indexer.main import CDXJIndexer
from warcio.archiveiterator import ArchiveIterator

from archive import Archive
from archive.check import check_archive
from archive.merge import merge
from archive.warc import (
    DICT_FRAME_MAGIC,
    ZSTD_FRAME_MAGIC,
    WarcStore,
    file_dictionary,
    iter_frames,
    read_response,
    zstd,
)
from demoweb import DemoWeb
from tests.helpers import CLI, fetch
from tests.helpers import rows as q

# -- generated records: two sites' templates, one UTF-8 and one GBK ----------------------------------

PHRASES = ("近日，", "市公安局", "刑侦支队", "成功破获一起", "电信网络诈骗案件", "抓获犯罪嫌疑人", "名，", "涉案金额", "万元。",
           "为进一步加强", "道路交通安全管理", "全市公安机关", "深入开展", "“断卡”专项行动", "累计查处", "酒驾醉驾违法行为",
           "起，", "同比下降", "环比上升", "%。", "民警提醒广大群众", "切勿轻信陌生来电，", "如遇可疑情况请及时拨打110报警。",
           "据了解，", "该团伙", "利用虚假投资理财平台", "诱骗受害人", "转账汇款", "目前，", "案件正在进一步侦办中。")
COLUMNS = ("警务动态", "通知公告", "反诈宣传", "交通安全")
SITES = (
    {"name": "晋城市公安局", "charset": "utf-8", "code": "1405000012", "base": "http://127.0.0.11/"},
    {"name": "陵川县公安局", "charset": "gbk", "code": "1405240001", "base": "http://127.0.0.12/"},
)


def _html(rng: random.Random, site: dict[str, str]) -> str:
    title = "".join(rng.choice(PHRASES) for _ in range(4)).strip("，。")
    paras = []
    for _ in range(rng.randint(3, 9)):
        words = [rng.choice(PHRASES) if rng.random() > 0.15 else str(rng.randint(2, 9999))
                 for _ in range(rng.randint(8, 20))]
        paras.append('<p style="text-indent:2em">' + "".join(words) + "</p>")
    nav = "".join(f'<li><a href="/col/col{1229000 + k}/index.html">{c}</a></li>' for k, c in enumerate(COLUMNS))
    return (
        f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="{site["charset"]}">\n'
        f'<title>{title}_{site["name"]}</title>\n<link rel="stylesheet" href="/css/main.css">\n</head>\n<body>\n'
        f'<div class="header"><img src="/images/logo.png" alt="{site["name"]}"><ul class="nav">{nav}</ul></div>\n'
        f'<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/">{rng.choice(COLUMNS)}</a></div>\n'
        f'<div class="article"><h1 class="title">{title}</h1>\n<div class="info">发布时间：2021-'
        f'{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 来源：{site["name"]} 浏览次数：{rng.randint(1, 9999)}</div>\n'
        '<div class="content" id="zoom">\n' + "\n".join(paras) + "\n</div></div>\n"
        f'<div class="footer"><p>主办单位：{site["name"]} 地址：凤台东街{rng.randint(1, 300)}号</p>'
        f'<p>网站标识码：{site["code"]} 晋ICP备05000123号</p></div>\n</body>\n</html>\n'
    )


def make_pages(n: int, seed: int) -> list[dict]:
    """``n`` page records as the spider hands them to the archive: mostly 200s, some 404s and failed fetches."""
    rng = random.Random(seed)
    pages = []
    for i in range(n):
        site = SITES[i % 2]
        url = f'{site["base"]}art/2021/{seed}/art_{1000 + i}.html'
        page = {"type": "page", "url": url, "method": "GET", "kind": "article", "status": 200, "error": "",
                "request_headers": {"User-Agent": "police-archive/0.1", "Accept": "text/html"},
                "fetched_at": f"2021-07-{10 + seed:02d}T08:{i // 60 % 60:02d}:{i % 60:02d}+00:00", "elapsed_ms": 5}
        if i % 37 == 5:
            page.update(status=None, body=None, headers={}, error="TimeoutError: took longer than 30 s")
        elif i % 41 == 7:
            page.update(status=404, body="<html>404 页面不存在</html>".encode(), headers={"Content-Type": "text/html"})
        else:
            ctype = {0: "text/html", 1: f'text/html; charset={site["charset"]}', 2: f'text/html;charset={site["charset"]}',
                     3: None}[i % 4]
            headers = {"Server": "nginx", "Date": "Mon, 12 Jul 2021 08:00:00 GMT"}
            if ctype:
                headers["Content-Type"] = ctype
            page.update(body=_html(rng, site).encode(site["charset"]), headers=headers)
        page["content_type"] = (page["headers"] or {}).get("Content-Type")
        pages.append(page)
    return pages


def write(directory: Path, pages: list[dict], compression: str, **kw) -> tuple[WarcStore, list]:
    """Write every page (every 10th again, as a revisit of the first fetch); the store and the pointers."""
    store = WarcStore(directory, compression=compression, **kw)
    pointers = []
    for i, page in enumerate(pages):
        pointers.append((page, store.write_exchange(fetch(page))))
        if i % 10 == 3 and page["body"] is not None:
            again = dict(page, fetched_at=page["fetched_at"].replace("T08", "T09"), revisit=True)
            pointers.append((again, store.write_exchange(fetch(again), revisit_of=(page["url"], page["fetched_at"]))))
    store.close()
    return store, pointers


def frame_bytes(path: Path, offset: int, length: int) -> bytes:
    with open(path, "rb") as fh:
        fh.seek(offset)
        return fh.read(length)


def no_record_id(record: bytes) -> bytes:
    return re.sub(rb"WARC-Record-ID: <urn:uuid:[0-9a-f-]+>", b"WARC-Record-ID: -", record)


def cdxj(path: Path) -> list[tuple[str, str, dict]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, ts, js = line.split(" ", 2)
        out.append((key, ts, json.loads(js)))
    return out


def dir_bytes(directory: Path) -> int:
    return sum(f.stat().st_size for f in directory.iterdir())


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    return make_pages(420, seed=1)


@pytest.fixture(scope="module")
def written(pages, tmp_path_factory):
    """The same records written in zstd mode and in gzip mode."""
    zdir, gdir = tmp_path_factory.mktemp("zst"), tmp_path_factory.mktemp("gz")
    zstore, zpointers = write(zdir, pages, "zstd")
    gstore, gpointers = write(gdir, pages, "gzip")
    return zdir, zstore, zpointers, gdir, gstore, gpointers


# -- the store ---------------------------------------------------------------------------------------

def test_zstd_store_bootstraps_a_dictionary_then_starts_a_file_with_it(written):
    zdir, zstore, _, _, _, _ = written
    assert len(zstore.files_written) == 2 and all(f.endswith(".warc.zst") for f in zstore.files_written)
    boot, main = (zdir / f for f in zstore.files_written)
    # the bootstrap file: plain zstd frames, no dictionary
    assert boot.read_bytes()[:4] == struct.pack("<I", ZSTD_FRAME_MAGIC)
    assert file_dictionary(boot) is None
    assert WarcStore.TRAIN_AFTER <= len(list(iter_frames(boot))) <= WarcStore.TRAIN_AFTER + 1  # whole exchanges
    # the next file starts with the skippable dictionary frame: magic, length, zstd-compressed dictionary
    head = main.read_bytes()
    magic, size = struct.unpack("<II", head[:8])
    assert magic == DICT_FRAME_MAGIC == 0x184D2A5D
    assert head[8:12] == struct.pack("<I", ZSTD_FRAME_MAGIC)
    content = zstd.decompress(head[8:8 + size])
    assert 1024 < len(content) <= WarcStore.DICT_SIZE
    zdict = file_dictionary(main)
    assert zdict.dict_content == content and zdict.dict_id != 0
    # every record frame after it carries the dictionary's ID
    offsets = [pos for pos, _ in iter_frames(main)]
    assert offsets[0] == 8 + size
    for pos in offsets:
        info = zstd.get_frame_info(head[pos:pos + 18])
        assert info.dictionary_id == zdict.dict_id
    assert zstore.dictionary is zdict or zstore.dictionary.dict_id == zdict.dict_id


def test_every_pointer_is_one_frame_holding_the_record_gzip_mode_writes(written):
    zdir, zstore, zpointers, gdir, _, gpointers = written
    assert len(zpointers) == len(gpointers)
    dicts = {f: file_dictionary(zdir / f) for f in zstore.files_written}
    gbk = 0
    for (page, zp), (_, gp) in zip(zpointers, gpointers, strict=True):
        if page["status"] is None:
            assert zp is None and gp is None
            continue
        frame = frame_bytes(zdir / zp.file, zp.offset, zp.length)
        assert len(frame) == zp.length and zstd.get_frame_size(frame) == zp.length
        dec = zstd.ZstdDecompressor(zstd_dict=dicts[zp.file])  # a fresh decompressor, this file's dictionary
        record = dec.decompress(frame)
        assert dec.eof and dec.unused_data == b""
        with gzip.GzipFile(fileobj=io.BytesIO(frame_bytes(gdir / gp.file, gp.offset, gp.length))) as member:
            gz_record = member.read()
        assert no_record_id(record) == no_record_id(gz_record)  # byte-identical but for the random record ID
        status, headers, body = read_response(zdir / zp.file, zp.offset)
        assert status == page["status"] and body == (b"" if page.get("revisit") else page["body"])
        assert (status, headers, body) == read_response(gdir / gp.file, gp.offset)
        if page["url"].startswith(SITES[1]["base"]) and status == 200 and body:
            assert "陵川县公安局" in body.decode("gbk")
            gbk += 1
    assert gbk > 100


def test_cdxj_points_at_frames_and_matches_what_cdxj_indexer_writes(written, tmp_path):
    zdir, zstore, _, gdir, gstore, _ = written
    zlines, zcount = [], 0
    for name in zstore.files_written:
        path = zdir / name
        text = (zdir / (name + ".cdxj")).read_text(encoding="utf-8")
        assert text.splitlines() == sorted(text.splitlines())
        entries = cdxj(zdir / (name + ".cdxj"))
        kinds = []
        for _, frame in iter_frames(path):
            kinds += [r.rec_type for r in ArchiveIterator(io.BytesIO(frame))]
        assert len(entries) == sum(k in ("response", "revisit") for k in kinds)
        for _, _, e in entries:
            assert e["filename"] == name
            data = zstd.decompress(frame_bytes(path, int(e["offset"]), int(e["length"])),
                                   zstd_dict=file_dictionary(path))
            record = next(iter(ArchiveIterator(io.BytesIO(data))))
            assert record.rec_headers.get_header("WARC-Target-URI") == e["url"]
            assert record.rec_type in ("response", "revisit")
        zlines += entries
        zcount += len(entries)
    # the reference: webrecorder's cdxj-indexer over the .warc.gz file; our own index of that file is the same
    gz = gdir / gstore.files_written[0]
    reference = tmp_path / "reference.cdxj"
    with open(reference, "w", encoding="utf-8") as fh:
        CDXJIndexer(output=fh, inputs=[str(gz)], sort=True).process_all()
    assert (gdir / (gz.name + ".cdxj")).read_text(encoding="utf-8") == reference.read_text(encoding="utf-8")
    glines = cdxj(reference)
    assert zcount == len(glines) > 400

    def comparable(entries):  # every field but where the record is
        return sorted(f"{k} {ts} {json.dumps({f: v for f, v in e.items() if f not in ('offset', 'length', 'filename')})}"
                      for k, ts, e in entries)

    assert comparable(zlines) == comparable(glines)
    assert {e["mime"] for _, _, e in zlines if "mime" in e} == {"text/html", "warc/revisit"}
    assert any("mime" not in e for _, _, e in zlines)  # no Content-Type: no mime, as cdxj-indexer
    assert list(zlines[0][2]) == list(glines[0][2])  # same fields in the same order


def test_a_new_store_starts_with_the_newest_dictionary_and_is_much_smaller_than_gzip(written, tmp_path):
    zdir, zstore, _, _, _, _ = written
    work = tmp_path / "zst"
    shutil.copytree(zdir, work)
    newest = file_dictionary(work / zstore.files_written[-1])
    more = make_pages(300, seed=2)  # other pages of the same sites
    second, pointers = write(work, more, "zstd")
    assert second.files_written and len(second.files_written) == 1  # no bootstrap file this time
    path = work / second.files_written[0]
    assert struct.unpack("<I", path.read_bytes()[:4])[0] == DICT_FRAME_MAGIC
    assert file_dictionary(path).dict_id == newest.dict_id
    for page, p in pointers:
        if p is not None and not page.get("revisit"):
            assert read_response(path, p.offset)[2] == page["body"]
    # the same records, gzip vs zstd with the dictionary: WARC and CDXJ bytes
    zonly, gonly = tmp_path / "z2", tmp_path / "g2"
    zonly.mkdir()
    shutil.copy2(work / zstore.files_written[-1], zonly / zstore.files_written[-1])
    write(zonly, more, "zstd")
    (zonly / zstore.files_written[-1]).unlink()
    write(gonly, more, "gzip")
    assert dir_bytes(zonly) < 0.6 * dir_bytes(gonly)
    warc = [f for f in zonly.iterdir() if f.name.endswith(".warc.zst")]
    gz = [f for f in gonly.iterdir() if f.name.endswith(".warc.gz")]
    assert warc[0].stat().st_size < 0.4 * gz[0].stat().st_size


def test_rotation_at_max_bytes_retrains_from_the_closed_files_records(tmp_path):
    store, pointers = write(tmp_path, make_pages(900, seed=3), "zstd", max_bytes=150_000)
    files = [tmp_path / f for f in store.files_written]
    assert len(files) >= 4
    ids = [getattr(file_dictionary(f), "dict_id", None) for f in files]
    assert ids[0] is None and all(ids[1:])
    assert len(set(ids[1:])) == len(ids) - 1  # each rotation at max_bytes trained a new dictionary
    for page, p in pointers:
        if p is not None and not page.get("revisit"):
            assert read_response(tmp_path / p.file, p.offset)[2] == page["body"]
    assert all((f.parent / (f.name + ".cdxj")).exists() for f in files)


def test_when_training_fails_the_store_keeps_writing_plain_frames(tmp_path):
    class Untrainable(WarcStore):
        DICT_SIZE = 100  # zstd cannot build a dictionary this small: training raises ZstdError

    tries = []

    class Counting(Untrainable):
        def _train(self):
            tries.append(len(self._samples))
            return super()._train()

    pages = make_pages(700, seed=4)
    store = Counting(tmp_path, compression="zstd")
    pointers = [(page, store.write_exchange(fetch(page))) for page in pages]
    store.close()
    assert len(store.files_written) == 1 and file_dictionary(tmp_path / store.files_written[0]) is None
    # tried after TRAIN_AFTER records, once more with all SAMPLE_COUNT samples, then no more
    assert len(tries) == 2 and tries[0] >= WarcStore.TRAIN_AFTER and tries[1] == WarcStore.SAMPLE_COUNT
    for page, p in pointers:
        if p is not None:
            assert read_response(tmp_path / p.file, p.offset)[2] == page["body"]
    with pytest.raises(ValueError, match="xz"):
        WarcStore(tmp_path, compression="xz")


# -- the archive: check, torn tails, merge -----------------------------------------------------------

def test_archive_in_zstd_mode_checks_notes_a_torn_tail_and_merges(tmp_path):
    shards = []
    for n, seed in ((300, 5), (200, 6)):
        db = tmp_path / f"shard{seed}.db"
        with Archive(db, warc_dir=tmp_path / f"shard{seed}-warc", warc_compression="zstd") as archive:
            # (workers are separate processes, whose file names differ by pid; these two share one process)
            archive.warc.prefix = f"shard{seed}"
            for i in range(0, n, 50):
                archive.write_batch([fetch(p) for p in make_pages(n, seed)[i:i + 50]])
        shards.append(db)
    report = check_archive(shards[0])
    assert report.ok, report.problems
    assert report.checked["warc_files"] == 2 and report.checked["warc_pointers"] > 250
    # a crawl killed inside a write leaves part of a frame that no row points to
    last = sorted((tmp_path / "shard5-warc").glob("*.warc.zst"))[-1]
    frame = zstd.compress(b"WARC/1.1\r\n" + bytes(random.Random(1).randbytes(3000)))
    with open(last, "ab") as fh:
        fh.write(frame[: len(frame) // 2])
    report = check_archive(shards[0])
    assert report.ok and any(last.name in n and "torn" in n for n in report.notes), report.notes
    with pytest.raises(ValueError, match="cut short"):
        list(iter_frames(last))
    # merge copies the .warc.zst files and their indexes; every pointer still reads
    out = tmp_path / "merged.db"
    merged = merge(out, shards)
    copied = sorted(f.name for f in (tmp_path / "merged-warc").iterdir())
    assert merged.warc_files_copied == len(copied) == 6
    assert sum(n.endswith(".warc.zst.cdxj") for n in copied) == 3
    assert check_archive(out).ok


# -- end to end: the CLI on the demo web -------------------------------------------------------------

def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)


def test_crawl_with_zstd_warcs_checks_reextracts_and_reads_back_byte_exact(tmp_path):
    db = tmp_path / "z.db"
    with DemoWeb(port=0, articles_per_column=90) as web:  # enough records to train a dictionary
        proc = cli("crawl", *web.start_urls(), "--db", str(db), "--delay", "0", "-q", "--warc-compression", "zstd")
        assert proc.returncode == 0, proc.stderr[-3000:]
        hanweb = web.site("hanweb").base_url
    warc_dir = tmp_path / "z-warc"
    files = sorted(warc_dir.glob("*.warc*"))
    assert not [f for f in files if f.name.endswith(".warc.gz")]
    zst = [f for f in files if f.name.endswith(".warc.zst")]
    assert len(zst) == 2 and file_dictionary(zst[0]) is None and file_dictionary(zst[1]) is not None
    assert all((f.parent / (f.name + ".cdxj")).exists() for f in zst)
    proc = cli("check", "--db", str(db))
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stdout
    assert "checked warc_files: 2" in proc.stdout
    report = json.loads(cli("reextract", "--db", str(db), "--json").stdout)
    assert report["changed"] == 0 and report["failed"] == 0 and report["articles"] > 200
    gbk = 0
    pointers = q(db, "select url, warc_file, warc_offset, warc_length, body_sha256 from pages "
                     "where warc_file is not null")
    assert len(pointers) == q(db, "select count(*) from pages where status is not null")[0][0]
    for url, file, offset, length, sha in pointers:
        assert file.endswith(".warc.zst")
        _, _, body = read_response(warc_dir / file, offset)
        assert hashlib.sha256(body).hexdigest() == sha, url
        assert zstd.get_frame_size(frame_bytes(warc_dir / file, offset, length)) == length
        if url.startswith(hanweb) and "/art/" in url:
            assert body.decode("gbk")  # GBK bytes intact
            gbk += 1
    assert gbk > 50


def test_sites_file_sets_the_runs_warc_compression(tmp_path):
    from crawler.config import ConfigError, load_config

    cfg = tmp_path / "sites.toml"
    cfg.write_text('[crawl]\nwarc_compression = "zstd"\n\n[[sites]]\nstart_urls = ["http://127.0.0.11/"]\n',
                   encoding="utf-8")
    assert load_config(cfg).defaults["warc_compression"] == "zstd"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('"zstd"', '"xz"'), encoding="utf-8")
    with pytest.raises(ConfigError, match="warc_compression"):
        load_config(cfg)


def test_merge_refuses_a_shard_whose_warc_name_the_output_uses_for_another_file(tmp_path):
    """Rows must never point into the wrong file: a same-named but different WARC file stops the merge with
    a one-line error before any row of that shard is merged; an identical copy is accepted (idempotence)."""
    shard = tmp_path / "s.db"
    with Archive(shard, warc_dir=tmp_path / "s-warc", warc_compression="zstd") as archive:
        archive.write_batch([fetch(p) for p in make_pages(40, 9)])
    out = tmp_path / "out.db"
    assert subprocess.run([*CLI, "merge", "--db", str(out), str(shard)], capture_output=True).returncode == 0
    assert subprocess.run([*CLI, "merge", "--db", str(out), str(shard)], capture_output=True).returncode == 0
    warc = next((tmp_path / "out-warc").glob("*.warc.zst"))
    with open(warc, "ab") as fh:  # another machine's file of the same name
        fh.write(b"\0" * 10)
    other = tmp_path / "other.db"
    shutil.copy(shard, other)
    shutil.copytree(tmp_path / "s-warc", tmp_path / "other-warc")
    with sqlite3.connect(other) as con:
        con.execute("UPDATE pages SET url = url || '?copy=1'")
    proc = subprocess.run([*CLI, "merge", "--db", str(out), str(other)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and warc.name in proc.stderr and "differs" in proc.stderr
    with sqlite3.connect(out) as con:
        assert con.execute("SELECT count(*) FROM pages WHERE url LIKE '%copy=1'").fetchone() == (0,)
