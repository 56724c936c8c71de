package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.ApiError;
import io.github.tapbitrix24.portal.Dataset;
import io.github.tapbitrix24.portal.Json;
import io.github.tapbitrix24.portal.PortalClock;
import io.github.tapbitrix24.portal.PortalOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntUnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every dataset of the simulated portal, generated deterministically from the options (same seed and
 * sizes, same data), plus the mutation API tests use while a sync runs. Mutations move the
 * modification time to the portal clock's current second. All access is serialised by one lock
 * shared with the HTTP front, so a mutation never lands in the middle of a request.
 */
public final class PortalData {
    public final PortalOptions options;
    public final Fmt fmt;
    final Timeline timeline;
    final PortalClock clock;
    public final ReentrantLock lock = new ReentrantLock();

    private final CrmRows crm;
    private final ChildRows children;
    private final OrgRows org;
    private final Table deals;
    private final Table contacts;
    private final Table companies;
    private final Table leads;
    private final Table activities;
    private final Table products;
    private final Table dealHistory;
    private final Table leadHistory;
    private final Table comments;
    private final Table productRows;
    private final Table users;
    private final Table departments;
    private final Table calls;
    private final Table openLines;
    private final Table statuses;
    private final Map<Integer, Table> spa = new LinkedHashMap<>();
    private final Map<Integer, List<Integer>> spaCategories = new LinkedHashMap<>();
    private final Map<Integer, Table> spaHistory = new LinkedHashMap<>();
    private final Map<Integer, Integer> spaBaseSizes = new LinkedHashMap<>();
    private final Map<Integer, ObjectNode> spaTypes = new LinkedHashMap<>();
    private final WorkData work;
    private final Map<Long, long[]> dealContactOverrides = new ConcurrentHashMap<>();
    private final java.util.Set<String> revokedMethods = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> uncommittedHistory = new LinkedHashMap<>();
    private final int baseDeals;
    private final int baseLeads;
    /** Quotes, smart invoices, other owners' product rows, requisites, currencies, contact–company links. */
    public final CrmBreadth breadth;

    public PortalData(PortalOptions options, PortalClock clock) {
        this.options = options;
        this.clock = clock;
        this.fmt = new Fmt(options.utcOffset(), options.seed());
        this.timeline = new Timeline(clock.instant().getEpochSecond(), options.seed());
        this.crm = new CrmRows(this);
        this.children = new ChildRows(this);
        this.org = new OrgRows(this);
        this.baseDeals = options.deals();
        this.baseLeads = options.leadCount();

        deals = entity("deals", CrmSchemas.deal(), "DATE_CREATE", "DATE_MODIFY", options.deals(), CrmRows.DEAL, crm::deal);
        contacts = entity("contacts", CrmSchemas.contact(), "DATE_CREATE", "DATE_MODIFY", options.contactCount(), CrmRows.CONTACT, crm::contact);
        companies = entity("companies", CrmSchemas.company(), "DATE_CREATE", "DATE_MODIFY", options.companyCount(), CrmRows.COMPANY, crm::company);
        leads = entity("leads", CrmSchemas.lead(), "DATE_CREATE", "DATE_MODIFY", options.leadCount(), CrmRows.LEAD, crm::lead);
        products = entity("products", CrmSchemas.product(), "DATE_CREATE", "TIMESTAMP_X", options.productCount(), CrmRows.PRODUCT, crm::product);

        activities = child("activities", CrmSchemas.activity(), "CREATED", "LAST_UPDATED", "OWNER_ID", deals,
                id -> 1 + fmt.hash(31, id, 5), true, crm::activity);
        dealHistory = child("deal_stage_history", ChildRows.DEAL_HISTORY, "CREATED_TIME", null, "OWNER_ID", deals,
                id -> dealPath(id).length, false, (t, i, w) -> children.dealHistory(t, i));
        leadHistory = child("lead_stage_history", ChildRows.LEAD_HISTORY, "CREATED_TIME", null, "OWNER_ID", leads,
                id -> leadPath(id).length, false, (t, i, w) -> children.leadHistory(t, i));
        comments = child("deal_comments", ChildRows.COMMENTS, "CREATED", null, "ENTITY_ID", deals,
                this::commentCount, false, (t, i, w) -> children.comment(t, i));
        productRows = child("deal_product_rows", ChildRows.PRODUCT_ROWS, null, null, "ownerId", deals,
                id -> fmt.hash(33, id, 5), false, (t, i, w) -> children.productRow(t, i));

        int[] userCreated = timeline.created(options.userCount(), fmt, OrgRows.USER);
        users = new Table("users", OrgRows.USERS, "ID", "DATE_REGISTER", "LAST_LOGIN", null, userCreated,
                timeline.modified(userCreated, fmt, OrgRows.USER), null, (t, i, w) -> org.user(t, i));
        int[] depCreated = new int[Math.max(3, options.userCount() / 5)];
        Arrays.fill(depCreated, timeline.start);
        departments = new Table("departments", OrgRows.DEPARTMENTS, "ID", null, null, null, depCreated, null, null, (t, i, w) -> org.department(t, i));
        int[] callCreated = timeline.created(options.callCount(), fmt, OrgRows.CALL);
        calls = new Table("calls", OrgRows.CALLS, "ID", "CALL_START_DATE", null, null, callCreated, null, null, (t, i, w) -> org.call(t, i));
        int[] lineCreated = timeline.created(options.openLines(), fmt, 1300);
        openLines = new Table("open_lines", OrgRows.OPEN_LINES, "ID", "DATE_CREATE", "DATE_MODIFY", null, lineCreated,
                timeline.modified(lineCreated, fmt, 1300), null, (t, i, w) -> org.openLine(t, i));

        int typeId = 1;
        for (Map.Entry<Integer, Integer> e : options.spaTypeSizes().entrySet()) {
            int etid = e.getKey();
            int internal = typeId++;
            List<Integer> cats = etid % 2 == 0 ? List.of(internal * 2 + 1, internal * 2 + 2) : List.of(internal * 2 + 1);
            spaCategories.put(etid, cats);
            EntitySchema schema = CrmSchemas.spa(etid, internal);
            int[] created = timeline.created(e.getValue(), fmt, CrmRows.SPA + etid);
            spa.put(etid, new Table("spa_" + etid, schema, "ID", "CREATED_TIME", "UPDATED_TIME", null, created,
                    timeline.modified(created, fmt, CrmRows.SPA + etid + 1), null,
                    (t, idx, w, out) -> crm.spa(t, idx, w, etid, spaCategory(etid, Table.id(idx)), out)));
            spaBaseSizes.put(etid, e.getValue());
            spaHistory.put(etid, child("stage_history_" + etid, ChildRows.DEAL_HISTORY, "CREATED_TIME", null, "OWNER_ID",
                    spa.get(etid), id -> spaPath(etid, id).length, false, (t, i, w) -> children.spaHistory(t, i, etid)));
            ObjectNode type = Json.object();
            type.put("id", internal);
            type.put("title", new String[]{"Projects", "Shipments", "Warranty claims", "Contracts"}[(internal - 1) % 4]);
            type.put("code", "");
            type.put("entityTypeId", etid);
            type.put("customSectionId", (String) null);
            type.put("isCategoriesEnabled", cats.size() > 1 ? "Y" : "N");
            type.put("isStagesEnabled", "Y");
            type.put("isBeginCloseDatesEnabled", "Y");
            type.put("isClientEnabled", "Y");
            type.put("isUseInUserfieldEnabled", "Y");
            type.put("isLinkWithProductsEnabled", internal % 3 == 0 ? "N" : "Y"); // the third type sells nothing
            type.put("isMycompanyEnabled", "Y");
            type.put("isDocumentsEnabled", "N");
            type.put("isSourceEnabled", "Y");
            type.put("isObserversEnabled", "Y");
            type.put("isRecyclebinEnabled", "Y");
            type.put("isAutomationEnabled", "Y");
            type.put("isBizProcEnabled", "Y");
            type.put("isSetOpenPermissions", "Y");
            type.put("isPaymentsEnabled", "N");
            type.put("isCountersEnabled", "N");
            type.put("createdBy", 1);
            type.put("updatedBy", 1);
            type.put("createdTime", fmt.dateTime(timeline.start - 86_400L * internal));
            type.put("updatedTime", fmt.dateTime(timeline.start - 86_400L * internal + 3600));
            spaTypes.put(etid, type);
        }
        List<ObjectNode> statusRows = OrgRows.statuses(spaCategories);
        statuses = new Table("statuses", OrgRows.STATUSES, "ID", null, null, null, new int[statusRows.size()], null, null,
                (t, idx, w) -> statusRows.get(idx).deepCopy());
        breadth = new CrmBreadth(this, crm, children);
        work = new WorkData(this);
    }

    public WorkData work() {
        return work;
    }

    /**
     * An item type that is not a smart process but is read like one with crm.item.list (quotes 7,
     * smart invoices 31): the SPA row shape, its own funnels, no entry in crm.type.list.
     */
    Table itemType(int etid, int internal, int n, long salt, List<Integer> cats, CrmRows rows) {
        spaCategories.put(etid, cats);
        spaBaseSizes.put(etid, n);
        int[] created = timeline.created(n, fmt, salt);
        return new Table(etid == 7 ? "quotes" : "invoices", CrmSchemas.spa(etid, internal), "ID", "CREATED_TIME",
                "UPDATED_TIME", null, created, timeline.modified(created, fmt, salt + 1), null,
                (t, idx, w, out) -> rows.spa(t, idx, w, etid, spaCategory(etid, Table.id(idx)), out));
    }

    private Table entity(String name, EntitySchema schema, String createdCode, String modifiedCode, int n, long salt,
                         Table.Filler rows) {
        int[] created = timeline.created(n, fmt, salt);
        int[] modified = timeline.modified(created, fmt, salt + 1);
        return new Table(name, schema, "ID", createdCode, modifiedCode, null, created, modified, null, rows);
    }

    /**
     * A child table: {@code countOf(ownerId)} rows per owner, stored in owner order, each created
     * after its owner (spread between the owner's creation and now).
     */
    Table child(String name, EntitySchema schema, String createdCode, String modifiedCode, String ownerCode,
                Table parent, IntUnaryOperator countOf, boolean withModified, Table.Rows rows) {
        return child(name, schema, createdCode, modifiedCode, ownerCode, parent, countOf, withModified, rows, null);
    }

    private Table child(String name, EntitySchema schema, String createdCode, String modifiedCode, String ownerCode,
                        Table parent, IntUnaryOperator countOf, boolean withModified, Table.Filler filler) {
        return child(name, schema, createdCode, modifiedCode, ownerCode, parent, countOf, withModified, null, filler);
    }

    private Table child(String name, EntitySchema schema, String createdCode, String modifiedCode, String ownerCode,
                        Table parent, IntUnaryOperator countOf, boolean withModified, Table.Rows rows, Table.Filler filler) {
        int parents = parent.size();
        int total = 0;
        int[] counts = new int[parents];
        for (int i = 0; i < parents; i++) {
            counts[i] = countOf.applyAsInt(i + 1);
            total += counts[i];
        }
        int[] owner = new int[total];
        int[] created = new int[total];
        int k = 0;
        for (int i = 0; i < parents; i++) {
            int pc = parent.created(i);
            int pm = parent.modified(i);
            for (int j = 0; j < counts[i]; j++) {
                owner[k] = i + 1;
                // history rows sit between creation and last modification; other children spread to now
                created[k] = name.endsWith("history")
                        ? pc + (int) ((long) (pm - pc) * j / Math.max(1, counts[i]))
                        : timeline.after(pc, (j + fmt.hash(41, k, 1000) / 1000.0) / (counts[i] + 1));
                k++;
            }
        }
        int[] modified = withModified ? timeline.modified(created, fmt, name.hashCode()) : null;
        String idCode = name.endsWith("product_rows") ? "id" : "ID";
        return filler != null
                ? new Table(name, schema, idCode, createdCode, modifiedCode, ownerCode, created, modified, owner, filler)
                : new Table(name, schema, idCode, createdCode, modifiedCode, ownerCode, created, modified, owner, rows);
    }

    // ---- derived facts shared by several datasets ---------------------------------------------

    int dealCategory(long id) {
        int h = fmt.hash(11, id, 100);
        return h < 60 ? 0 : h < 85 ? 1 : 2;
    }

    int[] dealPath(long id) {
        int n = id > baseDeals ? 1 : 1 + fmt.hash(12, id, 7);
        return Stages.path(Stages.DEAL.get(dealCategory(id)), n, fmt.rnd(13, id));
    }

    int spaCategory(int entityTypeId, long id) {
        List<Integer> cats = spaCategories.get(entityTypeId);
        return cats.get(fmt.hash(CrmRows.SPA + entityTypeId + 2, id, cats.size()));
    }

    /** The stages a smart-process item went through (its last is its STAGE_ID); new items have only the first. */
    int[] spaPath(int entityTypeId, long id) {
        int n = id > spaBaseSizes.getOrDefault(entityTypeId, 0) ? 1 : 1 + fmt.hash(CrmRows.SPA + entityTypeId + 3, id, 5);
        return Stages.path(Stages.spa(entityTypeId, spaCategory(entityTypeId, id)), n, fmt.rnd(CrmRows.SPA + entityTypeId + 4, id));
    }

    /** Stage history of a smart process (crm.stagehistory.list with its entityTypeId), or null. */
    public Table spaHistoryTable(int entityTypeId) {
        return spaHistory.get(entityTypeId);
    }

    int[] leadPath(long id) {
        int n = id > baseLeads ? 1 : 1 + fmt.hash(14, id, 6);
        return Stages.path(Stages.LEAD, n, fmt.rnd(15, id));
    }

    /** ~30 % of deals have about three comments; deals 2 and 3 have 120 and 51 (more than one page). */
    int commentCount(long dealId) {
        if (dealId == 2) {
            return 120;
        }
        if (dealId == 3) {
            return 51;
        }
        if (fmt.hash(21, dealId, 2000) == 0) {
            return 51 + fmt.hash(24, dealId, 80);
        }
        return fmt.hash(22, dealId, 100) < 70 ? 0 : 1 + fmt.hash(23, dealId, 5);
    }

    /** Contacts of a deal, primary first: about two per deal on average. */
    long[] dealContacts(long dealId) {
        long[] o = dealContactOverrides.get(dealId);
        if (o != null) {
            return o;
        }
        int contactsN = options.contactCount();
        if (contactsN == 0) {
            return new long[0];
        }
        int n = fmt.hash(16, dealId, 5);
        SplittableRandom r = fmt.rnd(17, dealId);
        long[] ids = new long[Math.min(n, contactsN)];
        int k = 0;
        while (k < ids.length) {
            long c = 1 + r.nextInt(contactsN);
            boolean dup = false;
            for (int i = 0; i < k; i++) {
                dup |= ids[i] == c;
            }
            if (!dup) {
                ids[k++] = c;
            }
        }
        return ids;
    }

    // ---- package access for the methods ------------------------------------------------------

    Table dealTable() {
        return deals;
    }

    Table departmentTable() {
        return departments;
    }

    public Table table(Dataset d) {
        Table b = breadth == null ? null : breadth.table(d.name());
        if (b != null) {
            return b;
        }
        Table t = switch (d.name()) {
            case "deals" -> deals;
            case "contacts" -> contacts;
            case "companies" -> companies;
            case "leads" -> leads;
            case "activities" -> activities;
            case "products" -> products;
            case "users" -> users;
            case "departments" -> departments;
            case "calls" -> calls;
            case "open_lines" -> openLines;
            case "statuses" -> statuses;
            case "deal_stage_history" -> dealHistory;
            case "lead_stage_history" -> leadHistory;
            case "deal_comments" -> comments;
            case "deal_product_rows" -> productRows;
            case "tasks" -> work.tasks;
            case "task_elapsed_time" -> work.elapsed;
            case "workgroups" -> work.groups;
            default -> d.isSpa() ? spa.get(d.entityTypeId())
                    : d.name().startsWith("stage_history_") ? spaHistory.get(d.entityTypeId()) : null;
        };
        if (t == null) {
            throw new IllegalArgumentException("no such dataset: " + d);
        }
        return t;
    }

    /** CRM table of an entityTypeId as crm.item.list knows it (1 lead, 2 deal, 3 contact, 4 company, SPA). */
    public Table itemTable(int entityTypeId) {
        return switch (entityTypeId) {
            case 1 -> leads;
            case 2 -> deals;
            case 3 -> contacts;
            case 4 -> companies;
            case 7 -> breadth.quotes;
            case 31 -> breadth.invoices;
            default -> spa.get(entityTypeId);
        };
    }

    public Map<Integer, ObjectNode> spaTypeRows() {
        return spaTypes;
    }

    List<Integer> spaCategories(int entityTypeId) {
        return spaCategories.getOrDefault(entityTypeId, List.of());
    }

    /** crm.category.list rows of an entity type, or null when the type has no funnels. */
    public List<ObjectNode> categories(int entityTypeId) {
        List<ObjectNode> out = new ArrayList<>();
        if (entityTypeId == 2) {
            for (int i = 0; i < Stages.DEAL_CATEGORY_NAMES.size(); i++) {
                ObjectNode c = Json.object();
                c.put("id", i);
                c.put("name", Stages.DEAL_CATEGORY_NAMES.get(i));
                c.put("sort", 100 * (i + 1));
                c.put("entityTypeId", 2);
                c.put("isDefault", i == 0 ? "Y" : "N");
                if (i > 0) { // the default funnel's object lacks origin fields (D:.../crm-category-list.md)
                    c.put("originId", "");
                    c.put("originatorId", "");
                }
                out.add(c);
            }
            return out;
        }
        List<Integer> cats = spaCategories.get(entityTypeId);
        if (cats == null || entityTypeId == 7) { // quotes have no funnels
            return null;
        }
        for (int i = 0; i < cats.size(); i++) {
            ObjectNode c = Json.object();
            c.put("id", cats.get(i));
            c.put("name", i == 0 ? "General" : "Funnel " + (i + 1));
            c.put("sort", 500 + 100 * i);
            c.put("entityTypeId", entityTypeId);
            c.put("isDefault", i == 0 ? "Y" : "N");
            c.put("originId", "");
            c.put("originatorId", "");
            out.add(c);
        }
        return out;
    }

    // ---- public API: datasets ------------------------------------------------------------------

    /** Smart-process entityTypeIds in order. */
    public List<Integer> spaEntityTypeIds() {
        return List.copyOf(spa.keySet());
    }

    /** Number of live rows of a dataset. */
    public int count(Dataset d) {
        lock.lock();
        try {
            List<ObjectNode> shaped = breadth.rows(d.name());
            if (shaped != null) {
                return shaped.size();
            }
            return switch (d.name()) {
                case "spa_types" -> spaTypes.size();
                case "deal_categories" -> categories(2).size();
                case "deal_contact_links", "workgroup_members", "task_stages" -> rows(d).size();
                default -> table(d).liveCount();
            };
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every live row of a dataset exactly as its list method returns it with every field selected:
     * old crm methods in their string form (multifields and multiple custom fields included),
     * SPA items in the crm.item.list form, stage history with ints, product rows as
     * crm.item.productrow.list returns them, deal-contact links as crm.deal.contact.items.get rows
     * plus {@code DEAL_ID}; tasks keyed by their tasks.task.getFields codes (the list spells them in
     * camelCase), workgroup members as sonet_group.user.get rows plus {@code GROUP_ID}, task stages
     * as task.stages.get rows ("My plan" first).
     */
    public List<ObjectNode> rows(Dataset d) {
        lock.lock();
        try {
            List<ObjectNode> shaped = breadth.rows(d.name());
            if (shaped != null) {
                return shaped;
            }
            List<ObjectNode> out = new ArrayList<>();
            switch (d.name()) {
                case "spa_types" -> spaTypes.values().forEach(v -> out.add(v.deepCopy()));
                case "deal_categories" -> out.addAll(categories(2));
                case "workgroup_members" -> out.addAll(work.allMembers());
                case "task_stages" -> out.addAll(work.allStages());
                case "deal_contact_links" -> {
                    for (int i = 0; i < deals.size(); i++) {
                        if (deals.live(i)) {
                            for (ObjectNode link : contactItems(Table.id(i))) {
                                link.put("DEAL_ID", Table.id(i));
                                out.add(link);
                            }
                        }
                    }
                }
                default -> {
                    Table t = table(d);
                    for (int i = 0; i < t.size(); i++) {
                        if (t.live(i)) {
                            out.add(fullRow(d, t, i));
                        }
                    }
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode fullRow(Dataset d, Table t, int idx) {
        ObjectNode row = t.row(idx);
        if (d.isSpa()) {
            List<FieldDef> fields = t.schema.fields.stream().filter(f -> f.itemName() != null).toList();
            return ItemFormat.item(row, fields, false, null);
        }
        return row;
    }

    /** crm.deal.contact.items.get rows of a deal (D:api-reference/crm/deals/contacts/crm-deal-contact-items-get.md). */
    public List<ObjectNode> contactItems(long dealId) {
        List<ObjectNode> out = new ArrayList<>();
        long[] ids = dealContacts(dealId);
        for (int i = 0; i < ids.length; i++) {
            ObjectNode o = Json.object();
            o.put("CONTACT_ID", ids[i]);
            o.put("SORT", 10 * (i + 1));
            o.put("ROLE_ID", 0);
            o.put("IS_PRIMARY", i == 0 ? "Y" : "N");
            out.add(o);
        }
        return out;
    }

    public ArrayNode contactIdsNode(long dealId) {
        ArrayNode a = Json.array();
        for (long c : dealContacts(dealId)) {
            a.add(c);
        }
        return a;
    }

    /**
     * What a fields method answers: {@code crm.deal.fields}, {@code crm.contact.fields},
     * {@code crm.company.fields}, {@code crm.lead.fields}, {@code crm.activity.fields},
     * {@code crm.product.fields}, or {@code crm.item.fields} with {@code entityTypeId}.
     */
    public JsonNode fields(String fieldsMethod, JsonNode params) {
        String m = fieldsMethod.toLowerCase(java.util.Locale.ROOT);
        return switch (m) {
            case "crm.deal.fields" -> deals.schema.oldDescriptor();
            case "crm.contact.fields" -> contacts.schema.oldDescriptor();
            case "crm.company.fields" -> companies.schema.oldDescriptor();
            case "crm.lead.fields" -> leads.schema.oldDescriptor();
            case "crm.activity.fields" -> activities.schema.oldDescriptor();
            case "crm.product.fields" -> products.schema.oldDescriptor();
            case "tasks.task.getfields" -> WorkSchemas.taskFieldsDescriptor();
            case "user.fields" -> UserFields.userFields();
            case "crm.item.fields" -> {
                int etid = (int) Json.longParam(Json.param(params, "entityTypeId"), 0);
                Table t = itemTable(etid);
                if (t == null) {
                    throw ApiError.notFound("Smart process not found");
                }
                ObjectNode desc = t.schema.itemDescriptor();
                if (etid == 1 || etid == 3 || etid == 4) {
                    ObjectNode fm = ((ObjectNode) desc.get("fields")).putObject("fm");
                    fm.put("type", "crm_multifield");
                    fm.put("isRequired", false);
                    fm.put("isReadOnly", false);
                    fm.put("isImmutable", false);
                    fm.put("isMultiple", true);
                    fm.put("isDynamic", false);
                    fm.put("title", "Multifields");
                    fm.put("upperName", "FM");
                }
                yield desc;
            }
            default -> {
                EntitySchema schema = breadth.fieldsSchema(m);
                if (schema == null) {
                    throw new IllegalArgumentException("not a fields method: " + fieldsMethod);
                }
                yield schema.oldDescriptor();
            }
        };
    }

    // ---- public API: mutations -----------------------------------------------------------------

    private int nowSecond() {
        return (int) clock.instant().getEpochSecond();
    }

    private int requireIndex(Table t, long id) {
        int idx = t.index(id);
        if (idx < 0 || !t.live(idx)) {
            throw new IllegalArgumentException("no live row " + id + " in " + t.name);
        }
        return idx;
    }

    /** Moves a row's modification time (DATE_MODIFY, updatedTime, LAST_UPDATED, ...) to the clock's current second. */
    public void touch(Dataset d, long id) {
        touchMany(d, List.of(id));
    }

    /** Touches many rows in the same second (a mass update). */
    public void touchMany(Dataset d, Collection<Long> ids) {
        lock.lock();
        try {
            Table t = table(d);
            if (t.modifiedCode == null) {
                throw new IllegalArgumentException(d.name() + " has no modification time");
            }
            int now = nowSecond();
            for (long id : ids) {
                t.touch(requireIndex(t, id), now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Creates a row (created and modified now) and returns its ID; child rows of a new deal are not generated. */
    public long create(Dataset d) {
        lock.lock();
        try {
            Table t = table(d);
            if (t.ownerCode != null) {
                throw new IllegalArgumentException("create children with addComment/addProductRow, not " + d.name());
            }
            int idx = t.append(nowSecond(), 0);
            Table history = historyOf(d);
            if (history != null) {
                history.append(nowSecond(), idx + 1); // TYPE_ID 1: created
            }
            return Table.id(idx);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Like {@link #create}, but the row (and the stage-history row a new deal, lead or SPA item
     * writes) stays invisible until {@link #commit}: its ID is taken now, as an auto-increment ID
     * is at INSERT, while the transaction commits later. Rows created in between get higher IDs and
     * show first, so a reader can see ID {@code n+1} before {@code n} appears (the late commit an
     * ID bookmark must survive; docs/incremental.md). Creation times are the clock's second now.
     */
    public long createUncommitted(Dataset d) {
        lock.lock();
        try {
            long id = create(d);
            Table t = table(d);
            t.holdUncommitted(t.index(id));
            Table history = historyOf(d);
            if (history != null) {
                int h = history.size() - 1;
                history.holdUncommitted(h);
                uncommittedHistory.put(key(d, id), h);
            }
            return id;
        } finally {
            lock.unlock();
        }
    }

    /** Commits a row made by {@link #createUncommitted}: it and its history row appear in every list. */
    public void commit(Dataset d, long id) {
        lock.lock();
        try {
            Table t = table(d);
            int idx = t.index(id);
            if (idx < 0) {
                throw new IllegalArgumentException("no row " + id + " in " + t.name);
            }
            t.commit(idx);
            Integer h = uncommittedHistory.remove(key(d, id));
            if (h != null) {
                historyOf(d).commit(h);
            }
        } finally {
            lock.unlock();
        }
    }

    private static String key(Dataset d, long id) {
        return d.name() + "#" + id;
    }

    /** The stage history a new row of {@code d} writes to, or null. */
    private Table historyOf(Dataset d) {
        if (d.equals(Dataset.DEALS)) {
            return dealHistory;
        }
        if (d.equals(Dataset.LEADS)) {
            return leadHistory;
        }
        return d.isSpa() ? spaHistory.get(d.entityTypeId()) : null;
    }

    /**
     * Deletes a row: it disappears from every list. A deal takes its product rows and timeline
     * comments with it (Bitrix24 deletes an entity's product rows and timeline with the entity); a
     * removed product row touches its deal, whose amount is recalculated (as {@link #addProductRow}).
     */
    public void delete(Dataset d, long id) {
        lock.lock();
        try {
            Table t = table(d);
            int idx = requireIndex(t, id);
            t.delete(idx);
            if (d.equals(Dataset.DEALS)) {
                for (Table children : List.of(productRows, comments)) {
                    for (int child : children.childrenOf(id)) {
                        if (children.live(child)) {
                            children.delete(child);
                        }
                    }
                }
            } else if (d.equals(Dataset.DEAL_PRODUCT_ROWS)) {
                int deal = deals.index(t.owner(idx));
                if (deal >= 0 && deals.live(deal)) {
                    deals.touch(deal, nowSecond());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sets one field of a row (list-format value) and touches it. */
    public void set(Dataset d, long id, String code, JsonNode value) {
        lock.lock();
        try {
            Table t = table(d);
            int idx = requireIndex(t, id);
            t.patch(idx, code, value);
            if (t.modifiedCode != null) {
                t.touch(idx, nowSecond());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds a timeline comment to a deal (created now) and returns its ID. Comments do not touch the deal. */
    public long addComment(long dealId) {
        lock.lock();
        try {
            requireIndex(deals, dealId);
            return Table.id(comments.append(nowSecond(), (int) dealId));
        } finally {
            lock.unlock();
        }
    }

    /** Adds a product row to a deal, touches the deal (its amount is recalculated), returns the row ID. */
    public long addProductRow(long dealId) {
        lock.lock();
        try {
            int idx = requireIndex(deals, dealId);
            long id = Table.id(productRows.append(nowSecond(), (int) dealId));
            deals.touch(idx, nowSecond());
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The webhook's user loses the right to call {@code method} from now on ("Access denied.", as
     * {@link PortalOptions#deniedMethods()}), e.g. in the middle of a run; {@link #restoreAccess} undoes it.
     */
    public void revokeAccess(String method) {
        revokedMethods.add(method);
    }

    public void restoreAccess(String method) {
        revokedMethods.remove(method);
    }

    public boolean accessRevoked(String method) {
        return revokedMethods.contains(method);
    }

    /** Replaces a deal's contacts (primary first) and touches the deal. */
    public void setDealContacts(long dealId, List<Long> contactIds) {
        lock.lock();
        try {
            int idx = requireIndex(deals, dealId);
            dealContactOverrides.put(dealId, contactIds.stream().mapToLong(Long::longValue).toArray());
            deals.touch(idx, nowSecond());
        } finally {
            lock.unlock();
        }
    }
}
