package io.opstate.core;

import io.opstate.InvalidInputException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.artifacts.Artifact;
import io.opstate.artifacts.ArtifactCheck;
import io.opstate.artifacts.ArtifactIntegrityReport;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.artifacts.ArtifactUsage;
import io.opstate.artifacts.NewArtifact;
import io.opstate.core.artifacts.ArtifactChecks;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Checks and normalises the arguments of every {@link ArtifactRepository} call, then delegates. */
final class ValidatingArtifactRepository implements ArtifactRepository {
    private static final Duration MIN_GC_AGE = Duration.ofMinutes(1);
    private static final Duration MAX_GC_AGE = Duration.ofDays(365);

    private final ArtifactRepository backend;
    private final int maxPayloadBytes;

    ValidatingArtifactRepository(ArtifactRepository backend, int maxPayloadBytes) {
        this.backend = backend;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public Artifact put(NewArtifact artifact, InputStream content) {
        Checks.required("artifact", artifact);
        String id = artifact.id() == null ? Ids.newId() : TextChecks.name("id", artifact.id());
        NewArtifact checked = new NewArtifact(
                id,
                TextChecks.name("constructId", artifact.constructId()),
                TextChecks.name("type", artifact.type()),
                ArtifactChecks.name("name", artifact.name()),
                ArtifactChecks.contentType(artifact.contentType()),
                JsonChecks.optionalObject("metadata", artifact.metadata(), maxPayloadBytes),
                Checks.notNegative("declaredSize", artifact.declaredSize()));
        Checks.required("content", content);
        return backend.put(checked, content);
    }

    @Override
    public Optional<Artifact> find(String id) {
        return KeyReads.find("id", id, backend::find);
    }

    @Override
    public Artifact get(String id) {
        return KeyReads.get("id", "artifact", id, backend::get);
    }

    @Override
    public Optional<Artifact> find(String constructId, String type, String name) {
        Checks.required("constructId", constructId);
        Checks.required("type", type);
        Checks.required("name", name);
        if (!TextChecks.isName(constructId) || !TextChecks.isName(type) || !couldName(name)) {
            return Optional.empty();
        }
        return backend.find(constructId, type, name);
    }

    @Override
    public InputStream open(String id) {
        return KeyReads.get("id", "artifact", id, backend::open);
    }

    @Override
    public InputStream open(String id, long offset, long length) {
        if (offset < 0) {
            throw new InvalidInputException("offset", "must not be negative, got " + offset);
        }
        if (length < 0) {
            throw new InvalidInputException("length", "must not be negative, got " + length);
        }
        return KeyReads.get("id", "artifact", id, known -> backend.open(known, offset, length));
    }

    @Override
    public Page<Artifact> list(String constructId, String type, PageRequest page) {
        TextChecks.name("constructId", constructId);
        TextChecks.optionalName("type", type);
        return backend.list(constructId, type, Checks.page(page, false));
    }

    @Override
    public boolean delete(String id) {
        return backend.delete(TextChecks.name("id", id));
    }

    @Override
    public long deleteAllOf(String constructId) {
        return backend.deleteAllOf(TextChecks.name("constructId", constructId));
    }

    @Override
    public ArtifactUsage usage(String constructId) {
        return backend.usage(TextChecks.name("constructId", constructId));
    }

    @Override
    public Map<String, ArtifactUsage> usageByType(String constructId) {
        return backend.usageByType(TextChecks.name("constructId", constructId));
    }

    @Override
    public ArtifactUsage totals() {
        return backend.totals();
    }

    @Override
    public long collectGarbage() {
        return backend.collectGarbage();
    }

    @Override
    public long collectGarbage(Duration minimumAge) {
        Checks.required("minimumAge", minimumAge);
        if (minimumAge.compareTo(MIN_GC_AGE) < 0 || minimumAge.compareTo(MAX_GC_AGE) > 0) {
            throw new InvalidInputException("minimumAge", "must be 1 minute..365 days, got " + minimumAge);
        }
        return backend.collectGarbage(minimumAge);
    }

    @Override
    public ArtifactIntegrityReport checkIntegrity(ArtifactCheck check) {
        Checks.required("check", check);
        Checks.range("sample", check.sample(), 0, ArtifactCheck.MAX_SAMPLE);
        return backend.checkIntegrity(check);
    }

    private static boolean couldName(String name) {
        try {
            ArtifactChecks.name("name", name);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
