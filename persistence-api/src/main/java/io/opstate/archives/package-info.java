/**
 * Export of a store, or of chosen constructs with everything that belongs to them, into one
 * portable archive file, and import of such a file into any store (memory, SQLite, PostgreSQL)
 * with a {@link io.opstate.archives.ConflictPolicy}. The format is described in
 * {@code docs/archive-format.md}. Obtain an {@link io.opstate.archives.Archives} from
 * {@link io.opstate.Datastore#archives()}.
 */
package io.opstate.archives;
