"""The subject vocabulary the model weighs: word starts, whole words, phrases, no findings."""

import pytest

from tillit.moderation.detectors import analyse
from tillit.moderation.detectors.topics import TOPIC_ORDER, topic_counts, topic_features


def counts(text: str) -> dict[str, int]:
    return dict(zip(TOPIC_ORDER, topic_counts(text), strict=True))


@pytest.mark.parametrize(
    ("text", "topic", "expected"),
    [
        ("Mördaren dödade två och sköt en tredje", "violence", 3),
        ("Han hittade liket i skogen", "violence", 1),
        ("Det var likadant i fjol, liksom", "violence", 0),  # "lik=" is the whole word only
        ("Rasten är slut och raseriet är stort", "group", 0),  # "ras=" is not "rasten"
        ("Alla dom där borde skämmas", "generalise", 2),  # "alla dom" and "dom där"
        ("Hela   bunten", "generalise", 1),  # any whitespace inside a phrase
        ("hela dagen", "generalise", 0),
        ("Sexton sexiga nakenbilder", "sexual", 2),  # "sex=" is not "sexton"
        ("obemördad", "violence", 0),  # a word start, not inside a word
    ],
)
def test_counts_word_starts_whole_words_and_phrases(text, topic, expected):
    assert counts(text)[topic] == expected


def test_a_word_counts_once_per_topic_even_where_entries_overlap():
    # "kniv" and "knivhugg" would both start here; one word, one count.
    assert counts("knivhuggen")["violence"] == 1


def test_subject_words_are_features_not_findings():
    text = "Kriget och blodet i nyheterna om invandrare"
    assert analyse(text, use_ml=False).findings == ()
    assert min(topic_features(text)) >= 0.0 and max(topic_features(text)) > 0.0


def test_hostile_input_is_counted_without_errors():
    for text in ("", "\x00" * 50, "🔪" * 1000, "död " * 5000, "a\u0301" * 200):
        assert len(topic_counts(text)) == len(TOPIC_ORDER)
