package io.github.tapbitrix24.portal;

import java.util.Objects;

/**
 * A dataset of the simulated portal, as one list method returns it.
 *
 * @param name         stable name, e.g. {@code deals}, {@code spa_1040}
 * @param entityTypeId CRM entity type for CRM datasets (2 deals, 3 contacts, SPA ids ...), else 0
 */
public record Dataset(String name, int entityTypeId) {
    public static final Dataset DEALS = new Dataset("deals", 2);
    public static final Dataset CONTACTS = new Dataset("contacts", 3);
    public static final Dataset COMPANIES = new Dataset("companies", 4);
    public static final Dataset LEADS = new Dataset("leads", 1);
    public static final Dataset ACTIVITIES = new Dataset("activities", 6);
    public static final Dataset PRODUCTS = new Dataset("products", 0);
    public static final Dataset USERS = new Dataset("users", 0);
    public static final Dataset DEPARTMENTS = new Dataset("departments", 0);
    public static final Dataset CALLS = new Dataset("calls", 0);
    public static final Dataset OPEN_LINES = new Dataset("open_lines", 0);
    public static final Dataset STATUSES = new Dataset("statuses", 0);
    public static final Dataset CATEGORIES = new Dataset("deal_categories", 2);
    public static final Dataset SPA_TYPES = new Dataset("spa_types", 0);
    public static final Dataset DEAL_STAGE_HISTORY = new Dataset("deal_stage_history", 2);
    public static final Dataset LEAD_STAGE_HISTORY = new Dataset("lead_stage_history", 1);
    public static final Dataset DEAL_COMMENTS = new Dataset("deal_comments", 2);
    public static final Dataset DEAL_PRODUCT_ROWS = new Dataset("deal_product_rows", 2);
    public static final Dataset DEAL_CONTACT_LINKS = new Dataset("deal_contact_links", 2);
    public static final Dataset QUOTES = new Dataset("quotes", 7);
    public static final Dataset INVOICES = new Dataset("invoices", 31);
    public static final Dataset REQUISITES = new Dataset("requisites", 8);
    public static final Dataset BANK_DETAILS = new Dataset("requisite_bank_details", 0);
    public static final Dataset ADDRESSES = new Dataset("addresses", 0);
    /** Funnels of deals, smart invoices and every smart process, as crm.category.list rows. */
    public static final Dataset ALL_CATEGORIES = new Dataset("categories", 0);
    /** crm.currency.list rows, each with its crm.currency.localizations.get answer as {@code LANG}. */
    public static final Dataset CURRENCIES = new Dataset("currencies", 0);
    /** Contact → company links: {@code CONTACT_ID}, {@code COMPANY_ID}, {@code SORT} (position in companyIds). */
    public static final Dataset CONTACT_COMPANIES = new Dataset("contact_companies", 3);
    /** Company → contact links: {@code COMPANY_ID}, {@code CONTACT_ID}, {@code SORT} (position in contactIds). */
    public static final Dataset COMPANY_CONTACTS = new Dataset("company_contacts", 4);
    public static final Dataset TASKS = new Dataset("tasks", 0);
    public static final Dataset TASK_ELAPSED_TIME = new Dataset("task_elapsed_time", 0);
    public static final Dataset WORKGROUPS = new Dataset("workgroups", 0);
    public static final Dataset WORKGROUP_MEMBERS = new Dataset("workgroup_members", 0);
    public static final Dataset TASK_STAGES = new Dataset("task_stages", 0);

    public Dataset {
        Objects.requireNonNull(name, "name");
    }

    /** Items of one smart process ({@code crm.item.list?entityTypeId=N}). */
    public static Dataset spaItems(int entityTypeId) {
        return new Dataset("spa_" + entityTypeId, entityTypeId);
    }

    /** Stage history of one smart process ({@code crm.stagehistory.list?entityTypeId=N}). */
    public static Dataset spaStageHistory(int entityTypeId) {
        return new Dataset("stage_history_" + entityTypeId, entityTypeId);
    }

    /** Product rows of one owner dataset (leads, quotes, invoices, spa_N) as crm.item.productrow.list returns them. */
    public static Dataset productRowsOf(Dataset owner) {
        return new Dataset(owner.name() + "_product_rows", owner.entityTypeId());
    }

    public boolean isSpa() {
        return name.startsWith("spa_") && !name.equals("spa_types") && !name.endsWith("_product_rows");
    }
}
