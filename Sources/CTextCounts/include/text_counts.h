#ifndef SITE_TEXT_COUNTS_H
#define SITE_TEXT_COUNTS_H

#include <stddef.h>
#include <stdint.h>

/// One text's words, syllables and sentences for its reading level, counted
/// as its bytes arrive (a text may come in pieces). A word is a run of
/// letters and digits joined by `'`, `-` and `’`; its syllables are its vowel
/// groups (`aeiouy`) less a silent final `e` (not `-le`, `-ee`) and a silent
/// `-ed` (not `-ted`, `-ded`), at least one. A sentence ends at `.`, `?` or
/// `!` before a space, when text stands since the last end.
typedef struct {
    int64_t words, syllables, polysyllables, sentence_ends;
    /// The word being read: its vowel groups so far, and its last three
    /// letters, lower case, a byte each, newest lowest (0x80 for a letter beyond ASCII).
    uint32_t groups, tail;
    uint8_t is_word, previous_was_vowel, saw_text, previous_is_mark;
} site_text_counts;

/// What a scalar beyond ASCII is to a word, as the caller tells it from Unicode's properties.
typedef enum {
    SITE_TEXT_LETTER,
    SITE_TEXT_DIGIT,
    SITE_TEXT_JOINER,
    SITE_TEXT_OTHER,
} site_text_kind;

/// How bytes are told apart: the fastest way the processor has, or a given one (for tests, which hold
/// each to the same counts; one the processor lacks is the next it has, down to one byte at a time).
typedef enum {
    SITE_TEXT_FASTEST,
    SITE_TEXT_AVX2,
    SITE_TEXT_SSE2,
    SITE_TEXT_PORTABLE,
} site_text_reader;

/// Reads `count` bytes of UTF-8 from their start: ASCII, and the typographic
/// quotes, dashes and ellipsis (U+2013, 2014, 2018, 2019, 201C, 201D, 2026).
/// Returns how many it read: at the first other scalar beyond ASCII, which the
/// caller reads with `site_text_counts_beyond_ascii` before it reads on. The
/// bytes are told apart as `reader` says.
size_t site_text_counts_read_with(site_text_counts *counts, const uint8_t *bytes, size_t count, site_text_reader reader);

/// Reads one scalar beyond ASCII, of the kind given.
void site_text_counts_beyond_ascii(site_text_counts *counts, site_text_kind kind);

/// Counts the word being read, if any, and starts the next.
void site_text_counts_finish_word(site_text_counts *counts);

#endif
