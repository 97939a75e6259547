import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventplan import Count
from eventplan.model.count import total


def counts() -> st.SearchStrategy[Count]:
    return st.tuples(st.integers(0, 10_000), st.integers(0, 10_000) | st.none()).map(
        lambda pair: Count(pair[0], None if pair[1] is None else pair[0] + pair[1])
    )


def test_count_adds_ranges():
    assert Count(4, 6) + Count(1, 1) == Count(5, 7)


def test_count_open_end_stays_open():
    assert Count(51, None) + Count(10, 20) == Count(61, None)


def test_count_scales_parties_by_size():
    assert Count.exactly(110) * Count(17, 22) == Count(1870, 2420)


def test_count_times_exact_zero_is_zero_even_when_open():
    assert Count(0, 0) * Count(51, None) == Count.zero()


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (Count.exactly(2500), "2,500"),
        (Count(4, 6), "4–6"),
        (Count(51, None), "at least 51"),
        (Count(50, None), "at least 50"),
        (Count(2500, None), "at least 2,500"),
        (Count(0, None), "any number"),
    ],
    ids=["exact", "range", "open", "open-as-written", "open-thousands", "unbounded"],
)
def test_count_reads_as_words(count, text):
    assert str(count) == text


def test_count_rejects_high_below_low():
    with pytest.raises(ValueError, match=r"'high' must be >= 'low' \(5\): 4"):
        Count(5, 4)


def test_count_rejects_negative():
    with pytest.raises(ValueError, match="'low' must be >= 0: -1"):
        Count(-1, 3)


@pytest.mark.parametrize("bad", [True, 1.5, "3", [1, 2], {"max": 3}, {"min": 1, "most": 2}])
def test_count_from_json_rejects_malformed(bad):
    with pytest.raises((TypeError, ValueError)):
        Count.from_json(bad)


@given(counts())
def test_count_json_round_trips(count):
    assert Count.from_json(count.to_json()) == count


@given(counts(), counts(), counts())
def test_count_addition_is_associative_and_commutative(a, b, c):
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert total([a, b, c]) == a + b + c


@given(st.lists(counts() | st.integers(0, 10_000)))
def test_total_is_the_sum_that_plus_makes(terms):
    expected = Count.zero()
    for term in terms:
        expected = expected + term
    assert total(terms) == expected


def test_total_rejects_what_plus_rejects():
    with pytest.raises(TypeError, match="whole number"):
        total([Count(1, 2), 1.5])


def test_open_range_from_toml_reads_as_written():
    # issue 10: `{min = 50}` read "more than 49"
    import tomllib

    count = Count.from_json(tomllib.loads("reporters = { min = 50 }")["reporters"])
    assert count == Count(50, None)
    assert str(count) == "at least 50"
