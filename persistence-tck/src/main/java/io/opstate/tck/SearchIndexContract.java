package io.opstate.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opstate.InvalidInputException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.constructs.ConstructChanges;
import io.opstate.constructs.NewConstruct;
import io.opstate.core.search.SearchWords;
import io.opstate.search.SearchHit;
import io.opstate.search.SearchQuery;
import io.opstate.search.SearchRepository;
import io.opstate.sessions.NewSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The index follows every write at once, in the write's transaction: appends, construct creates,
 * updates and deletes; a rolled-back write leaves no trace in it; a rebuild keeps the same hits.
 * And no query text, however hostile, is an error of the database: it is refused naming
 * {@code text}, or searched for as plain words.
 */
public abstract class SearchIndexContract extends SearchSupport {

    /** An exception no backend knows, to roll a transaction back. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("abandoned on purpose");
        }
    }

    @Test
    @DisplayName("append: an entry is found by the next search, one or many at a time")
    void append() {
        assertThat(found("kiwi")).isEmpty();
        store.transcripts().append("s2", said("a kiwi arrived"));
        assertThat(found("kiwi")).containsExactly(entry("c2", "s2", 3));
        store.transcripts().appendAll("s1", List.of(said("kiwi again"), said("no fruit"), said("KIWI")));
        store.transcripts().append("s2", 4, said("kiwi guarded"));
        assertThat(found("kiwi")).containsExactlyInAnyOrder(entry("c2", "s2", 3), entry("c1", "s1", 4),
                entry("c1", "s1", 6), entry("c2", "s2", 4));
        store.transcripts().append("s2", said(""));
        assertThat(found("kiwi")).hasSize(4);
    }

    @Test
    @DisplayName("create: a new construct's title and metadata are found at once; a construct without text is never a hit")
    void create() {
        store.constructs().create(NewConstruct.of("note", "open").withId("c4").withTitle("Kiwi harvest")
                .withMetadata("{\"crop\": \"kiwi\"}"));
        store.constructs().create(NewConstruct.of("note", "open").withId("c5"));
        assertThat(found("kiwi")).containsExactly(title("c4"));
        assertThat(found("harvest")).containsExactly(title("c4"));
        assertThat(found(SearchQuery.of("kiwi").withTypes("note"))).containsExactly(title("c4"));
    }

    @Test
    @DisplayName("update: a changed title or metadata is found, the old one no more; a changed status moves its hits between filters")
    void update() {
        store.constructs().update("c1", 1, ConstructChanges.none().withTitle("Rollout of the gateway"));
        assertThat(found("gateway")).containsExactly(title("c1"));
        assertThat(only("gateway").at()).as("a construct's hit keeps its time of creation").isEqualTo(tC1);
        assertThat(found("payment")).as("only the entry still says payment").containsExactly(entry("c1", "s1", 1));
        assertThat(found("production")).as("metadata kept").containsExactly(metadata("c1"));

        store.constructs().update("c1", 2, ConstructChanges.none().withMetadata("{\"env\": \"staging\"}"));
        assertThat(found("production")).isEmpty();
        assertThat(found("staging")).containsExactly(metadata("c1"));
        assertThat(found("gateway")).containsExactly(title("c1"));

        store.constructs().update("c1", 3, ConstructChanges.none().withoutTitle());
        assertThat(found("gateway")).isEmpty();
        assertThat(found("staging")).containsExactly(metadata("c1"));
        store.constructs().update("c1", 4, ConstructChanges.none().withoutMetadata());
        assertThat(found("staging")).isEmpty();
        store.constructs().update("c1", 5, ConstructChanges.none().withTitle("payment again"));
        assertThat(found("payment")).containsExactlyInAnyOrder(title("c1"), entry("c1", "s1", 1));

        SearchQuery closedDeploys = SearchQuery.of("deploy").withStatuses("closed");
        assertThat(found(closedDeploys)).containsExactlyInAnyOrder(title("c2"), entry("c2", "s2", 2));
        store.constructs().update("c2", 1, ConstructChanges.none().withStatus("reopened"));
        assertThat(found(closedDeploys)).isEmpty();
        assertThat(found(SearchQuery.of("deploy").withStatuses("reopened"))).containsExactlyInAnyOrder(title("c2"),
                entry("c2", "s2", 2));
    }

    @Test
    @DisplayName("appends of many threads to many sessions at once: every entry found")
    void concurrentAppends() throws Exception {
        for (int i = 0; i < THREADS; i++) {
            store.sessions().create(NewSession.of(i % 2 == 0 ? "c1" : "c2", "running").withId("p" + i));
        }
        AtomicInteger sessions = new AtomicInteger();
        onAllThreads(() -> {
            String session = "p" + sessions.getAndIncrement();
            for (int j = 0; j < 10; j++) {
                store.transcripts().append(session, said("parallel " + session + " " + j));
            }
            return null;
        });
        assertThat(found("parallel")).hasSize(THREADS * 10);
        assertThat(found("parallel p3")).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 10).mapToObj(n -> entry("c2", "p3", n)).toList());
    }

    @Test
    @DisplayName("only the first MAX_INDEXED_WORDS words of a text are indexed")
    void indexedWords() {
        String filler = IntStream.range(0, SearchRepository.MAX_INDEXED_WORDS - 1).mapToObj(i -> "n" + i + " ")
                .collect(Collectors.joining());
        store.transcripts().append("s2", said(filler + "lastword beyond"));
        assertThat(found("lastword")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("\"n" + (SearchRepository.MAX_INDEXED_WORDS - 2) + " lastword\"")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("beyond")).isEmpty();
        assertThat(found("lastword beyond")).isEmpty();
    }

    @Test
    @DisplayName("only the first MAX_OCCURRENCES occurrences of a word in a text are indexed, for phrases too")
    void indexedOccurrences() {
        int most = SearchWords.MAX_OCCURRENCES;
        store.transcripts().append("s2", said("w ".repeat(most) + "early " + "w ".repeat(10) + "late"));
        store.transcripts().append("s2", said("w ".repeat(most) + "after"));
        assertThat(found("\"w early\"")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("\"early w\"")).as("the 257th w is not indexed").isEmpty();
        assertThat(found("\"w late\"")).isEmpty();
        assertThat(found("late w")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("\"w after\"")).containsExactly(entry("c2", "s2", 4));
        assertThat(found("\"w w\"")).containsExactlyInAnyOrder(entry("c2", "s2", 3), entry("c2", "s2", 4));
    }

    @Test
    @DisplayName("only the first MAX_INDEX_BYTES bytes of words of a text are indexed")
    void indexedBytes() {
        int fitting = SearchWords.MAX_INDEX_BYTES / (SearchWords.MAX_WORD_LENGTH + 1);
        store.transcripts().append("s2", said(distinctWords(fitting - 1) + "y".repeat(SearchWords.MAX_WORD_LENGTH)));
        store.transcripts().append("s2", said(distinctWords(fitting) + "z".repeat(SearchWords.MAX_WORD_LENGTH)));
        assertThat(found("yyy*")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("zzz*")).isEmpty();
        assertThat(found("xxx*")).containsExactlyInAnyOrder(entry("c2", "s2", 3), entry("c2", "s2", 4));
    }

    /** {@code count} different words of {@value SearchWords#MAX_WORD_LENGTH} characters starting with x, each with a space. */
    private static String distinctWords(int count) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String number = Integer.toString(i);
            words.append("x".repeat(SearchWords.MAX_WORD_LENGTH - number.length())).append(number).append(' ');
        }
        return words.toString();
    }

    @Test
    @DisplayName("delete: nothing of a deleted construct is found at once, neither its text nor its sessions' entries")
    void delete() {
        assertThat(store.constructs().delete("c1")).isTrue();
        assertThat(found("deploy")).containsExactlyInAnyOrder(title("c2"), entry("c2", "s2", 2));
        assertThat(found("payment")).isEmpty();
        assertThat(found("production")).isEmpty();
        assertThat(found("ready")).isEmpty();
        store.constructs().purgeDeleted();
        assertThat(found("deploy")).containsExactlyInAnyOrder(title("c2"), entry("c2", "s2", 2));

        store.useTransaction(tx -> assertThat(tx.constructs().delete("c2")).isTrue());
        assertThat(found("deploy")).isEmpty();
        assertThat(found("login")).isEmpty();
        assertThat(found("eu-west")).containsExactly(metadata("c3"));
    }

    @Test
    @DisplayName("delete, then the same ids again: only the new construct's texts are found")
    void deleteAndReuse() {
        store.constructs().delete("c2");
        store.constructs().purgeDeleted();
        store.constructs().create(NewConstruct.of("bug", "open").withId("c2").withTitle("Fresh start"));
        store.sessions().create(NewSession.of("c2", "running").withId("s2"));
        store.transcripts().append("s2", said("fresh entry"));
        assertThat(found("fresh")).containsExactlyInAnyOrder(title("c2"), entry("c2", "s2", 1));
        assertThat(found("login")).isEmpty();
        assertThat(found("reproduced")).isEmpty();
    }

    @Test
    @DisplayName("in a transaction: what it wrote is found after the commit; after a rollback nothing of it")
    void transactions() {
        store.useTransaction(tx -> {
            tx.transcripts().append("s2", said("zebra crossing"));
            tx.constructs().create(NewConstruct.of("note", "open").withId("c4").withTitle("zebra stripes"));
            tx.constructs().update("c2", 1, ConstructChanges.none().withTitle("zebra fails"));
        });
        assertThat(found("zebra")).containsExactlyInAnyOrder(entry("c2", "s2", 3), title("c4"), title("c2"));

        assertThatThrownBy(() -> store.useTransaction(tx -> {
            tx.transcripts().append("s1", said("yak shaving"));
            tx.transcripts().appendAll("s2", List.of(said("yak one"), said("yak two")));
            tx.constructs().create(NewConstruct.of("note", "open").withId("c5").withTitle("yak herd"));
            tx.constructs().update("c1", 1, ConstructChanges.none().withTitle("yak payment")
                    .withMetadata("{\"animal\": \"yak\"}"));
            tx.constructs().delete("c3");
            throw new Abandoned();
        })).isInstanceOf(Abandoned.class);
        assertThat(found("yak")).isEmpty();
        assertThat(found("payment")).containsExactlyInAnyOrder(title("c1"), entry("c1", "s1", 1));
        assertThat(found("production")).containsExactly(metadata("c1"));
        assertThat(found("eu-west")).containsExactly(metadata("c3"));
        store.transcripts().append("s2", said("after the rollback"));
        assertThat(found("rollback")).containsExactlyInAnyOrder(metadata("c1"), entry("c2", "s2", 4));
    }

    @Test
    @DisplayName("rebuildIndex: counts every construct and entry not deleted, and every query finds the same hits afterwards")
    void rebuild() {
        List<String> queries = List.of("deploy", "deploy failed", "\"payment service\"", "fail*", "cafe",
                "production", "eu-west", "ready", "login");
        Map<String, Set<Found>> before = queries.stream().collect(Collectors.toMap(Function.identity(), this::found));
        assertThat(store.search().rebuildIndex()).isEqualTo(3 + 5);
        for (String query : queries) {
            assertThat(found(query)).as(query).isEqualTo(before.get(query));
        }

        store.constructs().delete("c1");
        assertThat(store.search().rebuildIndex()).as("c2, c3 and the entries of s2; c1 and s1 are deleted, purged or not")
                .isEqualTo(2 + 2);
        for (String query : queries) {
            assertThat(found(query)).as(query).isEqualTo(before.get(query).stream()
                    .filter(found -> !found.constructId().equals("c1")).collect(Collectors.toSet()));
        }
        store.transcripts().append("s2", said("deploy after rebuild"));
        assertThat(found("deploy rebuild")).containsExactly(entry("c2", "s2", 3));
        assertThat(store.search().rebuildIndex()).isEqualTo(2 + 3);
        assertThat(found("deploy rebuild")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("deploy")).containsExactlyInAnyOrder(title("c2"), entry("c2", "s2", 2), entry("c2", "s2", 3));
    }

    @Test
    @DisplayName("database query syntax is plain words: OR, NOT, NEAR(), -, +, ^, col:val mean nothing")
    void operatorsAreWords() {
        assertThat(found("deploy OR failed")).as("or is a word every hit must hold").isEmpty();
        assertThat(found("deploy NOT failed")).isEmpty();
        assertThat(found("-deploy")).isEqualTo(found("deploy"));
        assertThat(found("+deploy ^failed")).containsExactly(entry("c1", "s1", 2));
        assertThat(found("NEAR(deploy failed)")).isEmpty();
        assertThat(found("content:refused")).as("the phrase \"content refused\"").isEmpty();
        assertThat(found("(deploy) AND (failed)")).isEmpty();

        store.transcripts().append("s2", said("deploy or rollback, not near, and failed: content refused"));
        assertThat(found("deploy OR failed")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("deploy NOT failed")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("(deploy) AND (failed)")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("NOT NEAR")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("content:refused")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("NEAR(deploy failed)")).isEmpty();
        store.transcripts().append("s2", said("near deploy failed"));
        assertThat(found("NEAR(deploy failed)")).containsExactly(entry("c2", "s2", 4));
    }

    @Test
    @DisplayName("hostile query text: quotes, stars, controls, emoji, huge text: refused naming text, or plain words")
    void hostileText() {
        for (String noWord : List.of("", "   ", "\"", "\"\"", "*", "**", "\"*\"", "()", "-", "^", ":", "🚀",
                "\u0000", "\uD800", "\" \"", "(*)", "* * *")) {
            assertRejected("text", () -> store.search().search(SearchQuery.of(noWord), PageRequest.first()));
        }
        assertRejected("text", () -> store.search().search(SearchQuery.of("deploy ".repeat(100 * 1024 / 7)),
                PageRequest.first()));
        assertRejected("text", () -> store.search().search(SearchQuery.of("x".repeat(SearchRepository.MAX_QUERY_LENGTH + 1)),
                PageRequest.first()));

        assertThat(found("\"deploy failed")).as("an unbalanced quote runs to the end").containsExactly(entry("c1", "s1", 2));
        assertThat(found("refused \"deploy")).containsExactly(entry("c1", "s1", 2));
        assertThat(found("deploy\u0000failed")).containsExactly(entry("c1", "s1", 2));
        assertThat(found("deploy 🚀")).isEqualTo(found("deploy"));
        assertThat(found("\uD800deploy\uDC00")).isEqualTo(found("deploy"));
        assertThat(found("de*ploy")).as("the phrase \"de ploy\"").isEmpty();
        assertThat(found("'deploy'; DROP TABLE x; --")).isEmpty();
        assertThat(found("x".repeat(SearchRepository.MAX_QUERY_LENGTH))).isEmpty();
        assertThat(found("x".repeat(SearchRepository.MAX_QUERY_LENGTH - 1) + "*")).isEmpty();

        store.transcripts().append("s2", said("ship it 🚀 now, 'quoted' \"double\" {braces} [brackets] 50% a_b"));
        assertThat(found("ship now")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("\"it now\"")).as("an emoji separates words").containsExactly(entry("c2", "s2", 3));
        assertThat(found("'quoted' \"double\" {braces} [brackets] 50%")).containsExactly(entry("c2", "s2", 3));
        assertThat(found("a_b")).containsExactly(entry("c2", "s2", 3));

        String[] hostile = {"\"\"deploy\"\"", "deploy\"*", "*deploy", "deploy**", "\"deploy\"\"failed\"",
                "deploy\\", "%deploy%", "deploy_", "NEAR/2", "{deploy failed}", "deploy:*", "\t\n\r deploy",
                "\uFEFFdeploy", "\u202Edeploy", "ｄｅｐｌｏｙ", "deploy" + "\u0301".repeat(500)};
        for (String text : hostile) {
            try {
                Page<SearchHit> page = store.search().search(SearchQuery.of(text), PageRequest.first());
                assertThat(page.items()).as(text).allSatisfy(hit -> assertThat(hit.constructId()).isNotNull());
            } catch (InvalidInputException refused) {
                assertThat(refused.field()).as(text).isEqualTo("text");
            }
        }
        assertThat(found("ｄｅｐｌｏｙ")).as("full-width letters are plain ones").isEqualTo(found("deploy"));
        assertThat(found("deploy" + "\u0301".repeat(500))).isEqualTo(found("deploy"));
        assertThat(found("*deploy")).isEqualTo(found("deploy"));
    }
}
