/**
 * Copying a whole store from one SQL backend to another: {@link io.opstate.jdbc.copy.StoreCopier}
 * streams every OpState table of an open store into an open, empty one and verifies the row
 * counts; the {@code opstate copy} command of the {@code opstate-cli} tool runs it. For tools,
 * not for hosts' everyday use.
 */
package io.opstate.jdbc.copy;
