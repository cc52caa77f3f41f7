from extract.dates import date_from_url, parse_date


def test_precision_is_kept():
    assert parse_date("发布时间：2021-07-12 09:53:24") == "2021-07-12T09:53:24+08:00"
    assert parse_date("2021-07-12 09:53") == "2021-07-12T09:53+08:00"
    assert parse_date("2021年7月12日") == "2021-07-12"
    assert parse_date("2021/7/2 9∶05") == "2021-07-02T09:05+08:00"


def test_invalid_dates_are_ignored():
    assert parse_date("2021-13-45") is None
    assert parse_date("电话 2030110") is None


def test_url_dates():
    assert date_from_url("http://x/202107/t20210712_1520034.html") == "2021-07-12"
    assert date_from_url("http://x/art/2021/7/2/art_1_2.html") == "2021-07-02"
    assert date_from_url("http://x/content.aspx?id=3") is None
