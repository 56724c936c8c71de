package io.github.tapbitrix24.config;

/**
 * Which owners besides deals get a product-rows stream ({@code enable_lead_products_stream},
 * {@code enable_quote_products_stream}, {@code enable_invoice_products_stream},
 * {@code enable_spa_products_streams}); all off by default, like {@code enable_deal_products_stream}.
 *
 * @param leads    {@code lead_products}
 * @param quotes   {@code quote_products}
 * @param invoices {@code invoice_products} (smart invoices)
 * @param spa      {@code spa_products_{entityTypeId}} for every smart process with products enabled
 */
public record ProductRowStreams(boolean leads, boolean quotes, boolean invoices, boolean spa) {
    public static final ProductRowStreams NONE = new ProductRowStreams(false, false, false, false);
    public static final ProductRowStreams ALL = new ProductRowStreams(true, true, true, true);
}
