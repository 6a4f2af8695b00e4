package io.opstate.resources;

import io.opstate.InvalidInputException;

/**
 * A file of a {@link LegacyJsonImport} could not be imported: unreadable, refused by the host's
 * mapping, or its resource refused by the store. Names the file ({@link #field()}) and the
 * problem; nothing was written and every file is where it was.
 */
public class ImportFileException extends InvalidInputException {
    public ImportFileException(String fileName, String problem, Throwable cause) {
        super(fileName, problem, cause);
    }
}
