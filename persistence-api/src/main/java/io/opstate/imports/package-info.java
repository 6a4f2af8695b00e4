/** Bringing existing records into a store as they were: {@link io.opstate.imports.RecordImport}. */
package io.opstate.imports;
