package io.opstate.tck;

import io.opstate.ConflictException;
import io.opstate.Datastore;
import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.resources.LegacyJsonImport;
import io.opstate.resources.NewResource;
import io.opstate.resources.ResourceKind;
import io.opstate.resources.ResourceQuery;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Every public entry point of the resource repository, with hostile arguments. The seeded store
 * has one kind, {@link #KIND}, and one resource of it, {@link #RESOURCE}, without owner or labels,
 * in status {@link #STATUS}; both names are known names, so generated ones meet them.
 */
final class HostileResourceCalls {
    static final String KIND = HostileSeed.CONSTRUCT;
    static final String RESOURCE = HostileSeed.OTHER_CONSTRUCT;
    static final String STATUS = HostileSeed.OTHER_CONSTRUCT;
    private static final Hostile<PageRequest> FIRST_PAGE = Hostile.of(PageRequest.first(), "first page");

    private HostileResourceCalls() {
    }

    static void seed(Datastore store) {
        store.resources().declareKind(ResourceKind.of(KIND, STATUS, HostileSeed.CONSTRUCT));
        store.resources().create(NewResource.of(KIND, RESOURCE));
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("resources().declareKind", r -> {
            Hostile<ResourceKind> kind = kind(r);
            return HostileCall.writing("declareKind(" + kind + ")", s -> s.resources().declareKind(kind.value()),
                    Outcome.returns("the kind", Objects::nonNull));
        });
        calls.put("resources().narrowKind", r -> {
            Hostile<ResourceKind> kind = kind(r);
            Outcome ifValid;
            if (kind.value() == null || !KIND.equals(kind.value().name())) {
                ifValid = Outcome.fails(NotFoundException.class);
            } else if (kind.value().statuses() != null && kind.value().statuses().contains(STATUS)) {
                ifValid = Outcome.returns("the kind", Objects::nonNull);
            } else {
                ifValid = Outcome.fails(ConflictException.class);
            }
            return HostileCall.writing("narrowKind(" + kind + ")", s -> s.resources().narrowKind(kind.value()), ifValid);
        });
        calls.put("resources().kind", r -> {
            Hostile<String> name = r.values().name();
            boolean found = KIND.equals(name.value());
            return HostileCall.reading("kind(" + name + ")", s -> s.resources().kind(name.value()),
                    Outcome.returns(found ? "the kind" : "empty", result -> ((Optional<?>) result).isPresent() == found));
        });
        calls.put("resources().kinds", r -> HostileCall.unvalidated("kinds()", s -> s.resources().kinds(),
                Outcome.returns("the seeded kind", result -> ((List<?>) result).size() == 1)));
        calls.put("resources().create", r -> {
            NewResource resource = newResource(r);
            Outcome ifValid = !KIND.equals(resource.kind()) ? Outcome.rejected("kind")
                    : RESOURCE.equals(resource.name()) && resource.owner() == null
                    ? Outcome.fails(DuplicateKeyException.class) : Outcome.returns("the resource", Objects::nonNull);
            return HostileCall.writing("create(" + resource + ")", s -> s.resources().create(resource), ifValid);
        });
        calls.put("resources().save", r -> {
            NewResource resource = newResource(r);
            Outcome ifValid = !KIND.equals(resource.kind()) ? Outcome.rejected("kind")
                    : Outcome.returns("the resource", Objects::nonNull);
            return HostileCall.writing("save(" + resource + ")", s -> s.resources().save(resource), ifValid);
        });
        calls.put("resources().update", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of("nope", "unknown id"));
            Hostile<Long> version = plan.argument(1, () -> r.values().longValue(-1, 0, Long.MAX_VALUE), Hostile.of(1L, "1"));
            Hostile<String> spec = plan.argument(2, r::jsonObject, Hostile.of(null, "no spec"));
            Hostile<Map<String, String>> labels = plan.argument(3, () -> labels(r), Hostile.of(null, "no labels"));
            return HostileCall.writing("update(" + id + ", " + version + ", " + spec + ", " + labels + ")",
                    s -> s.resources().update(id.value(), version.value(), spec.value(), labels.value()),
                    Outcome.fails(NotFoundException.class));
        });
        calls.put("resources().transition", r -> {
            HostileRecords.Plan plan = r.arguments(4);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of("nope", "unknown id"));
            Hostile<Long> version = plan.argument(1, () -> r.values().longValue(-1, 0, Long.MAX_VALUE), Hostile.of(1L, "1"));
            Hostile<String> status = plan.argument(2, r.values()::name, Hostile.of(STATUS, "allowed status"));
            Hostile<String> detail = plan.argument(3, r::jsonObject, Hostile.of(null, "no detail"));
            return HostileCall.writing("transition(" + id + ", " + version + ", " + status + ", " + detail + ")",
                    s -> s.resources().transition(id.value(), version.value(), status.value(), detail.value()),
                    Outcome.fails(NotFoundException.class));
        });
        HostileCommonCalls.addKeyed(calls, "resources()", id -> false, (s, id) -> s.resources().find(id),
                (s, id) -> s.resources().get(id), (s, id) -> s.resources().delete(id));
        calls.put("resources().findByName", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> kind = plan.argument(0, r.values()::name, Hostile.of(KIND, "seeded kind"));
            Hostile<String> owner = plan.argument(1, r.values()::name, Hostile.of(null, "no owner"));
            Hostile<String> name = plan.argument(2, r.values()::name, Hostile.of(RESOURCE, "seeded name"));
            boolean found = KIND.equals(kind.value()) && owner.value() == null && RESOURCE.equals(name.value());
            return HostileCall.reading("findByName(" + kind + ", " + owner + ", " + name + ")",
                    s -> s.resources().findByName(kind.value(), owner.value(), name.value()),
                    Outcome.returns(found ? "the resource" : "empty", result -> ((Optional<?>) result).isPresent() == found));
        });
        calls.put("resources().list", r -> {
            Hostile<ResourceQuery> query = query(r);
            Hostile<PageRequest> page = r.values().chance(50) ? r.page(null, false) : FIRST_PAGE;
            return HostileCall.reading("list(" + query + ", " + page + ")",
                    s -> s.resources().list(query.value(), page.value()),
                    Outcome.returns("a page", result -> result instanceof Page<?>));
        });
        calls.put("resources().stream", r -> {
            Hostile<ResourceQuery> query = query(r);
            var order = r.values().order();
            return HostileCall.reading("stream(" + query + ", " + order + ")", s -> {
                try (Stream<?> stream = s.resources().stream(query.value(), order.value())) {
                    return stream.toList();
                }
            }, Outcome.returns("a list", result -> ((List<?>) result).size() <= 1));
        });
        calls.put("resources().countByStatus", r -> {
            Hostile<ResourceQuery> query = query(r);
            return HostileCall.reading("countByStatus(" + query + ")", s -> s.resources().countByStatus(query.value()),
                    Outcome.returns("counts", result -> ((Map<?, ?>) result).values().stream()
                            .allMatch(count -> (Long) count <= 1)));
        });
        calls.put("resources().changesSince", r -> {
            HostileRecords.Plan plan = r.arguments(2);
            Hostile<Long> position = plan.argument(0, () -> r.values().longValue(-1, 0, 1, Long.MAX_VALUE),
                    Hostile.of(0L, "0"));
            Hostile<Integer> limit = plan.argument(1, () -> r.values().integer(-1, 0, 1, 1000, 1001), Hostile.of(10, "10"));
            return HostileCall.reading("changesSince(" + position + ", " + limit + ")",
                    s -> s.resources().changesSince(position.value(), limit.value()),
                    Outcome.returns("at most the seeded change", result -> ((List<?>) result).size() <= 1));
        });
        // Positions of 0 and below only: a valid call then finds the seeded change and answers at once.
        calls.put("resources().awaitChanges", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<Long> position = plan.argument(0, () -> {
                long value = r.values().oneOf(-1L, 0L, Long.MIN_VALUE);
                return Hostile.of(value, "long " + value);
            }, Hostile.of(0L, "0"));
            Hostile<Integer> limit = plan.argument(1, () -> r.values().integer(-1, 0, 1, 1000, 1001), Hostile.of(10, "10"));
            Hostile<java.time.Duration> timeout = plan.argument(2, r.values()::duration,
                    Hostile.of(java.time.Duration.ofSeconds(1), "1 second"));
            return HostileCall.reading("awaitChanges(" + position + ", " + limit + ", " + timeout + ")",
                    s -> s.resources().awaitChanges(position.value(), limit.value(), timeout.value()),
                    Outcome.returns("the seeded change", result -> ((List<?>) result).size() == 1));
        });
        calls.put("LegacyJsonImport.run", HostileResourceCalls::legacyImport);
        calls.put("LegacyJsonImport.run with statuses", HostileResourceCalls::legacyImportWithStatuses);
        return calls;
    }

    /**
     * The import with hostile paths and mapping. A valid call gets a new, empty directory, so it
     * finds nothing to import and writes nothing.
     */
    private static HostileCall legacyImport(HostileRecords r) {
        Path empty = emptyDirectory();
        HostileRecords.Plan plan = r.arguments(3);
        Hostile<Path> directory = plan.argument(0, () -> r.values().oneOf(Hostile.<Path>of(null, "null directory"),
                Hostile.of(empty.resolve("missing"), "missing directory"),
                Hostile.of(empty.resolve("missing.json"), "missing file")), Hostile.of(empty, "empty directory"));
        Hostile<Path> archive = plan.argument(1, () -> r.values().oneOf(Hostile.<Path>of(null, "null archive"),
                Hostile.of(empty, "the directory itself")), Hostile.of(empty.resolveSibling("archive"), "an archive"));
        Hostile<LegacyJsonImport.Mapping> mapping = plan.argument(2, () -> Hostile.of(null, "null mapping"),
                Hostile.of((name, json) -> NewResource.of(KIND, name), "a mapping"));
        Outcome expected;
        if (directory.value() == null) {
            expected = Outcome.rejected("directory");
        } else if (archive.value() == null) {
            expected = Outcome.rejected("archive");
        } else if (mapping.value() == null) {
            expected = Outcome.rejected("mapping");
        } else if (!java.nio.file.Files.isDirectory(directory.value())) {
            expected = Outcome.rejected("directory");
        } else if (archive.value().equals(directory.value())) {
            expected = Outcome.rejected("archive");
        } else {
            expected = Outcome.returns("nothing imported", result -> ((List<?>) result).isEmpty());
        }
        return HostileCall.unvalidated("LegacyJsonImport.run(" + directory + ", " + archive + ", " + mapping + ")",
                s -> LegacyJsonImport.run(s, directory.value(), archive.value(), mapping.value()), expected);
    }

    /** The import reading statuses: a null status mapping is refused after every other argument. */
    private static HostileCall legacyImportWithStatuses(HostileRecords r) {
        Path empty = emptyDirectory();
        HostileRecords.Plan plan = r.arguments(2);
        Hostile<Path> directory = plan.argument(0, () -> Hostile.of(null, "null directory"),
                Hostile.of(empty, "empty directory"));
        Hostile<LegacyJsonImport.StatusMapping> statuses = plan.argument(1, () -> Hostile.of(null, "null statuses"),
                Hostile.of((name, json) -> STATUS, "a status mapping"));
        Outcome expected = directory.value() == null ? Outcome.rejected("directory")
                : statuses.value() == null ? Outcome.rejected("statuses")
                : Outcome.returns("nothing imported", result -> ((List<?>) result).isEmpty());
        return HostileCall.unvalidated("LegacyJsonImport.run(" + directory + ", " + statuses + ")",
                s -> LegacyJsonImport.run(s, directory.value(), empty.resolveSibling("archive"),
                        (name, json) -> NewResource.of(KIND, name), statuses.value()), expected);
    }

    private static Path emptyDirectory() {
        try {
            Path directory = java.nio.file.Files.createTempDirectory("opstate-hostile-import");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Hostile<ResourceKind> kind(HostileRecords r) {
        if (r.values().chance(3)) {
            return Hostile.of(null, "null kind");
        }
        HostileRecords.Plan plan = r.arguments(4);
        ResourceKind kind = new ResourceKind(
                plan.field(0, "name", r.values()::name, KIND),
                plan.field(1, "initialStatus", r.values()::name, STATUS),
                plan.field(2, "statuses", r.values()::names, Set.of(STATUS)),
                plan.field(3, "labelValues", () -> labelValues(r), Map.of()));
        return Hostile.of(kind, "kind(" + plan.label() + ")");
    }

    private static NewResource newResource(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(5);
        return new NewResource(
                plan.field(0, "kind", r.values()::name, KIND),
                plan.field(1, "name", r.values()::name, "fresh"),
                plan.field(2, "owner", r.values()::name, null),
                plan.field(3, "spec", r::jsonObject, null),
                plan.field(4, "labels", () -> labels(r), Map.of()));
    }

    private static Hostile<ResourceQuery> query(HostileRecords r) {
        if (r.values().chance(5)) {
            return Hostile.of(null, "null query");
        }
        HostileRecords.Plan plan = r.arguments(4);
        ResourceQuery query = new ResourceQuery(
                plan.field(0, "kind", r.values()::name, KIND),
                plan.field(1, "statuses", r.values()::names, Set.of()),
                plan.field(2, "labels", () -> labels(r), Map.of()),
                plan.field(3, "owner", r.values()::name, null));
        return Hostile.of(query, "query(" + plan.label() + ")");
    }

    /** Labels: null, empty, one hostile key or value, a null key, or one more than the limit. */
    static Hostile<Map<String, String>> labels(HostileRecords r) {
        switch (r.values().random().nextInt(5)) {
            case 0:
                return Hostile.of(null, "null labels");
            case 1: {
                Hostile<String> key = r.values().name();
                Map<String, String> labels = new HashMap<>();
                labels.put(key.value(), "v");
                return Hostile.of(labels, "{" + key.label() + ": v}");
            }
            case 2: {
                Hostile<String> value = r.values().name();
                Map<String, String> labels = new HashMap<>();
                labels.put("model_id", value.value());
                return Hostile.of(labels, "{model_id: " + value.label() + "}");
            }
            case 3: {
                Map<String, String> labels = new HashMap<>();
                int count = r.values().oneOf(63, 64, 65);
                for (int i = 0; i < count; i++) {
                    labels.put("k" + i, "v");
                }
                return Hostile.of(labels, count + " labels");
            }
            default:
                return Hostile.of(Map.of(), "no labels");
        }
    }

    /** Restricted label values: empty, a hostile key, a hostile set of values, or a null set. */
    private static Hostile<Map<String, Set<String>>> labelValues(HostileRecords r) {
        switch (r.values().random().nextInt(4)) {
            case 0:
                return Hostile.of(null, "null label values");
            case 1: {
                Hostile<String> key = r.values().name();
                Map<String, Set<String>> values = new HashMap<>();
                values.put(key.value(), Set.of("v"));
                return Hostile.of(values, "{" + key.label() + ": {v}}");
            }
            case 2: {
                Hostile<Set<String>> values = r.values().names();
                Map<String, Set<String>> labels = new HashMap<>();
                labels.put("backend_type", values.value());
                return Hostile.of(labels, "{backend_type: " + values.label() + "}");
            }
            default:
                return Hostile.of(Map.of(), "no restricted labels");
        }
    }
}
