package io.github.tapbitrix24.cli;

public final class TapCommand {
    public static void main(String[] args) {
        System.err.println("tap-bitrix24: not built yet");
        System.exit(1);
    }
}
