package dev.wsmon.app.profile;

import java.util.List;
import java.util.Objects;

/**
 * A profile that loaded, with what its reader should know about it.
 *
 * @param warnings one line each, naming the file and the field (unknown fields, ignored)
 */
public record LoadedProfile(Profile profile, List<String> warnings) {

    public LoadedProfile {
        Objects.requireNonNull(profile, "profile");
        warnings = List.copyOf(warnings);
    }
}
