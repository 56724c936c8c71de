package io.github.tapbitrix24.extract.deletions;

import io.github.tapbitrix24.config.DeletionSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The comparison of a complete ID set with the previous one, and the rules that keep a mark from
 * meaning anything but a deletion: no previous set (the first comparison) marks nothing; more than
 * {@code max_deletion_fraction} of the previous IDs gone (a webhook user who lost rights, a
 * portal-side filter change) marks nothing until {@code confirm_mass_deletion} allows that count.
 */
final class Vanished {
    private static final Logger LOG = Logger.getLogger(Vanished.class.getName());

    enum Verdict {
        /** No previous IDs: the current ones become the baseline. */
        BASELINE,
        /** Mark {@link Decision#gone()} and keep the current IDs. */
        MARK,
        /** Too many gone and not confirmed: mark nothing, keep the previous IDs. */
        HELD_BACK
    }

    record Decision(Verdict verdict, IdSet gone) {
        String outcome(long leftSelection) {
            return switch (verdict) {
                case BASELINE -> "first check: the IDs are kept as the baseline, nothing marked";
                case HELD_BACK -> String.format(Locale.ROOT, "%,d gone, held back by max_deletion_fraction", gone.size());
                case MARK -> gone.isEmpty() ? "none deleted" : String.format(Locale.ROOT, "%,d marked deleted%s",
                        gone.size(), leftSelection == 0 ? ""
                                : String.format(Locale.ROOT, " (%,d of them left the selected funnels)", leftSelection));
            };
        }
    }

    private Vanished() {
    }

    /** @param gone the previous IDs no longer there (already verified by the caller where it can) */
    static Decision decide(String stream, Optional<IdSet> previous, IdSet gone, DeletionSettings settings) {
        if (previous.isEmpty()) {
            return new Decision(Verdict.BASELINE, IdSet.empty());
        }
        long before = previous.get().size();
        if (gone.size() > settings.maxFraction() * before && gone.size() > settings.confirmedMassDeletion()) {
            LOG.warning(() -> String.format(Locale.ROOT, "stream %s: %,d of the %,d records seen at the last deletion"
                    + " check are gone (%.1f %%, more than max_deletion_fraction %.1f %%); nothing is marked deleted."
                    + " If the webhook's user lost rights, restore them. If the records were really deleted, run once"
                    + " with confirm_mass_deletion set to %d.", stream, gone.size(), before,
                    100.0 * gone.size() / Math.max(1, before), 100 * settings.maxFraction(), gone.size()));
            return new Decision(Verdict.HELD_BACK, gone);
        }
        return new Decision(Verdict.MARK, gone);
    }
}
