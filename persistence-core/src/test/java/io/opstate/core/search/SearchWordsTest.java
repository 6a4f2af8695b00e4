package io.opstate.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.search.SearchRepository;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchWordsTest {
    private static List<String> words(String text) {
        return SearchWords.words(text, Integer.MAX_VALUE).stream().map(SearchWords.Word::word).toList();
    }

    @Test
    void lowerCasesAndSplitsOnAnythingButLettersAndDigits() {
        assertThat(words("Deploy FAILED: payment-service v2, 50% (retry)")).containsExactly("deploy", "failed",
                "payment", "service", "v2", "50", "retry");
        assertThat(words("snake_case dot.ted a/b")).containsExactly("snake", "case", "dot", "ted", "a", "b");
        assertThat(words("  \t\n ")).isEmpty();
        assertThat(words(null)).isEmpty();
        assertThat(words("")).isEmpty();
    }

    @Test
    void removesAccentsComposedOrCombined() {
        assertThat(words("Café crème Zoë Müller")).containsExactly("cafe", "creme", "zoe", "muller");
        assertThat(words("Cafe\u0301 Zoe\u0308")).containsExactly("cafe", "zoe");
        assertThat(words("ÀÉÎÕÜ Ñandú")).containsExactly("aeiou", "nandu");
    }

    @Test
    void combiningMarksBelongToTheWordTheyFollowAndAloneAreNothing() {
        assertThat(SearchWords.words("e\u0301\u0301x y", 10)).containsExactly(
                new SearchWords.Word("ex", 0, 4), new SearchWords.Word("y", 5, 6));
        assertThat(words("\u0301\u0301 a")).containsExactly("a");
        assertThat(words("a \u20DD b")).as("an enclosing mark alone").containsExactly("a", "b");
    }

    @Test
    void compatibilityFormsArePlain() {
        assertThat(words("ﬁle ﬂow")).containsExactly("file", "flow");
        assertThat(words("ＤＥＰＬＯＹ １２３")).containsExactly("deploy", "123");
        assertThat(words("ｶﾀｶﾅ")).containsExactly("カタカナ");
        assertThat(words("ℌello")).containsExactly("hello");
    }

    @Test
    void greekSigmaIsOneLetter() {
        assertThat(words("ΟΔΟΣ οδος")).containsExactly("οδοσ", "οδοσ");
    }

    @Test
    void digitsOfAnyScriptAreWordCharacters() {
        assertThat(words("v1.2.3 ٣٤ 2026-12-04")).containsExactly("v1", "2", "3", "٣٤", "2026", "12", "04");
        assertThat(words("½ ² Ⅻ")).as("numbers that are not decimal digits separate words").isEmpty();
    }

    @Test
    void cjkRunsAreOneWordEach() {
        assertThat(words("東京タワー、大阪城")).containsExactly("東京タワー", "大阪城");
        assertThat(words("한국어 텍스트")).containsExactly("한국어", "텍스트");
    }

    @Test
    void surrogatePairsAreCharactersAndEmojiSeparate() {
        assertThat(words("𝐀𝐁c")).as("mathematical bold letters are plain").containsExactly("abc");
        assertThat(words("ship🚀it")).containsExactly("ship", "it");
        assertThat(SearchWords.words("𠀀𠀁 x", 10)).containsExactly(new SearchWords.Word("𠀀𠀁", 0, 4),
                new SearchWords.Word("x", 5, 6));
        assertThat(words("a\uD800b\uDC00c")).as("lone surrogates separate words").containsExactly("a", "b", "c");
    }

    @Test
    void controlAndFormatCharactersSeparate() {
        assertThat(words("a\u0000b\u0007c\u200Bd\uFEFFe\u202Ef")).containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void longWordsAreCutAt64WithoutSplittingAPair() {
        String longWord = "x".repeat(100);
        SearchWords.Word cut = SearchWords.words(longWord + " y", 10).get(0);
        assertThat(cut.word()).hasSize(SearchWords.MAX_WORD_LENGTH).isEqualTo("x".repeat(64));
        assertThat(cut.start()).isZero();
        assertThat(cut.end()).as("positions stay those of the whole word").isEqualTo(100);
        String pairs = "a".repeat(63) + "𠀀" + "b";
        assertThat(words(pairs).get(0)).isEqualTo("a".repeat(63));
        assertThat(words("É".repeat(70)).get(0)).isEqualTo("e".repeat(64));
    }

    @Test
    void maxWordsStopsEarly() {
        assertThat(SearchWords.words("a b c d", 2)).extracting(SearchWords.Word::word).containsExactly("a", "b");
        assertThat(SearchWords.words("a b", 0)).isEmpty();
    }

    @Test
    void indexTextJoinsTheWordsOfEveryTextBySingleSpaces() {
        assertThat(SearchWords.indexText("Deploy the  Payment", null, "", "Zoë\nMüller")).isEqualTo(
                "deploy the payment zoe muller");
        assertThat(SearchWords.indexText()).isEmpty();
        assertThat(SearchWords.indexText("!!!")).isEmpty();
    }

    @Test
    void indexTextHoldsAtMostMaxIndexedWords() {
        String many = "w ".repeat(SearchRepository.MAX_INDEXED_WORDS + 10);
        String index = SearchWords.indexText(many, "tail");
        assertThat(index.split(" ")).hasSize(SearchRepository.MAX_INDEXED_WORDS);
        assertThat(index).doesNotContain("tail");
        String distinct = IntStream.range(0, SearchRepository.MAX_INDEXED_WORDS - 1).mapToObj(i -> "n" + i)
                .collect(Collectors.joining(" "));
        String split = SearchWords.indexText(distinct, "last one");
        assertThat(split).endsWith(" n" + (SearchRepository.MAX_INDEXED_WORDS - 2) + " last").doesNotEndWith("one");
    }

    @Test
    void indexTextKeepsTheFirstOccurrencesOfAWordAndFillsTheirPlaceAfter() {
        String text = "w ".repeat(SearchWords.MAX_OCCURRENCES) + "w x w";
        String index = SearchWords.indexText(text, "W");
        String kept = "w ".repeat(SearchWords.MAX_OCCURRENCES);
        assertThat(index).isEqualTo(kept + SearchWords.FILLER + " x " + SearchWords.FILLER + " " + SearchWords.FILLER);
        assertThat(SearchWords.words(index, Integer.MAX_VALUE)).as("the filler is no word")
                .extracting(SearchWords.Word::word).containsOnly("w", "x");
        assertThat(SearchText.terms("\uE000 x")).containsExactly(new SearchTerm(List.of("x"), false));
    }

    @Test
    void indexTextHoldsAtMostMaxIndexBytes() {
        String big = IntStream.range(0, 5000).mapToObj(i -> "ü".repeat(SearchWords.MAX_WORD_LENGTH - 4)
                + String.format("%04d", i)).collect(Collectors.joining(" "));
        String index = SearchWords.indexText(big);
        assertThat(index.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SearchWords.MAX_INDEX_BYTES);
        assertThat(index.split(" ").length).isEqualTo(SearchWords.MAX_INDEX_BYTES / 65);
        assertThat(index).doesNotEndWith(" ").doesNotStartWith(" ");
    }

    @Test
    void indexTextCountsBytesOfEveryWidthAsUtf8Does() {
        for (String letter : List.of("中", "\uD840\uDC00")) { // 3 and 4 bytes: a CJK ideograph, one beyond the BMP
            int letters = (SearchWords.MAX_WORD_LENGTH - 4) / letter.getBytes(StandardCharsets.UTF_8).length;
            String big = IntStream.range(0, 5000).mapToObj(i -> letter.repeat(letters) + String.format("%04d", i))
                    .collect(Collectors.joining(" "));
            String index = SearchWords.indexText(big);
            assertThat(index.getBytes(StandardCharsets.UTF_8).length).as(letter)
                    .isLessThanOrEqualTo(SearchWords.MAX_INDEX_BYTES);
            assertThat(index.split(" ").length).as(letter).isEqualTo(SearchWords.MAX_INDEX_BYTES / 65);
        }
    }

    @Test
    void indexTextCountsOccurrencesFromTheFirstWordOn() {
        String text = "a b ".repeat(200) + "a ".repeat(100);
        List<String> index = List.of(SearchWords.indexText(text).split(" "));
        assertThat(index).hasSize(500);
        assertThat(index.stream().filter("a"::equals)).hasSize(SearchWords.MAX_OCCURRENCES);
        assertThat(index.stream().filter("b"::equals)).hasSize(200);
        assertThat(index.subList(400, 500)).containsOnly("a", SearchWords.FILLER)
                .filteredOn(SearchWords.FILLER::equals).hasSize(300 - SearchWords.MAX_OCCURRENCES);
    }
}
