package io.opstate.jdbc.internal.preferences;

import io.opstate.DuplicateKeyException;
import io.opstate.NotFoundException;
import io.opstate.Page;
import io.opstate.PageRequest;
import io.opstate.StaleVersionException;
import io.opstate.jdbc.internal.ErrorContext;
import io.opstate.jdbc.internal.Filter;
import io.opstate.jdbc.internal.JdbcContext;
import io.opstate.jdbc.internal.Keyset;
import io.opstate.jdbc.internal.Rows;
import io.opstate.jdbc.internal.StoreTime;
import io.opstate.preferences.Preference;
import io.opstate.preferences.PreferenceRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The shared SQL implementation of {@link PreferenceRepository}, keyed by (owner, key); a
 * preference of no one has the empty owner. Every save is one statement. Thread-safe.
 */
public final class JdbcPreferenceRepository implements PreferenceRepository {
    private static final String RETURNING = " RETURNING " + PreferenceMapper.COLUMNS;
    private static final String SELECT = "SELECT " + PreferenceMapper.COLUMNS + " FROM opstate_preferences";
    private static final Keyset<Preference> KEYSET =
            new Keyset<>("created_at", "pref_key", false, Preference::createdAt, Preference::key);

    private final JdbcContext context;
    private final PreferenceMapper mapper;
    private final String upsert;
    private final String insertIfAbsent;
    private final String update;
    private final String importRow;

    public JdbcPreferenceRepository(JdbcContext context) {
        this.context = context;
        this.mapper = new PreferenceMapper(context.dialect());
        String insert = "INSERT INTO opstate_preferences (" + PreferenceMapper.COLUMNS + ") VALUES (:owner, :key, "
                + context.json("document") + ", 1, <now>, <now>)";
        // A concurrent save of the same key waits for the row and then updates it.
        this.upsert = insert + " ON CONFLICT (owner, pref_key) DO UPDATE SET document = excluded.document,"
                + " version = opstate_preferences.version + 1, updated_at = excluded.updated_at" + RETURNING;
        // DO NOTHING rather than a failing insert, so a taken key leaves an enclosing transaction usable.
        this.insertIfAbsent = insert + " ON CONFLICT (owner, pref_key) DO NOTHING" + RETURNING;
        this.importRow = "INSERT INTO opstate_preferences (" + PreferenceMapper.COLUMNS + ") VALUES (:owner, :key, "
                + context.json("document") + ", :version, :createdAt, :updatedAt)";
        this.update = "UPDATE opstate_preferences SET document = " + context.json("document")
                + ", version = version + 1, updated_at = <now>"
                + " WHERE owner = :owner AND pref_key = :key AND version = :expectedVersion" + RETURNING;
    }

    @Override
    public Optional<Preference> find(String owner, String key) {
        return context.database().read(ErrorContext.NONE, handle -> find(handle, owner, key));
    }

    @Override
    public Preference get(String owner, String key) {
        return find(owner, key).orElseThrow(() -> new NotFoundException("preference", key));
    }

    @Override
    public Preference save(String owner, String key, String document) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("preference", key), handle ->
                bind(now.bind(handle.createQuery(upsert)), owner, key, document).map(mapper).one());
    }

    @Override
    public Preference save(String owner, String key, String document, long expectedVersion) {
        StoreTime.Stamp now = context.now();
        return context.database().write(ErrorContext.of("preference", key), handle -> {
            if (expectedVersion == 0) {
                return bind(now.bind(handle.createQuery(insertIfAbsent)), owner, key, document).map(mapper).findOne()
                        .orElseThrow(() -> new StaleVersionException("preference", key, 0));
            }
            return Rows.atMostOne(bind(now.bind(handle.createQuery(update)), owner, key, document)
                            .bind("expectedVersion", expectedVersion).map(mapper).list(), "preference update")
                    .orElseThrow(() -> Rows.versionMismatch(find(handle, owner, key).isPresent(), "preference", key,
                            expectedVersion));
        });
    }

    @Override
    public boolean delete(String owner, String key) {
        return context.database().write(ErrorContext.NONE, handle -> handle
                .createUpdate("DELETE FROM opstate_preferences WHERE owner = :owner AND pref_key = :key")
                .bind("owner", PreferenceMapper.stored(owner)).bind("key", key).execute()) > 0;
    }

    @Override
    public Page<Preference> list(String owner, PageRequest page) {
        Filter filter = new Filter().equalTo("owner", PreferenceMapper.stored(owner));
        return context.database().readPlain(ErrorContext.NONE,
                connection -> KEYSET.page(context, connection, SELECT, filter, page, mapper));
    }

    /**
     * Writes preferences as they were ({@link io.opstate.imports.RecordImport#importPreferences}) in
     * one write: all of them, or none. Records arrive checked and normalised.
     */
    public List<Preference> importAll(List<Preference> batch) {
        return context.database().write(ErrorContext.NONE, handle -> {
            for (Preference preference : batch) {
                if (find(handle, preference.owner(), preference.key()).isPresent()) {
                    throw new DuplicateKeyException("preference", preference.key());
                }
                handle.createUpdate(importRow)
                        .bind("owner", PreferenceMapper.stored(preference.owner()))
                        .bind("key", preference.key())
                        .bind("document", preference.document())
                        .bind("version", preference.version())
                        .bind("createdAt", preference.createdAt())
                        .bind("updatedAt", preference.updatedAt())
                        .execute();
            }
            return batch;
        });
    }

    /** Every owner that has a preference, null for those of no one; for exports, which list owner by owner. */
    public List<String> owners() {
        return context.database().read(ErrorContext.NONE, handle -> handle
                .createQuery("SELECT DISTINCT owner FROM opstate_preferences")
                .map((row, ctx) -> {
                    String owner = row.getString("owner");
                    return owner.equals(PreferenceMapper.NO_OWNER) ? null : owner;
                })
                .list());
    }

    private static Query bind(Query query, String owner, String key, String document) {
        return query.bind("owner", PreferenceMapper.stored(owner)).bind("key", key).bind("document", document);
    }

    private Optional<Preference> find(Handle handle, String owner, String key) {
        return handle.createQuery(SELECT + " WHERE owner = :owner AND pref_key = :key")
                .bind("owner", PreferenceMapper.stored(owner)).bind("key", key).map(mapper).findOne();
    }
}
