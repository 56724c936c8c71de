package io.github.tapbitrix24.portal.http;

import io.github.tapbitrix24.portal.PortalOptions;
import java.util.concurrent.CountDownLatch;

/**
 * Serves a simulated portal until killed, for the benchmark and manual exploration:
 * {@code java -cp tap-bitrix24.jar io.github.tapbitrix24.portal.http.PortalMain [deals] [--no-limits] [--seed N]}.
 * Prints the masked webhook URL on stderr and the full one to the file named by {@code --url-file}
 * (so the secret never reaches a terminal log).
 */
public final class PortalMain {
    private PortalMain() {
    }

    public static void main(String[] args) throws Exception {
        PortalOptions o = Demo.options();
        String urlFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-limits" -> o = o.withRateLimit(false).withOperatingLimit(false);
                case "--seed" -> o = o.withSeed(Long.parseLong(args[++i]));
                case "--url-file" -> urlFile = args[++i];
                default -> o = o.withDeals(Integer.parseInt(args[i]));
            }
        }
        long t0 = System.nanoTime();
        PortalSimulator sim = PortalSimulator.start(o);
        System.err.printf("portal: %d deals ready in %d ms at %s%n", o.deals(), (System.nanoTime() - t0) / 1_000_000,
                sim.maskedWebhookUrl());
        if (urlFile != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(urlFile), sim.webhookUrl());
            System.err.println("portal: full webhook URL written to " + urlFile);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        new CountDownLatch(1).await();
    }
}
