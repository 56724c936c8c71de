package io.github.tapbitrix24.discover;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which webhook scopes enable a stream's scope (bitrix24-api.md §4.4; D:api-reference/user/user-scope.md):
 * {@code user.get} answers with {@code user}, {@code user_basic} or {@code user_brief} (the
 * narrower two return fewer fields); everything else needs its own scope.
 */
final class Scopes {
    private static final Map<String, List<String>> ALTERNATIVES = Map.of(
            "user", List.of("user", "user_basic", "user_brief"),
            "department", List.of("department", "departments"),
            // D:api-reference/scopes/permissions.md names it "sonet_group, socialnetwork"; the method pages say "sonet"
            "sonet_group", List.of("sonet_group", "socialnetwork", "sonet"));

    private final Set<String> granted;

    Scopes(Collection<String> granted) {
        this.granted = granted.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    boolean enables(String streamScope) {
        for (String s : ALTERNATIVES.getOrDefault(streamScope, List.of(streamScope))) {
            if (granted.contains(s)) {
                return true;
            }
        }
        return false;
    }

    Set<String> granted() {
        return granted;
    }
}
