/** The in-memory backend: {@link io.opstate.memory.MemoryDatastoreProvider}, for URLs {@code memory:[name]}. */
package io.opstate.memory;
