package io.github.tapbitrix24.config;

import java.util.List;

/** The configuration cannot be used; {@link #problems()} lists every reason, one user-readable line each. */
public class ConfigException extends Exception {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
