/**
 * The shared JDBC layer for SQL backends: {@link io.opstate.jdbc.JdbcDatastore} implements every
 * repository once on Jdbi, {@link io.opstate.jdbc.SqlDialect} answers what differs between SQL
 * products, and {@link io.opstate.jdbc.SchemaMigrator} owns the schema through Flyway. Backend
 * modules (SQLite, PostgreSQL) use these; hosts never do.
 */
package io.opstate.jdbc;
