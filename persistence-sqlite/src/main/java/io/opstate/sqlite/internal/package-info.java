/**
 * How the SQLite backend opens its file, connections and schema. Not an API; hosts use
 * {@link io.opstate.Persistence} with a {@code jdbc:sqlite:} URL.
 */
package io.opstate.sqlite.internal;
