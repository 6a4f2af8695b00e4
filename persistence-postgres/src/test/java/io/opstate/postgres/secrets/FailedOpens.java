package io.opstate.postgres.secrets;

import io.opstate.Datastore;
import io.opstate.Persistence;
import io.opstate.PersistenceConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A process for {@link PasswordLeakTest}: opens a store at each URL given, through the builder
 * and through properties, with every log at its most detailed (java.util.logging, which pgjdbc
 * uses, on standard error; slf4j-simple as its system properties say), and prints each outcome
 * with its whole stack trace, causes and suppressed exceptions included, between marker lines.
 */
public final class FailedOpens {
    private FailedOpens() {
    }

    public static void main(String[] urls) {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.ALL);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        root.addHandler(console);
        Logger.getLogger("org.postgresql").setLevel(Level.ALL);
        for (int i = 0; i < urls.length; i++) {
            PersistenceConfig fromBuilder = PersistenceConfig.builder(urls[i])
                    .connectionTimeout(Duration.ofSeconds(2)).build();
            Properties properties = new Properties();
            properties.setProperty("opstate.url", urls[i]);
            properties.setProperty("opstate.connection-timeout", "2s");
            for (PersistenceConfig config : new PersistenceConfig[] {fromBuilder, PersistenceConfig.fromProperties(properties)}) {
                System.out.println("=== " + i + " config " + config);
                try (Datastore store = Persistence.open(config)) {
                    System.out.println("=== " + i + " opened " + store.maintenance().health());
                } catch (Throwable e) {
                    System.out.println("=== " + i + " failed " + e.getClass().getName());
                    e.printStackTrace(System.out);
                }
            }
        }
    }
}
