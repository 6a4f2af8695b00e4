package io.opstate.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The text of the search fixture, the same for a given entry count on every run and backend: a
 * vocabulary of {@value #VOCABULARY} words (common English first, then the words of a coding
 * agent's turns, then made-up words for the long tail) drawn with a Zipf-like law
 * (rank r has weight 1 / (r + 2.7)), in sentences with capitals, commas, numbers and a few
 * accented words; user turns short (5-40 words), assistant turns longer (15-120 words), one entry
 * in 500 a tool output of 300-1,000 words. Into this text go the {@link Planted} words, each into
 * a known number of entries, so that every query of {@link SearchBench} has a known answer.
 * Not thread-safe.
 */
final class SearchCorpus {
    static final int VOCABULARY = 30_000;
    /** Fewest entries the planted counts fit in (the smoke pass's size). */
    static final long MIN_ENTRIES = 10_000;

    /** A word put into a known number of entries; none of the vocabulary contains it. */
    enum Planted {
        /** Rare: fewer entries than a page, so {@code LIKE ... LIMIT 20} reads the whole table. */
        RARE("quorvex", 10),
        /** 100 entries: {@code LIKE ... LIMIT 20} stops about a fifth of the way through. */
        SOME("zentrafil", 100),
        /** With {@link #SOME}, what the prefix {@code zentra*} finds (120 entries, disjoint). */
        PREFIX_MATE("zentrabo", 20),
        /** First word of the phrase: next to {@link #PHRASE_END} in 50 entries, apart in 450 more. */
        PHRASE_START("cobaltine", 500),
        PHRASE_END("meridix", 500),
        /** In 1 % of the entries (10,000 of 1,000,000): many hits to rank, LIKE stops early. */
        COMMON("halvent", -1);

        final String word;
        private final long count;

        Planted(String word, long count) {
            this.word = word;
            this.count = count;
        }

        /** Entries holding the word in a fixture of {@code entries}. */
        long count(long entries) {
            return count < 0 ? entries / 100 : count;
        }
    }

    /** Entries where the phrase's two words stand next to each other, in order. */
    static final int PHRASE_ADJACENT = 50;
    static final String PHRASE = Planted.PHRASE_START.word + " " + Planted.PHRASE_END.word;
    static final String PREFIX = "zentra";

    private static final String[] COMMON_WORDS = ("the to and a of i it is in that this you for with on be"
            + " will not as we are have at so but from if was can by or all then one there what an which do"
            + " when now more no out up about my your so only also just like them some would it's into than"
            + " its new first should because after where before here need make see test file line code run"
            + " error call value change check use way back two read again still fails works return other same"
            + " each case why how did does done get set").split(" ");
    private static final String[] AGENT_WORDS = ("handler request body parse validate command charset header"
            + " latin body fails document pass rerun build deploy failed service timeout retry queue worker"
            + " job status config database connection pool transaction commit rollback index query table column"
            + " migration schema version release branch merge conflict commit push pull review comment issue"
            + " ticket stack trace exception null pointer field method class interface module package import"
            + " dependency maven gradle compile compiler warning debug log logger level message event stream"
            + " buffer bytes chunk encode decode json yaml xml http https endpoint route path param cookie"
            + " session token auth user admin permission role group cache evict expire lease claim lock thread"
            + " async future promise callback listener metric counter gauge histogram latency throughput disk"
            + " memory heap cpu core container image docker kubernetes pod node cluster region zone replica"
            + " primary secondary backup restore snapshot archive artifact upload download bucket object key"
            + " hash digest sha checksum signature certificate tls socket port host address dns proxy gateway"
            + " frontend backend api client server request response payload schema parser lexer token grammar"
            + " function variable constant loop branch condition assert expected actual fixture mock stub spy"
            + " unit integration coverage benchmark profile flame sample percentile median average regression"
            + " café naïve résumé façade déjà").split(" ");
    private static final String[] SYLLABLES = ("ka lo mi ne su ta ri po ve da gu fi ho je ba ze ly cu"
            + " wo xi qa nu pe ro sa ti vu mo le ga di fo he ju bi ze ny co wa").split(" ");
    private static final double ZIPF_OFFSET = 2.7;

    private final String[] words;
    private final double[] cumulative;
    private final Random random;
    /** Entry index (0-based) → the planted words it holds, in the order they go in. */
    private final Map<Long, List<String>> plantedAt = new HashMap<>();

    SearchCorpus(long entries) {
        if (entries < MIN_ENTRIES) {
            throw new IllegalArgumentException("the search fixture needs at least " + MIN_ENTRIES + " entries, got "
                    + entries);
        }
        this.random = new Random(17L);
        this.words = vocabulary(random);
        this.cumulative = new double[words.length];
        double sum = 0;
        for (int rank = 0; rank < words.length; rank++) {
            sum += 1 / (rank + ZIPF_OFFSET);
            cumulative[rank] = sum;
        }
        plant(entries);
    }

    /** The vocabulary: common words, agent words, then made-up ones; none contains a planted word. */
    private static String[] vocabulary(Random random) {
        Set<String> vocabulary = new LinkedHashSet<>(Arrays.asList(COMMON_WORDS));
        vocabulary.addAll(Arrays.asList(AGENT_WORDS));
        while (vocabulary.size() < VOCABULARY) {
            StringBuilder word = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int i = 0; i < syllables; i++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (random.nextInt(20) == 0) {
                word.append(random.nextInt(100));
            }
            String candidate = word.toString();
            if (!candidate.contains(PREFIX)
                    && Arrays.stream(Planted.values()).noneMatch(p -> candidate.contains(p.word))) {
                vocabulary.add(candidate);
            }
        }
        return vocabulary.toArray(String[]::new);
    }

    /** Chooses the entries of every planted word: disjoint sets, except the phrase's words share theirs. */
    private void plant(long entries) {
        Random chooser = new Random(23L);
        Set<Long> taken = new HashSet<>();
        for (Planted planted : List.of(Planted.RARE, Planted.SOME, Planted.PREFIX_MATE, Planted.COMMON)) {
            for (long entry : distinct(chooser, entries, planted.count(entries), taken)) {
                plantedAt.computeIfAbsent(entry, k -> new ArrayList<>()).add(planted.word);
            }
        }
        List<Long> both = distinct(chooser, entries, Planted.PHRASE_START.count(entries), taken);
        for (int i = 0; i < both.size(); i++) {
            long entry = both.get(i);
            if (i < PHRASE_ADJACENT) {
                plantedAt.computeIfAbsent(entry, k -> new ArrayList<>()).add(PHRASE);
            } else {
                // apart and in the other order: found by the two words, not by the phrase
                plantedAt.computeIfAbsent(entry, k -> new ArrayList<>()).add(Planted.PHRASE_END.word);
                plantedAt.computeIfAbsent(entry, k -> new ArrayList<>()).add(Planted.PHRASE_START.word);
            }
        }
    }

    private static List<Long> distinct(Random chooser, long entries, long count, Set<Long> taken) {
        List<Long> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            long entry = Math.floorMod(chooser.nextLong(), entries);
            if (taken.add(entry)) {
                chosen.add(entry);
            }
        }
        return chosen;
    }

    /** The content of entry {@code index} (0-based; call in order), a user turn when {@code user}. */
    String entry(long index, boolean user) {
        int length;
        if (random.nextInt(500) == 0) {
            length = 300 + random.nextInt(701);
        } else {
            length = user ? 5 + random.nextInt(36) : 15 + random.nextInt(106);
        }
        List<String> text = new ArrayList<>(length + 4);
        for (int i = 0; i < length; i++) {
            text.add(word());
        }
        List<String> planted = plantedAt.get(index);
        if (planted != null) {
            // spaced out so that the phrase's two words, when apart, are never next to each other
            int at = random.nextInt(Math.max(1, length / 2));
            for (String word : planted) {
                text.add(Math.min(at, text.size()), word);
                at += 2;
            }
        }
        return sentences(text);
    }

    /** A title of a construct: 3-8 words. */
    String title() {
        int length = 3 + random.nextInt(6);
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < length; i++) {
            title.append(i == 0 ? "" : " ").append(word());
        }
        return title.toString();
    }

    /** A vocabulary word, Zipf-distributed. */
    String word() {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int at = Arrays.binarySearch(cumulative, target);
        return words[at >= 0 ? at : Math.min(-at - 1, words.length - 1)];
    }

    private static boolean plantedWord(String word) {
        return Arrays.stream(Planted.values()).anyMatch(p -> word.startsWith(p.word));
    }

    /** Joins words into sentences of 4-20 words: a capital first, a comma now and then, a number or path sometimes. */
    private String sentences(List<String> text) {
        StringBuilder out = new StringBuilder(text.size() * 7);
        int left = 0;
        for (String word : text) {
            boolean first = left == 0;
            if (first) {
                left = 4 + random.nextInt(17);
                if (out.length() > 0) {
                    out.append(". ");
                }
                // planted words stay lower-case: PostgreSQL's LIKE, the baseline, is case-sensitive
                out.append(plantedWord(word) ? word.charAt(0) : Character.toUpperCase(word.charAt(0)))
                        .append(word, 1, word.length());
            } else {
                int decoration = random.nextInt(40);
                out.append(decoration == 0 ? ", " : " ");
                if (decoration == 1) {
                    out.append(random.nextInt(10_000)).append(' ');
                } else if (decoration == 2) {
                    out.append("src/").append(word()).append('/').append(word()).append(".java ");
                }
                out.append(word);
            }
            left--;
        }
        return out.append('.').toString();
    }
}
