"""GB18030 and Big5 files read and outline exactly as their UTF-8 twins."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import opencc
import pytest

from compare import UndecodableText, UnreadableFile, load_report
from compare.read.decoding import decode

from .conftest import sample_path


def outline_of(path: Path) -> list[object]:
    doc = load_report(str(path))
    return [doc.meta.government, doc.meta.year, [s.to_json() for s in doc.sections]]


@pytest.mark.parametrize("name", ["hanbin-2020", "yingze-2018"])
def test_gb18030_outlines_like_utf8(tmp_path: Path, name: str) -> None:
    text = sample_path(name).read_text(encoding="utf-8")
    gb = tmp_path / "gb.txt"
    gb.write_bytes(text.encode("gb18030"))
    assert load_report(str(gb)).encoding == "gb18030"
    assert outline_of(gb) == outline_of(sample_path(name))


def test_big5_outlines_like_utf8(tmp_path: Path) -> None:
    """Big5 holds fewer characters: compare against a UTF-8 file of the same round-tripped text."""
    text = sample_path("hecheng-20xx-traditional").read_text(encoding="utf-8")
    text = opencc.OpenCC("s2t").convert(text).encode("big5", "replace").decode("big5")
    big5, utf8 = tmp_path / "big5.txt", tmp_path / "utf8.txt"
    big5.write_bytes(text.encode("big5"))
    utf8.write_text(text, encoding="utf-8")
    assert load_report(str(big5)).encoding == "big5"
    assert outline_of(big5) == outline_of(utf8)
    assert outline_of(utf8)[0] == "鹤城区"


def test_bom_is_dropped() -> None:
    text, encoding = decode(codecs.BOM_UTF8 + "各位代表".encode(), "x")
    assert (text, encoding) == ("各位代表", "utf-8-sig")


def test_undecodable_bytes_name_the_file() -> None:
    with pytest.raises(UndecodableText, match=r"bad\.bin"):
        decode(bytes(range(128, 256)) * 4, "bad.bin")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_high_bytes_are_refused_not_read_as_mojibake(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(0x81, 0xFF) for _ in range(5000)))
    with pytest.raises(UndecodableText, match="does not read as Chinese text"):
        load_report(str(path))


@pytest.mark.parametrize("name", ["hanbin-2020", "hecheng-20xx-traditional"])
def test_real_reports_in_legacy_encodings_are_not_refused(tmp_path: Path, name: str) -> None:
    text = sample_path(name).read_text(encoding="utf-8")
    for encoding in ("gb18030", "big5"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue  # Big5 cannot hold every Simplified character
        path = tmp_path / f"{name}.{encoding}.txt"
        path.write_bytes(data)
        assert load_report(str(path)).encoding == encoding


@pytest.mark.parametrize("name", ["hanbin-2020", "hecheng-20xx-traditional"])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_outlines_like_utf8(tmp_path: Path, name: str, encoding: str) -> None:
    """A UTF-16 file saved without a byte-order mark has a zero byte beside every ASCII
    character: it was refused as binary; it reads as its UTF-8 twin."""
    text = sample_path(name).read_text(encoding="utf-8")
    wide = tmp_path / "wide.txt"
    wide.write_bytes(text.encode(encoding))
    assert load_report(str(wide)).encoding == encoding
    assert outline_of(wide) == outline_of(sample_path(name))


@pytest.mark.parametrize("seed", [1, 2])
def test_zeros_on_one_side_of_noise_are_still_binary(tmp_path: Path, seed: int) -> None:
    """Byte pairs with a zero on one side that do not read as Chinese stay refused."""
    rng = random.Random(seed)
    path = tmp_path / "noise.txt"
    path.write_bytes(b"".join(bytes([rng.randrange(0x21, 0xFF), 0]) for _ in range(3000)))
    with pytest.raises(UnreadableFile, match="binary file"):
        load_report(str(path))


def test_every_real_report_reads_as_utf16_without_a_bom() -> None:
    """Characters U+xx00 (一 is U+4E00) put zeros on the other side of the byte pairs:
    66 of the 95 real reports were refused as binary in either byte order."""
    from .corpus_files import sources

    for source in sources():
        text = source.path.read_text(encoding="utf-8")
        for encoding in ("utf-16-le", "utf-16-be"):
            assert decode(text.encode(encoding), str(source.path)) == (text, encoding)


def test_windows_big5_with_a_character_big5_lacks_is_read(tmp_path: Path) -> None:
    """cp950 holds 碁 and € where Big5 has none: such a file was refused as binary."""
    text = opencc.OpenCC("s2t").convert(sample_path("hanbin-2020").read_text(encoding="utf-8"))
    text = text.encode("big5", "replace").decode("big5")
    plain, windows = tmp_path / "big5.txt", tmp_path / "cp950.txt"
    plain.write_bytes(text.encode("big5"))
    windows.write_bytes((text + "\n圍棋又稱碁，售價5€。\n").encode("cp950"))
    assert load_report(str(plain)).encoding == "big5"
    doc = load_report(str(windows))
    assert doc.encoding == "cp950"
    assert "圍棋又稱碁，售價5€。" in doc.original


@pytest.mark.parametrize("name", ["xushui_district_2015", "shunping_county_2022"])
def test_a_traditional_copy_of_a_real_report_is_shared_whole(name: str) -> None:
    """OpenCC's t2s leaves 著, which Traditional writes for Simplified 着 (着力, 随着): a
    Traditional copy was 99.2% shared, every unshared run at 著."""
    from compare import compare_reports, parse_report

    from .corpus_files import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("needs ../shared/corpus beside the checkout")
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2tw").convert(text)  # Taiwan's: 着 written 著
    assert "着" in text and "着" not in traditional
    result = compare_reports(parse_report(text, "a.txt"), parse_report(traditional, "b.txt"))
    assert result.shared_ratio(0) == result.shared_ratio(1) == 1.0


def test_utf16_whose_zeros_mostly_come_from_han_characters_is_still_read() -> None:
    """A report without ASCII (figures and breaks in full width) has its zero bytes only
    from characters U+xx00 (一, 丁, 万...), on the side ASCII's would not be: the byte order
    its zeros point to fails, and the other is tried."""
    text = sample_path("hanbin-2020").read_text(encoding="utf-8")
    wide = "".join(ch for ch in text if not ch.isascii()) + "一万" * 300
    for encoding in ("utf-16-le", "utf-16-be"):
        data = wide.encode(encoding)
        zeros = (data[0::2].count(0), data[1::2].count(0))
        assert (zeros[0] > zeros[1]) == (encoding == "utf-16-le")  # ASCII would say the other
        assert decode(data, "wide.txt") == (wide, encoding)
