package io.github.tapbitrix24.extract.paging;

import java.util.Locale;

/**
 * The server's spelling of a field code in tasks.task.list rows: lower case, each {@code _} dropped
 * and the letter after it upper-cased ({@code CHANGED_DATE} → {@code changedDate}, {@code UF_CRM_TASK}
 * → {@code ufCrmTask}, {@code UF_AUTO_499889542776} → {@code ufAuto499889542776}); the docs list the
 * system fields so (D:api-reference/tasks/fields.md: "returned in camelCase: ufCrmTask, ...").
 */
final class CamelCase {
    private CamelCase() {
    }

    static String of(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        boolean up = false;
        for (char c : code.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = sb.length() > 0;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }
}
