/**
 * The shared SQL implementation behind {@link io.opstate.jdbc.JdbcDatastore}: where statements
 * run ({@link io.opstate.jdbc.internal.Database}), error translation, paging, and one repository
 * per aggregate in the sub-packages. Public only so that the SQL backends' modules can reach it;
 * not an API, may change in any release.
 */
package io.opstate.jdbc.internal;
