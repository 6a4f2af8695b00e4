/**
 * How the PostgreSQL backend opens its pool and schema, and its SQL dialect. Not an API; hosts
 * use {@link io.opstate.Persistence} with a {@code jdbc:postgresql:} URL.
 */
package io.opstate.postgres.internal;
