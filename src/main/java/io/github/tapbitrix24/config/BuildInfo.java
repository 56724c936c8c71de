package io.github.tapbitrix24.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Name and version of this build, from the Maven-filtered {@code tap-bitrix24.properties}. */
public final class BuildInfo {
    public static final String NAME = "tap-bitrix24";
    public static final String DESCRIPTION =
            "Singer tap for Bitrix24: CRM, organisation and telephony data through an inbound webhook";

    private BuildInfo() {
    }

    public static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/tap-bitrix24.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tap-bitrix24/0.1.0}, sent as User-Agent as the docs recommend. */
    public static String userAgent() {
        return NAME + "/" + version();
    }
}
