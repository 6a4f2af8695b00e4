package io.opstate.core.artifacts;

import io.opstate.InvalidInputException;
import io.opstate.artifacts.ArtifactRepository;
import io.opstate.core.TextChecks;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for artifact names and content types. A name is never used as a path here (blobs are
 * named by hash), but hosts export artifacts under their names, so a name must be safe as one file
 * name on any system: no separators, no {@code ..}, no device names. Stateless and thread-safe.
 */
public final class ArtifactChecks {
    /** Windows device names, reserved with any extension and in any case ({@code con.txt} too). */
    private static final Set<String> DEVICE_NAMES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    /** type "/" subtype, then parameters: what a Content-Type header holds. */
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\\s*;.*)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> TEXT_APPLICATION_TYPES = Set.of("application/json", "application/xml",
            "application/yaml", "application/x-yaml", "application/x-ndjson", "application/ndjson",
            "application/javascript", "application/x-sh", "application/sql", "application/csv");

    private ArtifactChecks() {
    }

    /** An artifact name, as {@link io.opstate.artifacts.NewArtifact#name()} states the rules; refusals name {@code field}. */
    public static String name(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length > ArtifactRepository.MAX_NAME_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + ArtifactRepository.MAX_NAME_LENGTH
                    + " characters, got " + length);
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw new InvalidInputException(field, "must not contain a path separator ('/' or '\\')");
        }
        if (value.contains("..")) {
            throw new InvalidInputException(field, "must not contain '..'");
        }
        if (value.equals(".")) {
            throw new InvalidInputException(field, "must not be '.'");
        }
        TextChecks.text(field, value, ArtifactRepository.MAX_NAME_LENGTH);
        if (value.isBlank()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInputException(field, "must not contain control characters, found one at index " + i);
            }
        }
        int dot = value.indexOf('.');
        String stem = (dot < 0 ? value : value.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        if (DEVICE_NAMES.contains(stem)) {
            throw new InvalidInputException(field, "must not be a reserved device name (" + stem + ")");
        }
        return value;
    }

    /** A media type such as {@code text/plain; charset=utf-8}; refusals name {@code contentType}. */
    public static String contentType(String value) {
        TextChecks.text("contentType", value, ArtifactRepository.MAX_CONTENT_TYPE_LENGTH);
        if (value == null) {
            throw new InvalidInputException("contentType", "is required");
        }
        if (!CONTENT_TYPE.matcher(value).matches() || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("contentType", "must be a media type such as text/plain or"
                    + " application/octet-stream");
        }
        return value;
    }

    /** A SHA-256 as artifacts name their content: 64 lower-case hex digits; refusals name {@code field}. */
    public static String sha256(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        if (!SHA256.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be a SHA-256 as 64 lower-case hex digits, got "
                    + io.opstate.internal.UserText.quoted(value));
        }
        return value;
    }

    /** Whether content of this (valid) type is text, worth trying to compress. */
    public static boolean isText(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || TEXT_APPLICATION_TYPES.contains(type) || type.endsWith("+json")
                || type.endsWith("+xml");
    }
}
