package io.opstate.tck;

import static io.opstate.tck.HostileSeed.CONSTRUCT;

import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Every public entry point of the artifact repository, with hostile arguments. The seeded store has no artifact. */
final class HostileArtifactCalls {
    /** What every generated put streams. */
    private static final byte[] CONTENT = {'h', 'i'};
    private static final Hostile<PageRequest> FIRST_PAGE = Hostile.of(PageRequest.first(), "first page");

    private HostileArtifactCalls() {
    }

    static Map<String, Function<HostileRecords, HostileCall>> all() {
        Map<String, Function<HostileRecords, HostileCall>> calls = new LinkedHashMap<>();
        calls.put("artifacts().put", HostileArtifactCalls::put);
        HostileCommonCalls.addKeyed(calls, "artifacts()", id -> false, (s, id) -> s.artifacts().find(id),
                (s, id) -> s.artifacts().get(id), (s, id) -> s.artifacts().delete(id));
        calls.put("artifacts().find(construct, type, name)", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> construct = plan.argument(0, r.values()::name, Hostile.of(CONSTRUCT, "seeded construct"));
            Hostile<String> type = plan.argument(1, r.values()::name, Hostile.of("log", "a type"));
            Hostile<String> name = plan.argument(2, () -> fileName(r), Hostile.of("a.log", "a name"));
            return HostileCall.reading("find(" + construct + ", " + type + ", " + name + ")",
                    s -> s.artifacts().find(construct.value(), type.value(), name.value()),
                    Outcome.returns("empty", found -> ((java.util.Optional<?>) found).isEmpty()));
        });
        calls.put("artifacts().open(id, offset, length)", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> id = plan.argument(0, r.values()::name, Hostile.of("nope", "unknown id"));
            Hostile<Long> offset = plan.argument(1, () -> r.values().longValue(-1, 0, Long.MAX_VALUE), Hostile.of(0L, "0"));
            Hostile<Long> length = plan.argument(2, () -> r.values().longValue(-1, 0, Long.MAX_VALUE), Hostile.of(10L, "10"));
            return HostileCall.reading("open(" + id + ", " + offset + ", " + length + ")",
                    s -> s.artifacts().open(id.value(), offset.value(), length.value()),
                    Outcome.fails(NotFoundException.class));
        });
        calls.put("artifacts().list", r -> {
            HostileRecords.Plan plan = r.arguments(3);
            Hostile<String> construct = plan.argument(0, r.values()::name, Hostile.of(CONSTRUCT, "seeded construct"));
            Hostile<String> type = plan.argument(1, r.values()::name, Hostile.of(null, "every type"));
            Hostile<PageRequest> page = plan.argument(2, () -> r.page(null, false), FIRST_PAGE);
            return HostileCall.reading("list(" + construct + ", " + type + ", " + page + ")",
                    s -> s.artifacts().list(construct.value(), type.value(), page.value()),
                    Outcome.returns("an empty page", result -> ((Page<?>) result).items().isEmpty()));
        });
        calls.put("artifacts().usage", r -> {
            Hostile<String> construct = r.values().name();
            return HostileCall.reading("usage(" + construct + ")", s -> s.artifacts().usage(construct.value()),
                    Outcome.returns("no usage", ArtifactUsage.NONE::equals));
        });
        calls.put("artifacts().deleteAllOf", r -> {
            Hostile<String> construct = r.values().name();
            return HostileCall.writing("deleteAllOf(" + construct + ")", s -> s.artifacts().deleteAllOf(construct.value()),
                    Outcome.returns("0", Long.valueOf(0)::equals));
        });
        return calls;
    }

    private static HostileCall put(HostileRecords r) {
        HostileRecords.Plan plan = r.arguments(7);
        NewArtifact artifact = new NewArtifact(
                plan.field(0, "id", r.values()::name, null),
                plan.field(1, "constructId", r.values()::name, CONSTRUCT),
                plan.field(2, "type", r.values()::name, "log"),
                plan.field(3, "name", () -> fileName(r), "a.log"),
                plan.field(4, "contentType", () -> contentType(r), "text/plain"),
                plan.field(5, "metadata", r::json, null),
                plan.field(6, "declaredSize", () -> r.values().longValue(-1, 0, CONTENT.length), null));
        Outcome ifValid;
        if (artifact.declaredSize() != null && artifact.declaredSize() != CONTENT.length) {
            ifValid = HostileSeed.CONSTRUCT.equals(artifact.constructId()) || HostileSeed.OTHER_CONSTRUCT
                    .equals(artifact.constructId()) ? Outcome.rejected("declaredSize") : Outcome.fails(NotFoundException.class);
        } else if (CONSTRUCT.equals(artifact.constructId()) || HostileSeed.OTHER_CONSTRUCT.equals(artifact.constructId())) {
            ifValid = Outcome.returns("the artifact", Objects::nonNull);
        } else {
            ifValid = Outcome.fails(NotFoundException.class);
        }
        return HostileCall.writing("put(" + plan.label() + ")",
                s -> s.artifacts().put(artifact, new ByteArrayInputStream(CONTENT)), ifValid);
    }

    /** A file name: valid, generic hostile text, or one aimed at paths and devices. */
    private static Hostile<String> fileName(HostileRecords r) {
        if (r.values().chance(50)) {
            return r.values().name();
        }
        return Hostile.of(r.values().oneOf("../../etc/passwd", "a/b", "a\\b", "..", ".", "CON", "com1.log", "nul",
                "/abs", "C:\\x", "x".repeat(256), "x".repeat(255)), "path-like name");
    }

    private static Hostile<String> contentType(HostileRecords r) {
        if (r.values().chance(50)) {
            return r.values().name();
        }
        return Hostile.of(r.values().oneOf("text/plain", "application/json", "text", "/", "text/plain; charset=utf-8",
                "a".repeat(256) + "/b", "text/plain\r\nX: y"), "content-type-like text");
    }
}
