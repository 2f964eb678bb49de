// A page's reading level reads every byte of its text. Read one by one, in
// Swift, that was 9% of a clean build's instructions (300 generated pages: 78
// million, some 37 a byte). Here 64 bytes at a time are told apart into bit
// masks (letters, vowels, digits, joiners, marks, spaces), with AVX2 or SSE2
// where the processor has them, and words, vowel groups and sentences are found
// in the masks, a word at a time: 43 million instructions for the same pages.
#include "text_counts.h"
#include <string.h>
#if defined(__SSE2__)
#include <cpuid.h>
#include <emmintrin.h>
#include <immintrin.h>
#endif

typedef struct {
    uint64_t letter, vowel, digit, joiner, mark, space, high;
} masks;

// Bytes `from..<to` of a 64-bit mask (`to` at most 64).
static inline uint64_t bits(unsigned from, unsigned to) {
    uint64_t below_to = to >= 64 ? ~0ULL : (1ULL << to) - 1;
    uint64_t below_from = from >= 64 ? ~0ULL : (1ULL << from) - 1;
    return below_to & ~below_from;
}

static inline void classify_portable(const uint8_t *p, masks *m) {
    memset(m, 0, sizeof *m);
    for (unsigned i = 0; i < 64; i++) {
        uint8_t byte = p[i], lower = byte | 0x20;
        uint64_t bit = 1ULL << i;
        if ((uint8_t)(lower - 'a') < 26) {
            m->letter |= bit;
            if (lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'u' || lower == 'y') m->vowel |= bit;
        }
        if ((uint8_t)(byte - '0') < 10) m->digit |= bit;
        if (byte == '\'' || byte == '-') m->joiner |= bit;
        if (byte == '.' || byte == '?' || byte == '!') m->mark |= bit;
        if (byte == ' ') m->space |= bit;
        if (byte >= 0x80) m->high |= bit;
    }
}

#if defined(__SSE2__)
// The bytes told apart once in this text for any vector width (the compilers' vector extensions), made
// into SSE2's 16 bytes at a step and AVX2's 32: a comparison leaves a byte all ones where it holds, and
// the movemask takes each byte's high bit.
#define CLASSIFY(name, width, attributes, movemask)                                                                  \
    typedef int8_t name##_bytes __attribute__((vector_size(width)));                                                 \
    attributes static inline void name(const uint8_t *p, masks *m) {                                                 \
        memset(m, 0, sizeof *m);                                                                                      \
        for (unsigned i = 0; i < 64; i += width) {                                                                   \
            name##_bytes x;                                                                                           \
            memcpy(&x, p + i, width);                                                                                 \
            name##_bytes lower = x | 0x20;                                                                            \
            /* No unsigned compare in SSE2: `a`..`z` moved to -128..-103, and `0`..`9` to -128..-119, compared signed. */ \
            name##_bytes letter = (name##_bytes)(lower + (int8_t)(0x80 - 'a')) < (int8_t)(0x80 + 26);                  \
            name##_bytes vowel = (lower == 'a') | (lower == 'e') | (lower == 'i') | (lower == 'o') | (lower == 'u') | (lower == 'y'); \
            name##_bytes digit = (name##_bytes)(x + (int8_t)(0x80 - '0')) < (int8_t)(0x80 + 10);                      \
            m->letter |= (uint64_t)movemask(letter) << i;                                                             \
            m->vowel |= (uint64_t)movemask(vowel) << i;                                                               \
            m->digit |= (uint64_t)movemask(digit) << i;                                                               \
            m->joiner |= (uint64_t)movemask((x == '\'') | (x == '-')) << i;                                           \
            m->mark |= (uint64_t)movemask((x == '.') | (x == '?') | (x == '!')) << i;                                 \
            m->space |= (uint64_t)movemask(x == ' ') << i;                                                            \
            m->high |= (uint64_t)movemask(x) << i;                                                                    \
        }                                                                                                             \
    }
#define SSE2_MASK(bytes) ((uint16_t)_mm_movemask_epi8((__m128i)(bytes)))
#define AVX2_MASK(bytes) ((uint32_t)_mm256_movemask_epi8((__m256i)(bytes)))
CLASSIFY(classify_sse2, 16, , SSE2_MASK)
CLASSIFY(classify_avx2, 32, __attribute__((target("avx2"))), AVX2_MASK)
#endif

// A word's syllables from its vowel groups and last three letters (as `tail` in the header).
static inline int64_t word_syllables(uint32_t groups, uint32_t tail) {
    if (groups == 0) return 1;
    int64_t count = groups;
    uint32_t a = tail >> 16 & 0xFF, b = tail >> 8 & 0xFF, c = tail & 0xFF;
    if (c == 'e' && b != 'l' && b != 'e' && count > 1) count--;
    if (b == 'e' && c == 'd' && a != 't' && a != 'd' && count > 1) count--;
    return count < 1 ? 1 : count;
}

static inline void count_word(site_text_counts *counts, int64_t syllables) {
    counts->words += 1;
    counts->syllables += syllables;
    counts->polysyllables += syllables >= 3;
}

void site_text_counts_finish_word(site_text_counts *counts) {
    if (!counts->is_word) return;
    count_word(counts, word_syllables(counts->groups, counts->tail));
    counts->is_word = 0;
    counts->previous_was_vowel = 0;
    counts->groups = 0;
    counts->tail = 0;
}

void site_text_counts_beyond_ascii(site_text_counts *counts, site_text_kind kind) {
    // Beyond ASCII: text, never a mark or a space; a letter no vowel of `aeiouy`.
    counts->saw_text = 1;
    counts->previous_is_mark = 0;
    switch (kind) {
    case SITE_TEXT_LETTER:
        counts->is_word = 1;
        counts->previous_was_vowel = 0;
        counts->tail = (counts->tail << 8 | 0x80) & 0xFFFFFF;
        break;
    case SITE_TEXT_DIGIT:
        counts->is_word = 1;
        break;
    case SITE_TEXT_JOINER:
        break;
    case SITE_TEXT_OTHER:
        site_text_counts_finish_word(counts);
        break;
    }
}

// The typographic marks read with ASCII: U+2013..U+2026's last bytes after E2 80.
static inline int is_known_mark(uint8_t last) {
    return last == 0x93 || last == 0x94 || last == 0x98 || last == 0x99 || last == 0x9C || last == 0x9D || last == 0xA6;
}

// The tail of a word after `letters` (a mask of its letters in the block at `p`), read in order.
static inline __attribute__((always_inline)) uint32_t tail_after(uint32_t tail, const uint8_t *p, uint64_t letters) {
    if (__builtin_popcountll(letters) >= 3) {
        unsigned last = 63 - (unsigned)__builtin_clzll(letters);
        letters &= ~(1ULL << last);
        unsigned middle = 63 - (unsigned)__builtin_clzll(letters);
        letters &= ~(1ULL << middle);
        unsigned first = 63 - (unsigned)__builtin_clzll(letters);
        return (uint32_t)(p[first] | 0x20) << 16 | (uint32_t)(p[middle] | 0x20) << 8 | (uint32_t)(p[last] | 0x20);
    }
    while (letters) {
        unsigned at = (unsigned)__builtin_ctzll(letters);
        letters &= letters - 1;
        tail = (tail << 8 | (uint32_t)(p[at] | 0x20)) & 0xFFFFFF;
    }
    return tail;
}

// Counts the first `take` bytes of a block told apart into `m` (bits past `take` are cleared here).
static inline __attribute__((always_inline)) void count_block(site_text_counts *c, const uint8_t *p, masks m, unsigned take) {
    uint64_t valid = bits(0, take);
    uint64_t letter = m.letter & valid, vowel = m.vowel & valid, digit = m.digit & valid;
    uint64_t joiner = m.joiner & valid, mark = m.mark & valid, space = m.space & valid;

    // Vowel groups. Digits and joiners leave the last letter's vowel as it was: it is carried
    // across each run of them (the run plus its first bit carries out of it, clearing it).
    uint64_t through = digit | joiner;
    uint64_t seeds = through & (vowel << 1 | c->previous_was_vowel);
    uint64_t wasVowel = vowel | (through & ~(through + seeds));
    uint64_t groupStarts = vowel & ~(wasVowel << 1 | c->previous_was_vowel);

    // Words: runs of letters, digits and joiners. The word being read goes on into the block, or
    // ends before it; the run at the block's last byte stays open.
    uint64_t word = letter | digit | joiner;
    if (c->is_word && !(word & 1)) site_text_counts_finish_word(c);
    uint64_t open = c->is_word;
    uint64_t ends = word & ~(word >> 1) & ~(1ULL << (take - 1));
    // A run of joiners alone is no word: the carry through it lands past it on no word byte.
    uint64_t joinerStarts = joiner & ~(word << 1 | open);
    uint64_t joinersOnly = ((joiner + joinerStarts) & ~joiner & ~word & valid) >> 1;
    ends &= ~joinersOnly;
    uint32_t groups = c->groups, tail = c->tail;
    uint64_t done = 0;
    while (ends) {
        unsigned end = (unsigned)__builtin_ctzll(ends);
        ends &= ends - 1;
        uint64_t upTo = (2ULL << end) - 1, mine = upTo & ~done;
        done = upTo;
        groups += (uint32_t)__builtin_popcountll(groupStarts & mine);
        uint64_t letters = letter & mine;
        // Only a word that ends in `e` or `d` needs more of its tail than its last letter.
        uint32_t last = letters ? (uint32_t)(p[63 - __builtin_clzll(letters)] | 0x20) : (tail & 0xFF);
        int64_t syllables = groups ? groups : 1;
        if (last == 'e' || last == 'd') syllables = word_syllables(groups, tail_after(tail, p, letters));
        count_word(c, syllables);
        groups = 0;
        tail = 0;
    }
    // The open run, if any: what is left holds no letter, vowel or digit of another word.
    uint64_t rest = valid & ~done;
    c->groups = groups + (uint32_t)__builtin_popcountll(groupStarts & rest);
    c->tail = tail_after(tail, p, letter & rest);
    c->is_word = (uint8_t)((done ? 0 : open) | ((letter | digit) & rest ? 1 : 0));
    c->previous_was_vowel = (uint8_t)(wasVowel >> (take - 1) & 1);

    // Sentences: a space after a mark ends one when text stands since the last end.
    uint64_t text = valid & ~(space | mark);
    uint64_t sentenceEnds = space & (mark << 1 | c->previous_is_mark);
    int sawText = c->saw_text;
    unsigned since = 0;
    while (sentenceEnds) {
        unsigned at = (unsigned)__builtin_ctzll(sentenceEnds);
        sentenceEnds &= sentenceEnds - 1;
        if (sawText || (text & bits(since, at))) {
            c->sentence_ends += 1;
            sawText = 0;
            since = at + 1;
        }
    }
    c->saw_text = (uint8_t)(sawText || (text & bits(since, 64)) != 0);
    c->previous_is_mark = (uint8_t)(mark >> (take - 1) & 1);
}

// Reads blocks of 64 bytes (the last padded) until a scalar beyond ASCII it does not know;
// `reader` is a constant at each call, which picks how bytes are told apart.
static inline __attribute__((always_inline)) size_t read_blocks(site_text_counts *c, const uint8_t *bytes, size_t count, site_text_reader reader) {
    size_t index = 0;
    while (index < count) {
        size_t left = count - index;
        unsigned take = left < 64 ? (unsigned)left : 64;
        const uint8_t *p = bytes + index;
        uint8_t padded[64];
        if (take < 64) {
            memset(padded, ' ', sizeof padded);
            memcpy(padded, p, take);
            p = padded;
        }
        masks m;
#if defined(__SSE2__)
        if (reader == SITE_TEXT_AVX2) classify_avx2(p, &m);
        else if (reader == SITE_TEXT_SSE2) classify_sse2(p, &m);
        else classify_portable(p, &m);
#else
        (void)reader;
        classify_portable(p, &m);
#endif
        uint64_t high = m.high & bits(0, take);
        while (high) {
            unsigned at = (unsigned)__builtin_ctzll(high);
            // A typographic mark whole in the block: its bytes are text; the apostrophe's join a word.
            if (p[at] == 0xE2 && at + 2 < take && p[at + 1] == 0x80 && is_known_mark(p[at + 2])) {
                if (p[at + 2] == 0x99) m.joiner |= 7ULL << at;
                high &= ~(7ULL << at);
                continue;
            }
            take = at;
            break;
        }
        if (take == 0) return index;
        count_block(c, p, m, take);
        index += take;
    }
    return index;
}

#if defined(__SSE2__)
// With the processor's own population count (a word's vowel groups are one), where it has one:
// without, each is a dozen instructions.
__attribute__((target("popcnt"))) static size_t read_with_popcnt(site_text_counts *counts, const uint8_t *bytes, size_t count) {
    return read_blocks(counts, bytes, count, SITE_TEXT_SSE2);
}

// With AVX2, and the bit instructions that come with it (a word's ends and letters are found by them):
// some 30% less time than SSE2 on a page's text, where the processor and the system have them.
__attribute__((target("popcnt,avx2,bmi,bmi2,lzcnt"))) static size_t read_with_avx2(site_text_counts *counts, const uint8_t *bytes, size_t count) {
    return read_blocks(counts, bytes, count, SITE_TEXT_AVX2);
}

// The fastest way this processor has, asked once: 2 AVX2, 1 SSE2 with its own population count, 0 SSE2.
static int fastest(void) {
    static int known = -1;
    int answer = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (answer < 0) {
        unsigned a, b, c, d;
        answer = 0;
        if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_POPCNT)) {
            answer = 1;
            // AVX2's registers are saved by the system (XCR0's SSE and AVX state), and the bit instructions are there.
            unsigned low = 0, high = 0;
            if (c & bit_OSXSAVE) __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
            unsigned b7 = 0, c7 = 0, d7 = 0, a7 = 0, c81 = 0;
            int leaf7 = __get_cpuid_count(7, 0, &a7, &b7, &c7, &d7);
            if (__get_cpuid(0x80000001, &a, &b, &c81, &d) && leaf7 && (low & 6) == 6 && (b7 & bit_AVX2) && (b7 & bit_BMI) && (b7 & bit_BMI2) &&
                (c81 & bit_LZCNT)) {
                answer = 2;
            }
            (void)high;
        }
        __atomic_store_n(&known, answer, __ATOMIC_RELAXED);
    }
    return answer;
}
#endif

size_t site_text_counts_read_with(site_text_counts *counts, const uint8_t *bytes, size_t count, site_text_reader reader) {
#if defined(__SSE2__)
    int best = fastest();
    if (reader == SITE_TEXT_FASTEST || (reader == SITE_TEXT_AVX2 && best < 2)) reader = best == 2 ? SITE_TEXT_AVX2 : SITE_TEXT_SSE2;
    if (reader == SITE_TEXT_AVX2) return read_with_avx2(counts, bytes, count);
    if (reader == SITE_TEXT_SSE2) return best >= 1 ? read_with_popcnt(counts, bytes, count) : read_blocks(counts, bytes, count, SITE_TEXT_SSE2);
#endif
    return read_blocks(counts, bytes, count, SITE_TEXT_PORTABLE);
}
