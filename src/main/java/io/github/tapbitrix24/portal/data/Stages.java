package io.github.tapbitrix24.portal.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Funnels and their stages (crm.status.list DEAL_STAGE, DEAL_STAGE_1, DEAL_STAGE_2 and lead STATUS;
 * D:api-reference/crm/status/crm-status-list.md) and the deterministic path a record took through
 * them: the stage history rows and the record's current stage come from the same path, so they agree.
 */
final class Stages {
    /** A stage: status id, name, semantic P (process), S (success), F (failure). */
    record Stage(String id, String name, String semantic, String color) {
    }

    static final List<List<Stage>> DEAL = List.of(
            List.of(new Stage("NEW", "New", "P", "#39A8EF"), new Stage("PREPARATION", "Preparing documents", "P", "#2FC6F6"),
                    new Stage("PREPAYMENT_INVOICE", "Invoice", "P", "#55D0E0"), new Stage("EXECUTING", "In progress", "P", "#47E4C2"),
                    new Stage("FINAL_INVOICE", "Final invoice", "P", "#FFA900"), new Stage("WON", "Deal won", "S", "#7BD500"),
                    new Stage("LOSE", "Deal lost", "F", "#FF5752")),
            List.of(new Stage("C1:NEW", "New", "P", "#39A8EF"), new Stage("C1:PREPARATION", "Quote", "P", "#2FC6F6"),
                    new Stage("C1:EXECUTING", "Delivery", "P", "#47E4C2"), new Stage("C1:WON", "Won", "S", "#7BD500"),
                    new Stage("C1:LOSE", "Lost", "F", "#FF5752")),
            List.of(new Stage("C2:NEW", "New", "P", "#39A8EF"), new Stage("C2:UC_P4Z1XA", "Negotiation", "P", "#FFA900"),
                    new Stage("C2:WON", "Won", "S", "#7BD500"), new Stage("C2:LOSE", "Lost", "F", "#FF5752")));

    static final List<String> DEAL_CATEGORY_NAMES = List.of("General", "Wholesale", "Partners");

    static final List<Stage> LEAD = List.of(new Stage("NEW", "Unassigned", "P", "#39A8EF"),
            new Stage("IN_PROCESS", "In progress", "P", "#2FC6F6"), new Stage("PROCESSED", "Processed", "P", "#FFA900"),
            new Stage("CONVERTED", "Good lead", "S", "#7BD500"), new Stage("JUNK", "Junk lead", "F", "#FF5752"));

    private Stages() {
    }

    /** The stages of one smart-process funnel ({@code DYNAMIC_<etid>_STAGE_<cat>}, ids {@code DT<etid>_<cat>:NEW} ...). */
    static List<Stage> spa(int entityTypeId, int categoryId) {
        String p = "DT" + entityTypeId + "_" + categoryId + ":";
        return List.of(new Stage(p + "NEW", "Start", "P", "#39A8EF"), new Stage(p + "PREPARATION", "Preparation", "P", "#2FC6F6"),
                new Stage(p + "CLIENT", "Client", "P", "#FFA900"), new Stage(p + "SUCCESS", "Success", "S", "#7BD500"),
                new Stage(p + "FAIL", "Fail", "F", "#FF5752"));
    }

    /** Indexes into {@code stages} of the {@code n} steps a record took; the last is its current stage. */
    static int[] path(List<Stage> stages, int n, SplittableRandom r) {
        int[] p = new int[n];
        int process = (int) stages.stream().filter(s -> s.semantic().equals("P")).count();
        int pos = 0;
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                boolean last = k == n - 1;
                if (last && n >= 3 && r.nextInt(3) > 0) {
                    pos = process + r.nextInt(stages.size() - process); // closed: won or lost
                } else {
                    pos = Math.min(process - 1, pos + 1);
                }
            }
            p[k] = pos;
        }
        return p;
    }

    /** Stage-history TYPE_ID: 1 created, 2 intermediate stage, 3 final stage (D:api-reference/crm/crm-stage-history-list.md). */
    static int historyType(int k, Stage s) {
        if (k == 0) {
            return 1;
        }
        return s.semantic().equals("P") ? 2 : 3;
    }
}
