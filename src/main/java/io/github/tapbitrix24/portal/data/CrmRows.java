package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds CRM rows in the old list format (crm.deal|contact|company|lead|activity|product.list):
 * every scalar a string, flags {@code "Y"}/{@code "N"}, empty values {@code null}, datetimes in the
 * portal offset (bitrix24-api.md §5.3, §7.3; D:api-reference/crm/deals/crm-deal-list.md). Each value
 * comes from (seed, ID), so a row is rebuilt identically whenever it is served.
 */
final class CrmRows {
    static final long DEAL = 100;
    static final long CONTACT = 200;
    static final long COMPANY = 300;
    static final long LEAD = 400;
    static final long ACTIVITY = 500;
    static final long PRODUCT = 600;
    static final long SPA = 700;
    static final long UF = 5000;

    private final PortalData d;
    private final Fmt fmt;

    CrmRows(PortalData d) {
        this.d = d;
        this.fmt = d.fmt;
    }

    private String user(SplittableRandom r) {
        return Integer.toString(1 + r.nextInt(Math.max(1, d.options.userCount())));
    }

    private static String yn(boolean b) {
        return b ? "Y" : "N";
    }

    void deal(Table t, int idx, java.util.Set<String> wanted, Row o) {
        long id = Table.id(idx);
        SplittableRandom r = fmt.rnd(DEAL, id);
        int cat = d.dealCategory(id);
        int[] path = d.dealPath(id);
        Stages.Stage stage = Stages.DEAL.get(cat).get(path[path.length - 1]);
        int created = t.created(idx);
        int modified = t.modified(idx);
        long[] contacts = d.dealContacts(id);
        o.put("ID", Long.toString(id));
        o.put("TITLE", "Deal #" + id + " " + Fmt.pick(r, Fmt.WORDS) + " " + Fmt.pick(r, Fmt.WORDS));
        o.put("TYPE_ID", Fmt.pick(r, new String[]{"SALE", "COMPLEX", "GOODS", "SERVICES", "SERVICE"}));
        o.put("CATEGORY_ID", Integer.toString(cat));
        o.put("STAGE_ID", stage.id());
        o.put("STAGE_SEMANTIC_ID", stage.semantic());
        o.put("IS_NEW", yn(path.length == 1));
        o.put("IS_RECURRING", yn(r.nextInt(100) == 0));
        o.put("IS_RETURN_CUSTOMER", yn(r.nextInt(5) == 0));
        o.put("IS_REPEATED_APPROACH", yn(r.nextInt(10) == 0));
        o.putNullable("PROBABILITY", r.nextInt(3) == 0 ? null : Integer.toString(10 * r.nextInt(11)));
        o.put("CURRENCY_ID", Fmt.pick(r, Fmt.CURRENCIES));
        o.put("OPPORTUNITY", Fmt.money(r.nextInt(2_000_000) / 100.0 * 10));
        o.put("IS_MANUAL_OPPORTUNITY", yn(r.nextBoolean()));
        o.put("TAX_VALUE", "0.00");
        int companies = d.options.companyCount();
        o.putNullable("COMPANY_ID", companies > 0 && r.nextBoolean() ? Integer.toString(1 + r.nextInt(companies)) : null);
        o.putNullable("CONTACT_ID", contacts.length > 0 ? Long.toString(contacts[0]) : null);
        o.putNull("QUOTE_ID");
        o.put("BEGINDATE", fmt.date(created));
        o.put("CLOSEDATE", fmt.date(created + 86_400L * (7 + r.nextInt(90))));
        o.put("OPENED", "Y");
        o.put("CLOSED", yn(!stage.semantic().equals("P")));
        o.putNullable("COMMENTS", r.nextInt(4) == 0 ? "Call back after " + Fmt.pick(r, Fmt.CITIES) + " meeting" : null);
        authorship(o, r, true, created, modified);
        o.put("MOVED_TIME", fmt.dateTime(created + (long) ((modified - created) * r.nextDouble())));
        o.put("SOURCE_ID", Fmt.pick(r, new String[]{"CALL", "EMAIL", "WEB", "ADVERTISING", "PARTNER", "RECOMMENDATION", "OTHER"}));
        o.putNull("SOURCE_DESCRIPTION");
        int leads = d.options.leadCount();
        o.putNullable("LEAD_ID", leads > 0 && r.nextInt(4) == 0 ? Integer.toString(1 + r.nextInt(leads)) : null);
        o.putNull("ADDITIONAL_INFO");
        o.putNull("LOCATION_ID");
        originActivityUtm(o, r, modified);
        ufs(o, t.schema, id, wanted);
    }

    /** PHONE and EMAIL (set later, after the UTM fields) and the HAS_* flags they imply. */
    private ArrayNode[] communications(Row o, SplittableRandom r, long id) {
        ArrayNode phones = multifield(r, id, "PHONE");
        ArrayNode emails = multifield(r, id, "EMAIL");
        o.put("HAS_PHONE", yn(!phones.isEmpty()));
        o.put("HAS_EMAIL", yn(!emails.isEmpty()));
        o.put("HAS_IMOL", "N");
        return new ArrayNode[] {phones, emails};
    }

    /** The four multifields, PHONE and EMAIL from {@link #communications}. */
    private void multifields(Row o, SplittableRandom r, long id, ArrayNode[] comms) {
        o.set("PHONE", comms[0]);
        o.set("EMAIL", comms[1]);
        o.set("WEB", multifield(r, id, "WEB"));
        o.set("IM", multifield(r, id, "IM"));
    }

    /** Who is responsible, created and modified the row (and moved it, for entities with stages), and when. */
    private void authorship(Row o, SplittableRandom r, boolean moves, long created, long modified) {
        o.put("ASSIGNED_BY_ID", user(r));
        o.put("CREATED_BY_ID", user(r));
        o.put("MODIFY_BY_ID", user(r));
        if (moves) {
            o.put("MOVED_BY_ID", user(r));
        }
        o.put("DATE_CREATE", fmt.dateTime(created));
        o.put("DATE_MODIFY", fmt.dateTime(modified));
    }

    private void originActivityUtm(Row o, SplittableRandom r, long lastActivity) {
        o.putNull("ORIGINATOR_ID");
        o.putNull("ORIGIN_ID");
        o.put("LAST_ACTIVITY_TIME", fmt.dateTime(lastActivity));
        o.put("LAST_ACTIVITY_BY", user(r));
        utm(o, r);
    }

    private static void utm(Row o, SplittableRandom r) {
        boolean tagged = r.nextInt(5) == 0;
        o.putNullable("UTM_SOURCE", tagged ? Fmt.pick(r, new String[]{"google", "yandex", "newsletter"}) : null);
        o.putNullable("UTM_MEDIUM", tagged ? "cpc" : null);
        o.putNullable("UTM_CAMPAIGN", tagged ? "spring_" + r.nextInt(10) : null);
        o.putNull("UTM_CONTENT");
        o.putNull("UTM_TERM");
    }

    private void person(Row o, SplittableRandom r, int created) {
        o.put("HONORIFIC", Fmt.pick(r, new String[]{"HNR_EN_1", "HNR_EN_2", "HNR_EN_3"}));
        o.put("NAME", Fmt.pick(r, Fmt.FIRST));
        o.put("SECOND_NAME", "");
        o.put("LAST_NAME", Fmt.pick(r, Fmt.LAST));
        o.putNullable("BIRTHDATE", r.nextInt(3) == 0 ? "" : fmt.date(created - 86_400L * (7000 + r.nextInt(15000))));
    }

    void contact(Table t, int idx, java.util.Set<String> wanted, Row o) {
        long id = Table.id(idx);
        SplittableRandom r = fmt.rnd(CONTACT, id);
        int created = t.created(idx);
        o.put("ID", Long.toString(id));
        person(o, r, created);
        if (r.nextInt(3) == 0) {
            o.set("PHOTO", file(r, "PHOTO", id, "contact"));
        }
        o.put("TYPE_ID", Fmt.pick(r, new String[]{"CLIENT", "SUPPLIER", "PARTNER", "OTHER"}));
        o.put("SOURCE_ID", Fmt.pick(r, new String[]{"CALL", "EMAIL", "WEB", "SELF"}));
        o.putNull("SOURCE_DESCRIPTION");
        o.putNullable("POST", r.nextBoolean() ? Fmt.pick(r, new String[]{"CEO", "Buyer", "Engineer", "Accountant"}) : null);
        o.putNull("COMMENTS");
        o.put("OPENED", "Y");
        o.put("EXPORT", "Y");
        ArrayNode[] comms = communications(o, r, id);
        authorship(o, r, false, created, t.modified(idx));
        int companies = d.options.companyCount();
        o.putNullable("COMPANY_ID", companies > 0 && r.nextBoolean() ? Integer.toString(1 + r.nextInt(companies)) : null);
        o.putNull("LEAD_ID");
        originActivityUtm(o, r, t.modified(idx));
        multifields(o, r, id, comms);
        ufs(o, t.schema, id, wanted);
    }

    void company(Table t, int idx, java.util.Set<String> wanted, Row o) {
        long id = Table.id(idx);
        SplittableRandom r = fmt.rnd(COMPANY, id);
        o.put("ID", Long.toString(id));
        o.put("TITLE", Fmt.pick(r, Fmt.WORDS) + " " + Fmt.pick(r, new String[]{"LLC", "GmbH", "Ltd", "JSC"}) + " #" + id);
        o.put("COMPANY_TYPE", Fmt.pick(r, new String[]{"CUSTOMER", "SUPPLIER", "PARTNER", "OTHER"}));
        if (r.nextInt(4) == 0) {
            o.set("LOGO", file(r, "LOGO", id, "company"));
        }
        o.put("INDUSTRY", Fmt.pick(r, new String[]{"IT", "TELECOM", "MANUFACTURING", "BANKING", "OTHER"}));
        o.put("EMPLOYEES", Fmt.pick(r, new String[]{"EMPLOYEES_1", "EMPLOYEES_2", "EMPLOYEES_3", "EMPLOYEES_4"}));
        o.put("CURRENCY_ID", Fmt.pick(r, Fmt.CURRENCIES));
        o.put("REVENUE", Fmt.money(r.nextInt(10_000_000)));
        o.put("OPENED", "Y");
        o.putNull("COMMENTS");
        ArrayNode[] comms = communications(o, r, id);
        o.put("IS_MY_COMPANY", yn(id == 1));
        authorship(o, r, false, t.created(idx), t.modified(idx));
        o.putNull("LEAD_ID");
        originActivityUtm(o, r, t.modified(idx));
        multifields(o, r, id, comms);
        ufs(o, t.schema, id, wanted);
    }

    void lead(Table t, int idx, java.util.Set<String> wanted, Row o) {
        long id = Table.id(idx);
        SplittableRandom r = fmt.rnd(LEAD, id);
        int created = t.created(idx);
        int[] path = d.leadPath(id);
        Stages.Stage status = Stages.LEAD.get(path[path.length - 1]);
        o.put("ID", Long.toString(id));
        o.put("TITLE", "Lead #" + id + " from " + Fmt.pick(r, Fmt.CITIES));
        person(o, r, created);
        o.putNullable("COMPANY_TITLE", r.nextBoolean() ? Fmt.pick(r, Fmt.WORDS) + " Ltd" : null);
        o.put("SOURCE_ID", Fmt.pick(r, new String[]{"CALL", "EMAIL", "WEB", "ADVERTISING"}));
        o.putNull("SOURCE_DESCRIPTION");
        o.put("STATUS_ID", status.id());
        o.putNull("STATUS_DESCRIPTION");
        o.put("STATUS_SEMANTIC_ID", status.semantic());
        o.putNull("POST");
        o.put("CURRENCY_ID", Fmt.pick(r, Fmt.CURRENCIES));
        o.put("OPPORTUNITY", Fmt.money(r.nextInt(100_000)));
        o.put("IS_MANUAL_OPPORTUNITY", "N");
        o.put("OPENED", "Y");
        o.putNull("COMMENTS");
        ArrayNode[] comms = communications(o, r, id);
        authorship(o, r, true, created, t.modified(idx));
        o.put("MOVED_TIME", fmt.dateTime(t.modified(idx)));
        o.putNull("COMPANY_ID");
        o.putNull("CONTACT_ID");
        o.put("IS_RETURN_CUSTOMER", "N");
        o.putNullable("DATE_CLOSED", status.semantic().equals("P") ? null : fmt.dateTime(t.modified(idx)));
        originActivityUtm(o, r, t.modified(idx));
        multifields(o, r, id, comms);
        ufs(o, t.schema, id, wanted);
    }

    void activity(Table t, int idx, java.util.Set<String> wanted, Row o) {
        long id = Table.id(idx);
        SplittableRandom r = fmt.rnd(ACTIVITY, id);
        int created = t.created(idx);
        long owner = t.owner(idx);
        int kind = r.nextInt(4);
        String[] typeId = {"1", "2", "4", "6"};
        String[] provider = {"CRM_MEETING", "VOXIMPLANT_CALL", "CRM_EMAIL", "CRM_TODO"};
        String[] providerType = {"MEETING", "CALL", "EMAIL", "TODO"};
        String[] subject = {"Meeting", "Outgoing call", "Offer sent", "Follow up"};
        long startTime = created + 3600L * r.nextInt(72);
        boolean done = r.nextInt(3) > 0;
        o.put("ID", Long.toString(id));
        o.put("OWNER_ID", Long.toString(owner));
        o.put("OWNER_TYPE_ID", "2");
        o.put("TYPE_ID", typeId[kind]);
        o.put("PROVIDER_ID", provider[kind]);
        o.put("PROVIDER_TYPE_ID", providerType[kind]);
        o.putNull("PROVIDER_GROUP_ID");
        o.put("ASSOCIATED_ENTITY_ID", "0");
        o.put("SUBJECT", subject[kind] + " #" + id);
        o.put("CREATED", fmt.dateTime(created));
        o.put("LAST_UPDATED", fmt.dateTime(t.modified(idx)));
        o.put("START_TIME", fmt.dateTime(startTime));
        o.put("END_TIME", fmt.dateTime(startTime + 1800));
        o.put("DEADLINE", fmt.dateTime(startTime));
        o.put("COMPLETED", yn(done));
        o.put("STATUS", done ? "2" : "1");
        o.put("RESPONSIBLE_ID", user(r));
        o.put("PRIORITY", Integer.toString(1 + r.nextInt(3)));
        o.put("NOTIFY_TYPE", "1");
        o.put("NOTIFY_VALUE", "15");
        o.put("DESCRIPTION", r.nextBoolean() ? "" : "Discussed the offer");
        o.put("DESCRIPTION_TYPE", "1");
        o.put("DIRECTION", kind == 1 || kind == 2 ? Integer.toString(1 + r.nextInt(2)) : "0");
        o.put("LOCATION", "");
        o.set("SETTINGS", Json.array()); // PHP empty array (D:.../crm-activity-list.md)
        o.putNull("ORIGINATOR_ID");
        o.putNull("ORIGIN_ID");
        String author = user(r);
        o.put("AUTHOR_ID", author);
        o.put("EDITOR_ID", author);
        o.set("PROVIDER_PARAMS", Json.array());
        o.putNull("PROVIDER_DATA");
        o.putNull("RESULT_MARK");
        ArrayNode bindings = Json.array();
        ObjectNode b = bindings.addObject();
        b.put("OWNER_ID", Long.toString(owner));
        b.put("OWNER_TYPE_ID", "2");
        o.set("BINDINGS", bindings);
        ArrayNode comms = Json.array();
        long[] contacts = d.dealContacts(owner);
        if (contacts.length > 0 && (kind == 1 || kind == 2)) {
            ObjectNode c = comms.addObject();
            c.put("ID", Long.toString(id * 2));
            c.put("TYPE", kind == 1 ? "PHONE" : "EMAIL");
            c.put("VALUE", kind == 1 ? "+7 900 " + (1_000_000 + contacts[0] % 9_000_000) : "contact" + contacts[0] + "@example.com");
            c.put("ENTITY_ID", Long.toString(contacts[0]));
            c.put("ENTITY_TYPE_ID", "3");
        }
        o.set("COMMUNICATIONS", comms);
        ArrayNode files = Json.array();
        if (kind == 2 && r.nextBoolean()) {
            ObjectNode f = files.addObject();
            f.put("id", 5000 + id);
            f.put("url", "/bitrix/tools/crm_show_file.php?fileId=" + (5000 + id));
        }
        o.set("FILES", files);
    }

    void product(Table t, int idx, java.util.Set<String> wanted, Row o) {
        long id = Table.id(idx);
        SplittableRandom r = fmt.rnd(PRODUCT, id);
        o.put("ID", Long.toString(id));
        o.put("CATALOG_ID", "25");
        o.put("PRICE", Fmt.money(10 + r.nextInt(100_000) / 100.0));
        o.put("CURRENCY_ID", Fmt.pick(r, Fmt.CURRENCIES));
        o.put("NAME", Fmt.pick(r, Fmt.WORDS) + " " + Fmt.pick(r, new String[]{"Router", "Licence", "Service pack", "Cable", "Support"}) + " " + id);
        o.put("CODE", "product_" + id);
        o.putNull("DESCRIPTION");
        o.put("DESCRIPTION_TYPE", "text");
        o.put("ACTIVE", yn(r.nextInt(10) > 0));
        o.put("SECTION_ID", Integer.toString(1 + r.nextInt(5)));
        o.put("SORT", "500");
        o.put("VAT_ID", "1");
        o.put("VAT_INCLUDED", "Y");
        o.put("MEASURE", "9");
        o.put("XML_ID", Long.toString(id));
        o.putNull("PREVIEW_PICTURE");
        if (r.nextBoolean()) {
            ObjectNode pic = Json.object();
            o.set("DETAIL_PICTURE", pic);
            pic.put("id", Long.toString(9000 + id));
            pic.put("showUrl", "/bitrix/components/bitrix/crm.product.file/download.php?productId=" + id + "&fieldName=DETAIL_PICTURE&fileId=" + (9000 + id));
        } else {
            o.putNull("DETAIL_PICTURE");
        }
        o.put("DATE_CREATE", fmt.dateTime(t.created(idx)));
        o.put("TIMESTAMP_X", fmt.dateTime(t.modified(idx)));
        o.put("MODIFIED_BY", "1");
        o.put("CREATED_BY", "1");
        ObjectNode p1 = Json.object();
        o.set("PROPERTY_101", p1);
        p1.put("valueId", Long.toString(100_000 + id));
        p1.put("value", Fmt.pick(r, new String[]{"red", "green", "blue"}));
        o.putNull("PROPERTY_102");
    }

    /** A smart-process item in internal upper-case form; crm.item.list converts it with {@link ItemFormat}. */
    void spa(Table t, int idx, java.util.Set<String> wanted, int entityTypeId, int categoryId, Row o) {
        long id = Table.id(idx);
        SplittableRandom r = fmt.rnd(SPA + entityTypeId, id);
        int created = t.created(idx);
        int modified = t.modified(idx);
        List<Stages.Stage> stages = Stages.spa(entityTypeId, categoryId);
        int[] path = d.spaPath(entityTypeId, id);
        o.put("ID", Long.toString(id));
        o.putNull("XML_ID");
        o.put("TITLE", "Item #" + id + " " + Fmt.pick(r, Fmt.WORDS));
        o.put("CREATED_BY", user(r));
        o.put("UPDATED_BY", user(r));
        o.put("MOVED_BY", user(r));
        o.put("CREATED_TIME", fmt.dateTime(created));
        o.put("UPDATED_TIME", fmt.dateTime(modified));
        o.put("MOVED_TIME", fmt.dateTime(modified));
        o.put("CATEGORY_ID", Integer.toString(categoryId));
        o.put("OPENED", yn(r.nextBoolean()));
        o.put("STAGE_ID", stages.get(path[path.length - 1]).id()); // agrees with the last stage history row
        o.putNullable("PREVIOUS_STAGE_ID", path.length > 1 ? stages.get(path[path.length - 2]).id() : null);
        o.put("BEGINDATE", fmt.date(created));
        o.put("CLOSEDATE", fmt.date(created + 86_400L * 14));
        int companies = d.options.companyCount();
        int contacts = d.options.contactCount();
        o.putNullable("COMPANY_ID", companies > 0 && r.nextBoolean() ? Integer.toString(1 + r.nextInt(companies)) : null);
        ArrayNode contactIds = Json.array();
        int nc = contacts == 0 ? 0 : r.nextInt(3);
        for (int i = 0; i < nc; i++) {
            contactIds.add(Integer.toString(1 + r.nextInt(contacts)));
        }
        o.putNullable("CONTACT_ID", contactIds.isEmpty() ? null : contactIds.get(0).stringValue());
        o.put("OPPORTUNITY", Fmt.money(r.nextInt(50_000)));
        o.put("IS_MANUAL_OPPORTUNITY", "N");
        o.put("TAX_VALUE", "0.00");
        o.put("CURRENCY_ID", Fmt.pick(r, Fmt.CURRENCIES));
        o.putNullable("MYCOMPANY_ID", companies > 0 ? "1" : null);
        o.put("SOURCE_ID", "CALL");
        o.putNull("SOURCE_DESCRIPTION");
        o.put("ASSIGNED_BY_ID", user(r));
        o.set("CONTACT_IDS", contactIds);
        ArrayNode observers = Json.array();
        if (r.nextBoolean()) {
            observers.add(user(r));
        }
        o.set("OBSERVERS", observers);
        o.put("LAST_ACTIVITY_BY", user(r));
        o.put("LAST_ACTIVITY_TIME", fmt.dateTime(modified));
        int deals = d.dealTable().size();
        o.putNullable("PARENT_ID_2", deals > 0 && r.nextInt(3) == 0 ? Integer.toString(1 + r.nextInt(deals)) : null);
        ufs(o, t.schema, id, wanted);
    }

    // ---- multifields and custom fields ----------------------------------------------------

    private ArrayNode multifield(SplittableRandom r, long id, String type) {
        ArrayNode a = Json.array();
        int n = switch (type) {
            case "PHONE" -> r.nextInt(3);
            case "EMAIL" -> r.nextInt(3) == 0 ? 0 : 1;
            default -> r.nextInt(4) == 0 ? 1 : 0;
        };
        for (int k = 0; k < n; k++) {
            ObjectNode m = a.addObject();
            m.put("ID", Long.toString(id * 16 + type.length() * 2 + k));
            String valueType = Fmt.pick(r, new String[]{"WORK", "HOME", "MOBILE", "OTHER"});
            m.put("VALUE_TYPE", type.equals("IM") ? "TELEGRAM" : valueType);
            m.put("VALUE", switch (type) {
                case "PHONE" -> "+7 9" + (10 + r.nextInt(89)) + " " + (1_000_000 + r.nextInt(8_999_999));
                case "EMAIL" -> Fmt.pick(r, Fmt.FIRST).toLowerCase() + id + "@example." + (k == 0 ? "com" : "org");
                case "WEB" -> "https://" + Fmt.pick(r, Fmt.WORDS).toLowerCase() + id + ".example.com";
                default -> "@user" + id;
            });
            m.put("TYPE_ID", type);
        }
        return a;
    }

    private JsonNode file(SplittableRandom r, String code, long id, String entity) {
        long fileId = 30_000 + id * 4 + r.nextInt(4);
        ObjectNode f = Json.object();
        f.put("id", fileId);
        f.put("showUrl", "/bitrix/components/bitrix/crm." + entity + ".show/show_file.php?ownerId=" + id
                + "&fieldName=" + code + "&fileId=" + fileId);
        f.put("downloadUrl", "/bitrix/components/bitrix/crm." + entity + ".show/show_file.php?auth=&ownerId=" + id
                + "&fieldName=" + code + "&dynamic=Y&fileId=" + fileId);
        return f;
    }

    /** Custom fields, each from its own random stream so unwanted ones can be skipped without changing the rest. */
    private void ufs(Row o, EntitySchema schema, long id, java.util.Set<String> wanted) {
        int k = 0;
        for (FieldDef f : schema.fields) {
            if (!f.dynamic()) {
                continue;
            }
            k++;
            if (wanted != null && !wanted.contains(f.code())) {
                continue;
            }
            SplittableRandom r = fmt.rnd(UF + k, id);
            if (f.multiple()) {
                ArrayNode a = Json.array();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    JsonNode v = ufScalar(f, r, id);
                    if (v != null) {
                        a.add(v);
                    }
                }
                if (a.isEmpty()) {
                    // an empty multiple user field is PHP's empty value, false, in the old list methods
                    o.set(f.code(), Json.F.booleanNode(false));
                } else {
                    o.set(f.code(), a);
                }
                continue;
            }
            boolean empty = !f.type().equals("boolean") && r.nextInt(7) == 0;
            if (empty) {
                if (!f.type().equals("file")) {
                    o.putNull(f.code()); // an empty single file is absent altogether
                }
                continue;
            }
            JsonNode v = ufScalar(f, r, id);
            if (v.isString()) {
                o.put(f.code(), v.stringValue());
            } else {
                o.set(f.code(), v);
            }
        }
    }

    private JsonNode ufScalar(FieldDef f, SplittableRandom r, long id) {
        List<String[]> items = f.items();
        int users = Math.max(1, d.options.userCount());
        return switch (f.type()) {
            case "string" -> Json.F.stringNode(Fmt.pick(r, Fmt.WORDS) + "-" + r.nextInt(10_000));
            case "integer" -> Json.F.stringNode(Integer.toString(r.nextInt(1000)));
            case "double" -> Json.F.stringNode(Double.toString(Math.round(r.nextDouble() * 10_000) / 100.0));
            case "boolean" -> Json.F.stringNode(r.nextBoolean() ? "1" : "0");
            case "date" -> Json.F.stringNode(fmt.date(d.timeline.start + (long) r.nextInt(Timeline.SPAN)));
            case "datetime" -> Json.F.stringNode(fmt.dateTime(d.timeline.start + (long) r.nextInt(Timeline.SPAN)));
            case "enumeration" -> Json.F.stringNode(items.get(r.nextInt(items.size()))[0]);
            case "money" -> Json.F.stringNode((100 * (1 + r.nextInt(500))) + "|" + Fmt.pick(r, Fmt.CURRENCIES));
            case "url" -> Json.F.stringNode("https://example.com/" + Fmt.pick(r, Fmt.WORDS).toLowerCase() + "/" + id);
            case "file" -> file(r, f.code(), id, "deal");
            case "employee" -> Json.F.stringNode(Integer.toString(1 + r.nextInt(users)));
            case "crm" -> Json.F.stringNode(crmLink(r));
            case "address" -> Json.F.stringNode(r.nextInt(4) + 1 + " " + Fmt.pick(r, Fmt.WORDS) + " street, "
                    + Fmt.pick(r, Fmt.CITIES) + "|" + (r.nextBoolean() ? "52.52;13.40" : ";") + "|" + (500 + r.nextInt(500)));
            default -> Json.F.stringNode("");
        };
    }

    /** A CRM binding value: {@code D_1}, {@code C_2}, {@code CO_3}, {@code L_4} (D:api-reference/crm/data-types.md#crm-binding-format). */
    private String crmLink(SplittableRandom r) {
        int kind = r.nextInt(4);
        int n = switch (kind) {
            case 0 -> d.options.deals();
            case 1 -> d.options.contactCount();
            case 2 -> d.options.companyCount();
            default -> d.options.leadCount();
        };
        String prefix = switch (kind) {
            case 0 -> "D_";
            case 1 -> "C_";
            case 2 -> "CO_";
            default -> "L_";
        };
        return prefix + (1 + r.nextInt(Math.max(1, n)));
    }
}
