package io.opstate;

/**
 * A setting's value as text, read from a source, before it is parsed.
 *
 * @param origin the name it was found under, as the source spells it ({@code opstate.pool.max-size},
 *     {@code MYAPP_DB_MAX_OPEN_CONNECTIONS}); errors about the value name it
 */
record Assignment(Setting<?> setting, String origin, String text) {
}
