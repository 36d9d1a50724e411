package dev.wsmon.core.diagnosis;

import java.util.Objects;
import java.util.Optional;

/**
 * What a close means, for an operator.
 *
 * @param summary one or two sentences in plain words: what happened and what wsmon did about it
 * @param suggestion what to check or change, where something helps
 */
public record Diagnosis(String summary, Optional<String> suggestion) {

    public Diagnosis {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(suggestion, "suggestion");
    }
}
