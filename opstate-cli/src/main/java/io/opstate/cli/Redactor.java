package io.opstate.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the passwords of the URLs a command was given wherever they appear in its output: in
 * URLs it prints, in messages of drivers and libraries, in picocli's own usage errors. The
 * passwords are found in the command line (a {@code password=} parameter or the user-info part of
 * a URL), as written and URL-decoded, and replaced by {@code ****} wherever they occur, even
 * inside other words: a short password garbles a message rather than leak. Immutable.
 */
final class Redactor {
    static final String MASK = "****";

    private static final List<Pattern> PASSWORDS = List.of(
            Pattern.compile("(?i)[?&;](?:password|pass|pwd|sslpassword)=([^&;\\s]+)"),
            Pattern.compile("//[^/:@?\\s]+:([^@/?\\s]+)@"));

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redactor for every password found in {@code arguments}. */
    static Redactor forArguments(String... arguments) {
        Set<String> found = new LinkedHashSet<>();
        for (String argument : arguments) {
            for (Pattern pattern : PASSWORDS) {
                Matcher matcher = pattern.matcher(argument);
                while (matcher.find()) {
                    String secret = matcher.group(1);
                    found.add(secret);
                    found.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
                }
            }
        }
        found.remove(MASK);
        // Longest first, so that a password containing another is hidden whole.
        return new Redactor(found.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    /** {@code text} with every known password replaced by {@value #MASK}; null stays null. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted;
    }
}
