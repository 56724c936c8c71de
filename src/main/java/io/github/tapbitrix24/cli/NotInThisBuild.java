package io.github.tapbitrix24.cli;

/**
 * Placeholder for a mode whose package is built in parallel (discover, sync, demo); replaced by
 * the real mode class when those branches are merged. Says so plainly and exits 2.
 */
final class NotInThisBuild implements Mode {
    private final String flag;

    NotInThisBuild(String flag) {
        this.flag = flag;
    }

    @Override
    public int run() {
        throw new UsageError(flag + " is not available in this build");
    }
}
