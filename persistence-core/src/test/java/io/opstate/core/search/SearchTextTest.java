package io.opstate.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.search.SearchRepository;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SearchTextTest {
    private static SearchTerm word(String word) {
        return new SearchTerm(List.of(word), false);
    }

    private static SearchTerm prefix(String... words) {
        return new SearchTerm(List.of(words), true);
    }

    private static SearchTerm phrase(String... words) {
        return new SearchTerm(List.of(words), false);
    }

    private static void assertRefused(String text) {
        assertThatThrownBy(() -> SearchText.terms(text)).as("%s", text).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("text");
    }

    @Test
    void bareWordsAreTermsEachNormalised() {
        assertThat(SearchText.terms("Deploy  FAILED\tCafé")).containsExactly(word("deploy"), word("failed"),
                word("cafe"));
    }

    @Test
    void quotedWordsAreAPhrase() {
        assertThat(SearchText.terms("\"deploy failed\" now")).containsExactly(phrase("deploy", "failed"), word("now"));
        assertThat(SearchText.terms("a\"b c\"d")).containsExactly(word("a"), phrase("b", "c"), word("d"));
        assertThat(SearchText.terms("\"one\"")).containsExactly(word("one"));
    }

    @Test
    void anUnbalancedQuoteRunsToTheEnd() {
        assertThat(SearchText.terms("x \"deploy failed")).containsExactly(word("x"), phrase("deploy", "failed"));
        assertThat(SearchText.terms("\"a\" \"b c")).containsExactly(word("a"), phrase("b", "c"));
        assertThat(SearchText.terms("deploy \"")).containsExactly(word("deploy"));
    }

    @Test
    void aStarAfterTheLastWordMakesItAPrefix() {
        assertThat(SearchText.terms("depl*")).containsExactly(prefix("depl"));
        assertThat(SearchText.terms("\"payment serv*\"")).containsExactly(prefix("payment", "serv"));
        assertThat(SearchText.terms("\"payment serv\"*")).containsExactly(prefix("payment", "serv"));
        assertThat(SearchText.terms("foo-ba*")).containsExactly(prefix("foo", "ba"));
        assertThat(SearchText.terms("cafe\u0301*")).as("a mark belongs to the word before the star")
                .containsExactly(prefix("cafe"));
    }

    @Test
    void aStarAnywhereElseIsASeparator() {
        assertThat(SearchText.terms("*depl")).containsExactly(word("depl"));
        assertThat(SearchText.terms("de*pl")).containsExactly(phrase("de", "pl"));
        assertThat(SearchText.terms("depl**")).containsExactly(word("depl"));
        assertThat(SearchText.terms("depl-*")).containsExactly(word("depl"));
        assertThat(SearchText.terms("\"depl *\"")).containsExactly(word("depl"));
        assertThat(SearchText.terms("depl *")).containsExactly(word("depl"));
    }

    @Test
    void wordsJoinedByPunctuationAreAPhrase() {
        assertThat(SearchText.terms("foo-bar")).containsExactly(phrase("foo", "bar"));
        assertThat(SearchText.terms("col:val")).containsExactly(phrase("col", "val"));
        assertThat(SearchText.terms("2.4.1")).containsExactly(phrase("2", "4", "1"));
        assertThat(SearchText.terms("NEAR(a b)")).containsExactly(phrase("near", "a"), word("b"));
    }

    @Test
    void operatorsOfDatabaseSyntaxArePlainWordsOrSeparators() {
        assertThat(SearchText.terms("a OR b")).containsExactly(word("a"), word("or"), word("b"));
        assertThat(SearchText.terms("a AND NOT b")).containsExactly(word("a"), word("and"), word("not"), word("b"));
        assertThat(SearchText.terms("-a +b ^c (d) {e} [f] a:b")).containsExactly(word("a"), word("b"), word("c"),
                word("d"), word("e"), word("f"), phrase("a", "b"));
        assertThat(SearchText.terms("NEAR/3 x")).containsExactly(phrase("near", "3"), word("x"));
        assertThat(SearchText.terms("'a'; DROP TABLE t; --")).containsExactly(word("a"), word("drop"),
                word("table"), word("t"));
        assertThat(SearchText.terms("a\u0000b")).containsExactly(phrase("a", "b"));
    }

    @Test
    void textWithoutAWordIsRefused() {
        for (String text : List.of("", " ", "\"", "\"\"", "*", "**", "\" * \"", "()", "-", "+", "^", ":", "🚀",
                "\u0000", "\uD800", "\u0301", "… — !")) {
            assertRefused(text);
        }
        assertRefused(null);
    }

    @Test
    void tooLongTextIsRefused() {
        assertRefused("a".repeat(SearchRepository.MAX_QUERY_LENGTH + 1));
        assertRefused("a ".repeat(50 * 1024));
        assertThat(SearchText.terms("a".repeat(SearchRepository.MAX_QUERY_LENGTH))).containsExactly(
                word("a".repeat(SearchWords.MAX_WORD_LENGTH)));
    }

    @Test
    void tooManyWordsAreRefusedCountingEveryWordOfAPhrase() {
        String most = IntStream.range(0, SearchRepository.MAX_QUERY_WORDS).mapToObj(i -> "w" + i)
                .collect(Collectors.joining(" "));
        assertThat(SearchText.terms(most)).hasSize(SearchRepository.MAX_QUERY_WORDS);
        assertRefused(most + " extra");
        assertRefused("\"" + most + " extra\"");
        assertRefused(most.replace(' ', '-') + "-extra");
    }

    @Test
    void canonicalIgnoresOrderRepeatsCaseAndAccents() {
        String one = SearchText.canonical(SearchText.terms("Deploy \"payment service\" fail*"));
        assertThat(SearchText.canonical(SearchText.terms("fail* payment-service DEPLOY déploy"))).isEqualTo(one);
        assertThat(SearchText.canonical(SearchText.terms("fail* \"payment service\" deploy"))).isEqualTo(one);
        assertThat(SearchText.canonical(SearchText.terms("fail payment-service deploy"))).isNotEqualTo(one);
        assertThat(SearchText.canonical(SearchText.terms("\"payment service\""))).isNotEqualTo(
                SearchText.canonical(SearchText.terms("payment service")));
    }
}
