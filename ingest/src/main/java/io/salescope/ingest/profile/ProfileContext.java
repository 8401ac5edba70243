package io.salescope.ingest.profile;

import static java.util.Objects.requireNonNull;

/**
 * Where a profile error is: the profile (its name and where it was loaded from) and, while a
 * part is bound to its source, the source's name.
 */
record ProfileContext(String profile, String source) {

    ProfileContext {
        requireNonNull(profile, "profile is null");
    }

    ProfileContext at(String sourceName) {
        return new ProfileContext(profile, sourceName);
    }

    ProfileException error(int line, String message) {
        return new ProfileException(profile + ", line " + line + ": " + message);
    }

    @Override
    public String source() {
        return source == null ? "the source" : source;
    }
}
