package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rows that belong to a deal or lead: stage history (native ints; D:api-reference/crm/crm-stage-history-list.md),
 * timeline comments (strings, {@code FILES} as a keyed object or PHP {@code []};
 * D:api-reference/crm/timeline/comments/crm-timeline-comment-list.md) and product rows in the
 * crm.item.productrow.list form (D:api-reference/crm/universal/product-rows/crm-item-productrow-list.md).
 */
public final class ChildRows {
    static final long HISTORY = 800;
    static final long COMMENT = 900;
    static final long PRODUCT_ROW = 1000;

    static final EntitySchema DEAL_HISTORY = new EntitySchema("deal_stage_history", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("TYPE_ID", "integer"), FieldDef.std("OWNER_ID", "integer"),
            FieldDef.std("CREATED_TIME", "datetime"), FieldDef.std("CATEGORY_ID", "integer"),
            FieldDef.std("STAGE_SEMANTIC_ID", "string"), FieldDef.std("STAGE_ID", "string")));
    static final EntitySchema LEAD_HISTORY = new EntitySchema("lead_stage_history", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("TYPE_ID", "integer"), FieldDef.std("OWNER_ID", "integer"),
            FieldDef.std("CREATED_TIME", "datetime"), FieldDef.std("STATUS_SEMANTIC_ID", "string"),
            FieldDef.std("STATUS_ID", "string")));
    static final EntitySchema COMMENTS = new EntitySchema("deal_comments", List.of(
            FieldDef.std("ID", "integer"), FieldDef.std("ENTITY_ID", "integer"), FieldDef.std("ENTITY_TYPE", "string"),
            FieldDef.std("CREATED", "datetime"), FieldDef.std("COMMENT", "string"), FieldDef.std("AUTHOR_ID", "user"),
            FieldDef.std("FILES", "object")));
    static final EntitySchema PRODUCT_ROWS = new EntitySchema("deal_product_rows", List.of(
            plain("id", "integer"), plain("ownerId", "integer"), plain("ownerType", "string"),
            plain("productId", "integer"), plain("productName", "string"), plain("price", "double"),
            plain("priceAccount", "double"), plain("priceExclusive", "double"), plain("priceNetto", "double"),
            plain("priceBrutto", "double"), plain("quantity", "double"), plain("discountTypeId", "integer"),
            plain("discountRate", "double"), plain("discountSum", "double"), plain("taxRate", "double"),
            plain("taxIncluded", "char"), plain("taxName", "string"), plain("customized", "char"), plain("measureCode", "integer"),
            plain("measureName", "string"), plain("sort", "integer"), plain("xmlId", "string"),
            plain("type", "integer"), plain("storeId", "integer")));

    private final PortalData d;

    ChildRows(PortalData d) {
        this.d = d;
    }

    static FieldDef plain(String code, String type) {
        return FieldDef.std(code, type).withItemName(code);
    }

    /** Position of row {@code idx} among its owner's rows (children are stored in owner order). */
    private static int position(Table t, int idx) {
        int k = 0;
        int owner = t.owner(idx);
        while (idx - k - 1 >= 0 && t.owner(idx - k - 1) == owner) {
            k++;
        }
        return k;
    }

    ObjectNode dealHistory(Table t, int idx) {
        long owner = t.owner(idx);
        int cat = d.dealCategory(owner);
        return history(t, idx, Stages.DEAL.get(cat), d.dealPath(owner), cat, "STAGE");
    }

    /** A smart process's history: the deal row shape (D:api-reference/crm/crm-stage-history-list.md). */
    ObjectNode spaHistory(Table t, int idx, int entityTypeId) {
        long owner = t.owner(idx);
        int cat = d.spaCategory(entityTypeId, owner);
        return history(t, idx, Stages.spa(entityTypeId, cat), d.spaPath(entityTypeId, owner), cat, "STAGE");
    }

    ObjectNode leadHistory(Table t, int idx) {
        return history(t, idx, Stages.LEAD, d.leadPath(t.owner(idx)), null, "STATUS");
    }

    /**
     * One stage-history row: the k-th row of an owner records the k-th stage of its path (the last
     * stage once the path is used up).
     *
     * @param category   CATEGORY_ID, or null for leads (which have no funnels)
     * @param stageField {@code STAGE} ({@code STAGE_ID}, {@code STAGE_SEMANTIC_ID}) or {@code STATUS} for leads
     */
    private ObjectNode history(Table t, int idx, List<Stages.Stage> stages, int[] path, Integer category,
                               String stageField) {
        int k = position(t, idx);
        Stages.Stage s = stages.get(path[Math.min(k, path.length - 1)]);
        ObjectNode o = Json.object();
        o.put("ID", Table.id(idx));
        o.put("TYPE_ID", Stages.historyType(k, s));
        o.put("OWNER_ID", (long) t.owner(idx));
        o.put("CREATED_TIME", d.fmt.dateTime(t.created(idx)));
        if (category != null) {
            o.put("CATEGORY_ID", category.intValue());
        }
        o.put(stageField + "_SEMANTIC_ID", s.semantic());
        o.put(stageField + "_ID", s.id());
        return o;
    }

    ObjectNode comment(Table t, int idx) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(COMMENT, id);
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(id));
        o.put("ENTITY_ID", Integer.toString(t.owner(idx)));
        o.put("ENTITY_TYPE", "deal");
        o.put("CREATED", d.fmt.dateTime(t.created(idx)));
        o.put("COMMENT", Fmt.pick(r, new String[]{"Client asked for a discount", "Sent the contract",
            "Waiting for payment", "Call scheduled", "Need approval from [USER=1]Admin[/USER]"}) + " (" + id + ")");
        o.put("AUTHOR_ID", Integer.toString(1 + r.nextInt(Math.max(1, d.options.userCount()))));
        if (r.nextInt(4) == 0) {
            ObjectNode files = o.putObject("FILES");
            ObjectNode f = files.putObject("1");
            f.put("id", 70_000 + id);
            f.put("date", d.fmt.dateTime(t.created(idx)));
            f.put("type", "image");
            f.put("name", "photo" + id + ".jpg");
            f.put("size", 1000 + r.nextInt(90_000));
            f.put("urlDownload", "https://portal.example/bitrix/tools/disk/download.php?fileId=" + (70_000 + id));
        } else {
            o.set("FILES", Json.array()); // an empty PHP array (bitrix24-api.md §6.11)
        }
        return o;
    }

    ObjectNode productRow(Table t, int idx) {
        return productRow(t, idx, "D");
    }

    /** A product row of an owner of type {@code ownerType} (D, L, Q, SI, T{hex}). */
    ObjectNode productRow(Table t, int idx, String ownerType) {
        long id = Table.id(idx);
        SplittableRandom r = d.fmt.rnd(PRODUCT_ROW, id);
        int products = Math.max(1, d.options.productCount());
        int productId = 1 + r.nextInt(products);
        double brutto = 10 + r.nextInt(200_000) / 100.0;
        double rate = r.nextInt(3) == 0 ? 10 : 0;
        double price = round(brutto * (1 - rate / 100));
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("ownerId", t.owner(idx));
        o.put("ownerType", ownerType);
        o.put("productId", productId);
        o.put("productName", "Product #" + productId);
        o.put("price", price);
        o.put("priceAccount", price);
        o.put("priceExclusive", price);
        o.put("priceNetto", brutto);
        o.put("priceBrutto", brutto);
        o.put("quantity", 1 + r.nextInt(5));
        o.put("discountTypeId", 2);
        o.put("discountRate", rate);
        o.put("discountSum", round(brutto - price));
        boolean untaxed = r.nextBoolean();
        if (untaxed) {
            o.putNull("taxRate");
        } else {
            o.put("taxRate", 20);
        }
        o.put("taxIncluded", "Y");
        // the docs' example response names the tax (D:api-reference/crm/universal/product-rows/crm-item-productrow-list.md)
        o.put("taxName", untaxed ? "No VAT" : "VAT 20");
        o.put("customized", "Y");
        o.put("measureCode", 796);
        o.put("measureName", "pcs");
        o.put("sort", 10 * (position(t, idx) + 1));
        o.put("xmlId", "");
        o.put("type", 1);
        o.put("storeId", 0);
        return o;
    }

    /** crm.deal.productrows.get shape: mixed types (D:api-reference/crm/deals/crm-deal-productrows-get.md). */
    public static ObjectNode legacyProductRow(ObjectNode row) {
        ObjectNode o = Json.object();
        o.put("ID", Long.toString(row.get("id").asLong()));
        o.put("OWNER_ID", Long.toString(row.get("ownerId").asLong()));
        o.put("OWNER_TYPE", "D");
        o.set("PRODUCT_ID", row.get("productId"));
        o.set("PRODUCT_NAME", row.get("productName"));
        o.set("ORIGINAL_PRODUCT_NAME", row.get("productName"));
        o.putNull("PRODUCT_DESCRIPTION");
        o.set("PRICE", row.get("price"));
        o.set("PRICE_EXCLUSIVE", row.get("priceExclusive"));
        o.set("PRICE_NETTO", row.get("priceNetto"));
        o.set("PRICE_BRUTTO", row.get("priceBrutto"));
        o.put("PRICE_ACCOUNT", Fmt.money(row.get("priceAccount").asDouble()));
        o.set("QUANTITY", row.get("quantity"));
        o.set("DISCOUNT_TYPE_ID", row.get("discountTypeId"));
        o.set("DISCOUNT_RATE", row.get("discountRate"));
        o.set("DISCOUNT_SUM", row.get("discountSum"));
        o.set("TAX_RATE", row.get("taxRate"));
        o.set("TAX_INCLUDED", row.get("taxIncluded"));
        o.set("CUSTOMIZED", row.get("customized"));
        o.set("MEASURE_CODE", row.get("measureCode"));
        o.set("MEASURE_NAME", row.get("measureName"));
        o.set("SORT", row.get("sort"));
        o.set("TYPE", row.get("type"));
        o.set("STORE_ID", row.get("storeId"));
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
