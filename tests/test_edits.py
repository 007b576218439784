"""The edit model: edits rebuild the output from the input, across stages."""

from hypothesis import given, strategies as st

from vntextclean.edits import Composer, Edit, apply_edits, resolve_overlaps, undo_edits

ALPHABET = "aăâđ ơư\n"


@st.composite
def stage_edits(draw, text):
    """Random non-overlapping edits on ``text``, with insertions and deletions."""
    edits, pos = [], 0
    while pos <= len(text):
        if draw(st.booleans()):
            end = min(len(text), pos + draw(st.integers(0, 3)))
            after = draw(st.text(ALPHABET, max_size=3))
            edits.append(Edit(pos, end, text[pos:end], after, rule=f"r{draw(st.integers(1, 3))}"))
            pos = end + 1
        else:
            pos += draw(st.integers(1, 3))
    return resolve_overlaps(edits)[0]


@given(st.data(), st.text(ALPHABET, max_size=14))
def test_composed_edits_rebuild_every_stage(data, original):
    comp = Composer(original)
    for _ in range(3):
        comp.apply(data.draw(stage_edits(comp.text)))
        edits = comp.edits
        assert apply_edits(original, edits) == comp.text
        assert undo_edits(comp.text, edits) == original
        for e in edits:
            assert original[e.start:e.end] == e.before
        for a, b in zip(edits, edits[1:]):
            assert a.end <= b.start and not (a.start == b.start and a.end > a.start)


def test_merged_edit_names_both_rules():
    comp = Composer("Ðảng ủy  Khối")
    comp.apply([Edit(0, 1, "Ð", "Đ", rule="unicode/latin-eth")])
    comp.apply([Edit(0, 4, "Đảng", "ĐẢNG", rule="x/upper")])
    (edit, ) = comp.edits
    assert (edit.start, edit.end, edit.before, edit.after) == (0, 4, "Ðảng", "ĐẢNG")
    assert edit.rules == ("unicode/latin-eth", "x/upper")


def test_edit_undone_by_later_stage_leaves_no_trace():
    comp = Composer("hoà")
    comp.apply([Edit(0, 3, "hoà", "hòa", rule="a")])
    comp.apply([Edit(0, 3, "hòa", "hoà", rule="b")])
    assert comp.edits == [] and comp.text == "hoà"


def test_locate_maps_inside_earlier_replacement_to_all_of_it():
    comp = Composer("ab Ðảng cd")
    comp.apply([Edit(3, 4, "Ð", "Đ", rule="a")])
    assert comp.to_original(4, 6) == (4, 6)
    assert comp.to_original(3, 4) == (3, 4)


def test_apply_edits_rejects_overlap():
    import pytest
    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3, "abc", "x", rule="a"), Edit(2, 4, "cd", "y", rule="b")])
