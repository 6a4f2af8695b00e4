package io.opstate.postgres.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.opstate.InvalidInputException;
import io.opstate.StorageUnavailableException;
import io.opstate.postgres.testing.ChildProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed open never shows a password, whatever URL form carried it: not in the exception, its
 * causes or suppressed exceptions, nor in any log line of OpState, HikariCP, Flyway or pgjdbc at
 * their most detailed levels. Each form is tried against a host that does not exist and against
 * a server that refuses the password; the opens run in a child process so its whole output, logs
 * included, can be searched.
 */
class PasswordLeakTest {
    private static final String MISSING_HOST = "nohost.invalid";

    @TempDir
    Path folder;

    @Test
    @Timeout(120)
    void noUrlFormShowsThePasswordOnAFailedOpen() throws Exception {
        try (PasswordRefusingServer server = new PasswordRefusingServer(); ChildProcesses children = new ChildProcesses(folder)) {
            String refusing = "127.0.0.1:" + server.port();
            // URL, secrets that must not show, expected outcome
            Map<String, Expected> cases = new LinkedHashMap<>();
            for (String host : List.of(MISSING_HOST, refusing)) {
                cases.put("jdbc:postgresql://app:Ui1Secret@" + host + "/test", refused("Ui1Secret"));
                cases.put("jdbc:postgresql://app:Ui2S/cr?et@" + host + "/test?x=1", refused("Ui2S/cr?et", "Ui2S"));
                cases.put("jdbc:postgresql://" + host + "/test?user=app&password=Qa1Secret", unavailable("Qa1Secret"));
                cases.put("jdbc:postgresql://" + host + "/test?password=Qa2Secret&user=app", unavailable("Qa2Secret"));
                cases.put("jdbc:postgresql://" + host + "/test?user=app&password=Pc%33Secret%26x",
                        unavailable("Pc%33Secret%26x", "Pc3Secret&x"));
                cases.put("jdbc:postgresql://" + host + "/test?user=app&password=Dup1Secret&password=Dup2Secret",
                        unavailable("Dup1Secret", "Dup2Secret"));
                cases.put("jdbc:postgresql://" + host + "/test?user=app&sslpassword=Ssl1Secret&password=Qa3Secret",
                        unavailable("Ssl1Secret", "Qa3Secret"));
                cases.put("jdbc:postgresql://" + host + "/test;password=Sc1Secret", refused("Sc1Secret"));
                cases.put("jdbc:postgresql://" + host + "/test?user=app&PASSWORD=Uc1Secret", refused("Uc1Secret"));
                cases.put("jdbc:postgresql://" + host + "/test?user=app&pass%77ord=Ke1Secret", refused("Ke1Secret"));
                cases.put("jdbc:postgresql://" + host + "/test?user=app&pwd=Pw1Secret", refused("Pw1Secret"));
            }
            List<String> urls = new ArrayList<>(cases.keySet());
            int child = children.start(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace"), FailedOpens.class,
                    urls.toArray(String[]::new));
            children.awaitSuccess(Duration.ofSeconds(100));
            String output = String.join("\n", children.output(child));
            String everything = output + "\n" + children.errors(child);

            for (int i = 0; i < urls.size(); i++) {
                Expected expected = cases.get(urls.get(i));
                for (String secret : expected.secrets()) {
                    assertThat(linesWith(everything, secret)).as("lines of the output and logs showing %s after opening %s",
                            secret, urls.get(i)).isEmpty();
                }
                assertThat(output).as("outcome of opening %s", urls.get(i))
                        .contains("=== " + i + " failed " + expected.outcome().getName());
            }
            assertThat(everything).as("the child logged at trace level").contains("DEBUG", "FINE");
            // The passwords did reach the server, decoded, as connection properties.
            assertThat(server.passwordsReceived())
                    .contains("Qa1Secret", "Qa2Secret", "Pc3Secret&x", "Dup2Secret", "Qa3Secret")
                    .doesNotContain("Dup1Secret", "Ui1Secret");
        }
    }

    private static List<String> linesWith(String text, String secret) {
        return text.lines().filter(line -> line.contains(secret)).toList();
    }

    private static Expected refused(String... secrets) {
        return new Expected(InvalidInputException.class, List.of(secrets));
    }

    private static Expected unavailable(String... secrets) {
        return new Expected(StorageUnavailableException.class, List.of(secrets));
    }

    private record Expected(Class<? extends Exception> outcome, List<String> secrets) {
    }
}
