package io.opstate.tck;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.preferences.Preference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The preference entry points with hostile owners, keys, documents, versions and pages. The
 * seeded store holds no preference: whatever passes validation saves one (rolled back), with a
 * positive expected version is not found, finds, deletes and lists nothing, never an error of
 * the database.
 */
final class HostilePreferenceCalls {
    private HostilePreferenceCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("preferences().save", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> owner = plan.argument(0, r.values()::name, Hostile.of(null, "no owner"));
            Hostile<String> key = plan.argument(1, r.values()::name, Hostile.of("theme", "a key"));
            Hostile<String> document = plan.argument(2, r::json, Hostile.of("{}", "{}"));
            return HostileCall.writing("save(" + owner + ", " + key + ", " + document + ")",
                    s -> s.preferences().save(owner.value(), key.value(), document.value()),
                    Outcome.returns("version 1", saved -> ((Preference) saved).version() == 1));
        });
        calls.put("preferences().save(expectedVersion)", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            Hostile<String> owner = plan.argument(0, r.values()::name, Hostile.of("alice", "an owner"));
            Hostile<String> key = plan.argument(1, r.values()::name, Hostile.of("theme", "a key"));
            Hostile<String> document = plan.argument(2, r::json, Hostile.of("[]", "[]"));
            Hostile<Long> version = plan.argument(3, () -> r.values().longValue(-1, 0, 1, Long.MAX_VALUE),
                    Hostile.of(0L, "0"));
            return HostileCall.writing("save(" + owner + ", " + key + ", " + document + ", " + version + ")",
                    s -> s.preferences().save(owner.value(), key.value(), document.value(), version.value()),
                    version.value() == 0 ? Outcome.returns("version 1", saved -> ((Preference) saved).version() == 1)
                            : Outcome.fails(NotFoundException.class));
        });
        calls.put("preferences().find", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> owner = plan.argument(0, r.values()::name, Hostile.of(null, "no owner"));
            Hostile<String> key = plan.argument(1, r.values()::name, Hostile.of("theme", "a key"));
            return HostileCall.reading("find(" + owner + ", " + key + ")",
                    s -> s.preferences().find(owner.value(), key.value()),
                    Outcome.returns("empty", found -> ((Optional<?>) found).isEmpty()));
        });
        calls.put("preferences().get", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> owner = plan.argument(0, r.values()::name, Hostile.of(null, "no owner"));
            Hostile<String> key = plan.argument(1, r.values()::name, Hostile.of("theme", "a key"));
            return HostileCall.reading("get(" + owner + ", " + key + ")",
                    s -> s.preferences().get(owner.value(), key.value()), Outcome.fails(NotFoundException.class));
        });
        calls.put("preferences().delete", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> owner = plan.argument(0, r.values()::name, Hostile.of(null, "no owner"));
            Hostile<String> key = plan.argument(1, r.values()::name, Hostile.of("theme", "a key"));
            return HostileCall.writing("delete(" + owner + ", " + key + ")",
                    s -> s.preferences().delete(owner.value(), key.value()),
                    Outcome.returns("false", Boolean.FALSE::equals));
        });
        calls.put("preferences().list", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<String> owner = plan.argument(0, r.values()::name, Hostile.of(null, "no owner"));
            Hostile<PageRequest> page = plan.argument(1, () -> r.page(null, false),
                    Hostile.of(PageRequest.first(), "first page"));
            return HostileCall.reading("list(" + owner + ", " + page + ")",
                    s -> s.preferences().list(owner.value(), page.value()),
                    Outcome.returns("an empty page", result -> ((Page<?>) result).items().isEmpty()));
        });
        return calls;
    }
}
