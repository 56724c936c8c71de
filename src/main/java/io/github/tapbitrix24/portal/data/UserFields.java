package io.github.tapbitrix24.portal.data;

import io.github.tapbitrix24.portal.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated portal's user fields: {@code user.fields} answers every field of a user as
 * {@code {CODE: label}} (the list and labels of D:api-reference/user/user-fields.md, as a real portal
 * answers in F:tests/real_responses/user_fields.py, which adds TIME_ZONE_OFFSET and UF_FACEBOOK), and
 * {@code user.userfield.list} describes the portal's own {@code UF_USR_*} fields
 * (D:api-reference/user/userfields/user-userfield-list.md, whose example fields are simulated here).
 */
public final class UserFields {
    /** A field of a user: its code, label, and for custom fields the userfield type and multiplicity. */
    record Field(String code, String label, String type, boolean multiple) {
        boolean custom() {
            return code.startsWith("UF_USR_");
        }
    }

    static final String ENUM_FIELD = "UF_USR_1724228142162";
    static final String MONEY_FIELD = "UF_USR_MONEY";
    /** Option IDs of {@link #ENUM_FIELD}, as in the docs' example. */
    static final List<String> ENUM_OPTIONS = List.of("26", "27", "28");

    static final List<Field> ALL = List.of(
            std("ID", "ID"), std("XML_ID", "External code"), std("ACTIVE", "Activity"), std("NAME", "First Name"),
            std("LAST_NAME", "Last Name"), std("SECOND_NAME", "Middle Name"), std("TITLE", "User List"),
            std("EMAIL", "E-Mail"), std("LAST_LOGIN", "Last Authorization"), std("DATE_REGISTER", "Registration Date"),
            std("TIME_ZONE", "TIME_ZONE"), std("IS_ONLINE", "IS_ONLINE"), std("TIME_ZONE_OFFSET", "TIME_ZONE_OFFSET"),
            std("TIMESTAMP_X", "TIMESTAMP_X"), std("LAST_ACTIVITY_DATE", "LAST_ACTIVITY_DATE"),
            std("PERSONAL_GENDER", "Gender"), std("PERSONAL_PROFESSION", "Profession"),
            std("PERSONAL_WWW", "Homepage"), std("PERSONAL_BIRTHDAY", "Date of Birth"), std("PERSONAL_PHOTO", "Photo"),
            std("PERSONAL_ICQ", "ICQ"), std("PERSONAL_PHONE", "Personal Phone"), std("PERSONAL_FAX", "Fax"),
            std("PERSONAL_MOBILE", "Personal Mobile"), std("PERSONAL_PAGER", "Pager"),
            std("PERSONAL_STREET", "Residential Street"), std("PERSONAL_CITY", "Residential City"),
            std("PERSONAL_STATE", "State / Region"), std("PERSONAL_ZIP", "Zip Code"), std("PERSONAL_COUNTRY", "Country"),
            std("PERSONAL_MAILBOX", "P.O. Box"), std("PERSONAL_NOTES", "Additional Notes"),
            std("WORK_PHONE", "Company Phone"), std("WORK_COMPANY", "Company"), std("WORK_POSITION", "Job Title"),
            std("WORK_DEPARTMENT", "Department"), std("WORK_WWW", "Company Website"), std("WORK_FAX", "WORK_FAX"),
            std("WORK_PAGER", "WORK_PAGER"), std("WORK_STREET", "WORK_STREET"), std("WORK_MAILBOX", "WORK_MAILBOX"),
            std("WORK_CITY", "Work City"), std("WORK_STATE", "WORK_STATE"), std("WORK_ZIP", "WORK_ZIP"),
            std("WORK_COUNTRY", "WORK_COUNTRY"), std("WORK_PROFILE", "WORK_PROFILE"), std("WORK_LOGO", "WORK_LOGO"),
            std("WORK_NOTES", "WORK_NOTES"), std("UF_SKYPE_LINK", "Skype Chat Link"), std("UF_ZOOM", "Zoom"),
            std("UF_EMPLOYMENT_DATE", "Hire Date"), std("UF_TIMEMAN", "Time Tracking"), std("UF_DEPARTMENT", "Units"),
            std("UF_INTERESTS", "Interests"), std("UF_SKILLS", "Skills"), std("UF_WEB_SITES", "Other Websites"),
            std("UF_XING", "Xing"), std("UF_LINKEDIN", "LinkedIn"), std("UF_FACEBOOK", "Facebook"),
            std("UF_TWITTER", "Twitter"), std("UF_SKYPE", "Skype"), std("UF_DISTRICT", "District"),
            std("UF_PHONE_INNER", "Extension"), std("USER_TYPE", "USER_TYPE"),
            new Field(ENUM_FIELD, "Shift", "enumeration", true), new Field(MONEY_FIELD, "Salary", "money", false));

    private UserFields() {
    }

    private static Field std(String code, String label) {
        return new Field(code, label, null, false);
    }

    /** The {@code user.fields} answer. */
    public static ObjectNode userFields() {
        ObjectNode o = Json.object();
        ALL.forEach(f -> o.put(f.code(), f.label()));
        return o;
    }

    /** The {@code user.userfield.list} answer: the custom fields, shaped as the docs' example. */
    public static ArrayNode userfieldList() {
        ArrayNode out = Json.array();
        int id = 176;
        for (Field f : ALL) {
            if (!f.custom()) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("ID", Integer.toString(id++));
            o.put("ENTITY_ID", "USER");
            o.put("FIELD_NAME", f.code());
            o.put("USER_TYPE_ID", f.type());
            o.putNull("XML_ID");
            o.put("SORT", "100");
            o.put("MULTIPLE", f.multiple() ? "Y" : "N");
            o.put("MANDATORY", "N");
            o.put("SHOW_FILTER", "N");
            o.put("SHOW_IN_LIST", "Y");
            o.put("EDIT_IN_LIST", "Y");
            o.put("IS_SEARCHABLE", "N");
            ObjectNode settings = o.putObject("SETTINGS");
            if (f.type().equals("enumeration")) {
                settings.put("DISPLAY", "UI");
                ArrayNode list = o.putArray("LIST");
                int sort = 0;
                for (String option : ENUM_OPTIONS) {
                    list.addObject().put("ID", option).put("SORT", Integer.toString(sort)).put("VALUE",
                            Integer.toString(sort / 100 + 1)).put("DEF", "N").put("XML_ID", "opt" + option);
                    sort += 100;
                }
            } else {
                settings.put("DEFAULT_VALUE", "");
            }
        }
        return out;
    }
}
