package io.opstate.transcripts;

/**
 * An entry to append to a transcript. Start from {@link #of(String, String)}; {@link #withData}
 * returns a copy. Validated when submitted, not here.
 *
 * @param role required, 1..200 characters, no control characters
 * @param content required text, possibly empty; no NUL and no unpaired surrogate. With
 *     {@code data}, at most {@code opstate.max-entry-bytes} in UTF-8
 * @param data JSON text, or null
 */
public record NewTranscriptEntry(String role, String content, String data) {
    /** An entry of {@code role} saying {@code content}, without data. */
    public static NewTranscriptEntry of(String role, String content) {
        return new NewTranscriptEntry(role, content, null);
    }

    /** A copy carrying {@code dataJson}. */
    public NewTranscriptEntry withData(String dataJson) {
        return new NewTranscriptEntry(role, content, dataJson);
    }
}
