"""General header rules of the text path: dateline, title and menu signals (small inline pages)."""
from __future__ import annotations

from layar_ingest import structure

from .conftest import build

BODY = (
    "Two people have been arrested after protesters disrupted a West End performance of "
    "The Tempest on Monday night, the police said.\n"
    "A 42-year-old woman and a 60-year-old man have been arrested, the Metropolitan Police "
    "said in a statement on Tuesday.\n"
    "The pair also launched a confetti cannon just after the actor uttered the famous lines of "
    "the play, and the show was stopped.\n"
)


def test_nothing_is_joined_to_a_date_line(tmp_path):
    seed = tmp_path / "page.txt"
    seed.write_text(
        "Home\nNews\n"
        "Two arrested after protest at West End play\n"
        "Jacqui Housden\n"
        "January 28, 2025 11:30 am (Updated 11:54 am)\n"
        "cancel email link share Share bookmark Save\n" + BODY, encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.date == "2025-01-28"
    assert article.title == "Two arrested after protest at West End play"
    assert structure._prepare("March 3, 2024 (Updated 10:00 am) by our staff\nand more words")[0] \
        == "March 3, 2024 (Updated 10:00 am) by our staff"


def test_a_paragraph_wrapped_at_a_date_is_still_joined():
    lines = structure._prepare("The meeting will be held on March 3, 2024 in the main hall of\n"
                               "the town, the council said.")
    assert len(lines) == 1


def test_separator_menus_are_not_running_text():
    assert structure.menu_line("Wolipop · Fashion · Photos · Beauty · Love & Sex · Home & "
                               "Family · Wedding · Entertainment · Sale & Shop · Hot Deal")
    assert structure.menu_line("REGISTER | SIGN IN | NEWSLETTERS | PODCASTS | SHOP")
    assert not structure.menu_line("The minister said the plan was final, and the vote was set "
                                   "for Tuesday | a date critics called too early.")
    assert not structure.menu_line("Home | News")
    page = structure._Page(["Berita · Internasional · Ekonomi · Olahraga · Teknologi · Hiburan "
                            "· Otomotif · Travel · Kuliner · Sains · Edukasi · Kesehatan · Foto · "
                            "Video · Indeks · Bola · Sepakbola · Liga · Inggris · Spanyol · Jerman "
                            "· Italia · Prancis · Belanda · Asia"])
    assert not page.strong(0)


def test_headline_above_its_standfirst_wins_over_the_standfirst(tmp_path):
    seed = tmp_path / "page.txt"
    seed.write_text(
        "Skip to main content\nNews\nSport\n"
        "Two arrested after protest at West End play\n"
        "Hollywood legend escorted off stage after protesters climb up holding a sign about "
        "the climate crisis\n"
        "Jacqui Housden\n"
        "January 28, 2025\n" + BODY, encoding="utf-8")
    assert build(seed.read_bytes()).title == "Two arrested after protest at West End play"


def test_headlines_under_a_related_marker_are_not_the_title(tmp_path):
    seed = tmp_path / "page.txt"
    seed.write_text(
        "Bola / Liga Indonesia\n"
        "Samsul Arif Tak Beban Lawan Arema\n"
        "Selasa, 23 Februari 2016 | 16:37 WIB\n"
        "komentar\n"
        "Berita Terkait\n"
        "Dua Mantan Pemain Arema Sudah Ditaksir Persib sejak Tahun Lalu\n"
        "Tanggapan El Loco soal Kepergian Samsul Arif dari Arema\n"
        "Persib Optimistis Bisa Kalahkan Arema di Final Nanti\n"
        "KUTA, KOMPAS.com — Penyerang anyar Persib Bandung, Samsul Arif, bertekad memberikan "
        "penampilan terbaiknya saat melawan mantan klubnya, Arema.\n"
        "Samsul memilih meninggalkan Arema untuk memperkuat Persib pada turnamen Bali Island Cup "
        "tahun ini.\n"
        "Persib kemungkinan besar mengandalkan Samsul Arif saat melawan Arema di partai final "
        "nanti malam.\n", encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == "Samsul Arif Tak Beban Lawan Arema"
    assert article.date == "2016-02-23T16:37:00+07:00"


def test_dateline_above_the_headline_and_one_word_menus_are_no_byline(tmp_path):
    seed = tmp_path / "page.txt"
    seed.write_text(
        "Skip to main content\nView all journals\nPublish with us\nSubscribe\nSign up for alerts\n"
        "RSS feed\nnature\ncareer feature\nCAREER FEATURE\n"
        "06 February 2026\n"
        "Universities in exile: displaced scholars count the costs of starting afresh\n"
        "War and political unrest can force staff members and students to uproot their lives, "
        "exacting a heavy personal toll.\n"
        "By\nRachel Brazil\n"
        "When the military seized power, hundreds of lecturers left their posts and set up new "
        "institutions in the border regions.\n"
        "Some of them now teach online to thousands of students who cannot travel to a campus.\n",
        encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == ("Universities in exile: displaced scholars count the costs of "
                             "starting afresh")
    assert article.date == "2026-02-06"


def test_a_date_under_the_title_beats_an_edition_date_far_above(tmp_path):
    seed = tmp_path / "page.txt"
    menu = "\n".join(["Property", "Sport", "This week's issue", "01 Feb 2025 Previous Editions",
                      "Classifieds", "Newsletter", "Careers", "Contacts", "Advertise", "Latest"])
    seed.write_text(
        menu + "\n"
        "Portugal emerges as a French Alps real estate investment\n"
        "By TPN, in News, Portugal, Business, Property, Tourism · 31 Jan 2025, 20:02 · 0 Comments\n"
        "In 2024, Athena Advisers recorded a 40% increase in demand for properties in the French "
        "Alps from various nationalities.\n"
        "Buyers from Portugal were among the fastest growing groups, the agency said in its "
        "annual report on the region.\n"
        "Prices in the most popular resorts rose again last winter, while supply stayed "
        "short.\n", encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == "Portugal emerges as a French Alps real estate investment"
    assert article.date == "2025-01-31"


def test_relative_time_lines_belong_to_the_header(tmp_path):
    seed = tmp_path / "page.txt"
    seed.write_text(
        "Home\nNews\nSport\n"
        "What is Nato and which countries are in it?\n"
        "1 day ago\nShareSave\nAdd as preferred on Google\n"
        "Duncan Walker\nBBC\n" + BODY, encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == "What is Nato and which countries are in it?"
    assert article.date == ""
    page = structure._Page(["1 day ago", "3 jam yang lalu", "5 uur geleden", "1 day ago in Paris"])
    assert [page.relative_date(i) for i in range(4)] == [True, True, True, False]


def test_a_title_case_headline_ending_with_a_full_stop_is_the_title(tmp_path):
    assert structure.title_case("Home Depot Stock Is Falling After Its Earnings Release. Why You "
                                "Shouldn’t Worry.")
    assert not structure.title_case("Shares of Home Depot are dropping in premarket trading after "
                                    "the company cut its forecast.")
    seed = tmp_path / "page.txt"
    seed.write_text(
        "Subscribe\nConsumer\nEarnings Report\n"
        "Home Depot Stock Is Falling After Its Earnings Release. Why You Shouldn’t Worry.\n"
        "By\nAl Root\n"
        "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET\n"
        "Shares of construction goods giant Home Depot are dropping in premarket trading after "
        "the company cut its full-year sales forecast.\n"
        "Home Depot reported $2.53 in per-share earnings for the third quarter, while Wall "
        "Street predicted slightly less.\n"
        "The stock had gained almost a third this year before the report, so some of the drop "
        "was to be expected.\n", encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == ("Home Depot Stock Is Falling After Its Earnings Release. Why You "
                             "Shouldn’t Worry.")
    assert article.date == "2019-11-19T08:21:00-05:00"  # ET in November
    assert not article.blocks[0].text.startswith("Home Depot Stock")


def test_byline_forms_and_menus_of_names(tmp_path):
    page = structure._Page(["Analysis by Chris Cillizza, CNN Editor-at-large"])
    assert page.byline(0).startswith("Chris Cillizza")
    lines = ["Features", "Ramen of Japan", "Delicious Beautiful Spectacular JAPAN",
             "Decommissioning Fukushima", "Weekly Edition", "Video"]
    header = structure._Header(structure._Page(lines))
    assert not header._name_line(3) and not header._name_line(4)
    header = structure._Header(structure._Page(["Share", "Duncan Walker", "BBC"]))
    assert header._name_line(1)


PHOTO_STORY = (
    "Home\nEkonomi Bisnis\nFinansial\nFoto Bisnis\n"
    "{dateline}"
    "Gardu Induk Milenium PLN Resmi Beroperasi\n"
    "Fotografer: Grandyos Zafna\n"
    "PT PLN hari ini resmi mengoperasikan Gardu Induk (GI) 150 kV Milenium 2x60 MVA beserta "
    "jaringannya. GI Milenium merupakan bagian dari GITET Balaraja.\n"
    "Rating ( voters)\nVote Photo\nMore Photos\n")


def test_a_photo_story_under_a_title_and_dateline_is_an_article(tmp_path):
    import pytest

    from layar.errors import IngestError

    seed = tmp_path / "photo.txt"
    seed.write_text(PHOTO_STORY.format(dateline="Selasa, 23/02/2016 15:32 WIB\n"), encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == "Gardu Induk Milenium PLN Resmi Beroperasi"
    assert article.date == "2016-02-23T15:32:00+07:00"
    assert article.blocks[0].text.startswith("PT PLN hari ini")
    with pytest.raises(IngestError, match="not an article"):
        build(PHOTO_STORY.format(dateline=""))


def test_a_headline_under_a_rubric_is_not_a_caption(tmp_path):
    assert structure.rubric_title("FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?")
    assert not structure.rubric_title("FOTO: ANTARA/Reno Esnir")
    assert not structure.rubric_title("Foto: Ilustrasi perempuan sedang bekerja di kantor")
    seed = tmp_path / "page.txt"
    seed.write_text(
        "Artis Terpopuler Indonesia\nMarshanda\nSELEBRITI\n"
        "FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?\n"
        "Minggu, 14 Februari 2016 09:15 |\n"
        "Dian Sastrowardoyo © KapanLagi.com®/\n"
        "Kapanlagi.com - Pesona kecantikan yang dimiliki Dian Sastrowardoyo memang sudah tak "
        "diragukan lagi. Tak hanya cantik, ia juga cerdas.\n"
        "Selalu dipuja pria dan wanita, tahukah kamu jika ternyata Dian di masa lalu adalah gadis "
        "yang sangat berbeda? Foto lamanya baru saja beredar.\n", encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == "FOTO: Dian Sastrowardoyo Saat Berusia 13 Tahun, Masih Cantik?"
    assert article.date == "2016-02-14T09:15:00+07:00"


def test_a_date_stated_under_the_body_start_is_used_when_the_header_has_none(tmp_path):
    seed = tmp_path / "page.txt"
    seed.write_text(
        "Home\nNews\n"
        "Two arrested after protest at West End play\n"
        + BODY +
        "Published on 28 January 2025\n"
        "Theatre staff said the performance would resume on Tuesday evening as planned, with "
        "extra security in the hall.\n", encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == "Two arrested after protest at West End play"
    assert article.date == "2025-01-28"
    assert article.blocks[0].text.startswith("Two people have been arrested")


def test_short_labels_are_not_joined_to_a_headline():
    lines = structure._prepare("Samsul Arif Tak Beban Lawan Arema\nkomentar\ncopy link\n"
                               "Dat heeft CEO Ted Sarandos bekendgemaakt\ntegenover investeerders.")
    assert lines == ["Samsul Arif Tak Beban Lawan Arema", "komentar", "copy link",
                     "Dat heeft CEO Ted Sarandos bekendgemaakt tegenover investeerders."]


def test_a_tag_list_is_not_joined_to_a_headline():
    lines = structure._prepare("29 penerbangan Bandara Internasional Lombok dibatalkan\n"
                               "id penerbangan batal, abu vulkanik, gunung rinjani, gunung "
                               "barujari, bandara lombok")
    assert len(lines) == 2


def test_a_headline_under_its_dateline_on_a_one_paragraph_page(tmp_path):
    seed = tmp_path / "photo.txt"
    seed.write_text(
        PHOTO_STORY.format(dateline="Selasa, 23/02/2016 15:32 WIB\nFotoBisnis\n")
        + "Peluang Usaha\nRabu, 17/02/2016 11:49 WIB\n"
        "Ayo Curi Ilmu Bos Sido Muncul, Salah Satu Orang Terkaya RI\n", encoding="utf-8")
    article = build(seed.read_bytes())
    assert article.title == "Gardu Induk Milenium PLN Resmi Beroperasi"
    assert article.date == "2016-02-23T15:32:00+07:00"
