package ru.edu.auditor.tools.generate;

import ru.edu.auditor.facts.Teacher;
import ru.edu.auditor.facts.WeeklyIndicators;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import ru.edu.auditor.engine.RuleSet;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.reference.MessengerRegistry;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.tools.generate.Region.Profile;

/**
 * Synthetic facts documents for load and scale tests: organizations of the region the catalog describes
 * ({@link Region}: every decree's municipality and the kinds its obligations address — schools, preschools,
 * additional-education centres, the education authority — and every order's own school), with realistic head
 * counts, a roster of 10–80 teachers, messengers spelled as auditors spell them (domestic, foreign and unknown names,
 * from the reference list), dates around each decree's in-force date and deadlines, reports and appointments —
 * compliant, non-compliant and incomplete. Like a real region: every new organization has a name of its own (school,
 * gymnasium, lyceum, kindergarten or centre, numbered, in a settlement of its district) and a 10-digit INN-like id;
 * each municipality has one education authority under one name and id, and an order's own school is one school
 * audited on several dates: every {@value #FIXED_EVERY}th document is one of these organizations, in turn.
 *
 * <p>Deterministic: document {@code i} depends only on the seed, the catalog and {@code i} (so the first 1,000
 * documents of a 100,000 run are the 1,000 documents of a 1,000 run), and every document passes the API's validation.
 */
public final class FactsGenerator {
    /** How well an organization carries out the decrees. */
    enum Quality { COMPLIANT, NON_COMPLIANT, INCOMPLETE }

    /** Document i is one of the region's fixed organizations (in turn) when {@code i % FIXED_EVERY == FIXED_AT}. */
    static final int FIXED_EVERY = 25;
    private static final int FIXED_AT = 10;

    private static final List<String> SURNAMES = List.of("Магомедов", "Алиев", "Гасанов", "Абдуллаев", "Омаров", "Рамазанов", "Исмаилов",
            "Гаджиев", "Курбанов", "Ахмедов", "Иванов", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков",
            "Морозов", "Петров", "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов",
            "Воробьёв", "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв", "Макаров", "Андреев");
    private static final String INITIALS = "АБВГДЕЗИКЛМНОПРСТУФХЭЮЯ";
    private static final List<String> POSITIONS = List.of("заместитель директора по УВР", "заместитель директора по ИКТ",
            "заместитель директора по ВР", "учитель информатики", "педагог-организатор");
    /** Programs the reference list does not know: the auditor must judge them by hand. */
    static final List<String> UNKNOWN_PROGRAMS = List.of("Школьный портал", "ЭлЖур", "Mattermost", "Rocket.Chat", "Сетевой город",
            "Zulip", "Кампус", "Мой класс онлайн");

    private final long seed;
    private final Region region;
    private final List<String> domestic;
    private final List<String> foreign;

    /** The region of {@code rules}' catalog, messengers spelled as in its reference list. */
    public FactsGenerator(long seed, RuleSet rules) { this(seed, rules.catalog(), rules.messengers()); }

    /** {@code catalog}: the decrees whose organizations are generated; {@code messengers}: the reference list whose spellings the documents use. */
    public FactsGenerator(long seed, Catalog catalog, MessengerRegistry messengers) {
        this.seed = seed;
        this.region = new Region(catalog);
        List<String> dom = new ArrayList<>();
        List<String> fgn = new ArrayList<>();
        for (MessengerRegistry.Entry e : messengers.entries()) {
            if (e.category() != null && e.category().equals("email")) continue;
            List<String> spellings = new ArrayList<>(e.variants());
            spellings.add(0, e.name());
            for (String v : spellings) {
                // the reference list's own variants, written the way people write them: first letter capitalised
                String shown = Fmt.capitalized(v);
                if (e.owner().equals("domestic")) dom.add(shown);
                else fgn.add(shown);
            }
        }
        this.domestic = List.copyOf(dom);
        this.foreign = List.copyOf(fgn);
    }

    public long seed() { return seed; }

    /** Writes documents 1..count, one JSON object per line. */
    public void writeNdjson(long count, OutputStream out) throws IOException {
        for (long i = 1; i <= count; i++) {
            out.write(Json.mapper().writeValueAsBytes(document(i)));
            out.write('\n');
        }
        out.flush();
    }

    /** Document number {@code index} of this seed. */
    public ObjectNode document(long index) {
        Random r = random(index);
        Profile p = null;
        if (index % FIXED_EVERY == FIXED_AT && !region.fixed.isEmpty()) p = region.fixed.get((int) ((index / FIXED_EVERY) % region.fixed.size()));
        int pick = r.nextInt(region.totalWeight());
        if (p == null) {
            p = region.weighted.get(region.weighted.size() - 1);
            for (Profile candidate : region.weighted) {
                pick -= candidate.weight();
                if (pick < 0) {
                    p = candidate;
                    break;
                }
            }
        }
        double q = r.nextDouble();
        Quality quality = q < 0.4 ? Quality.COMPLIANT : q < 0.85 ? Quality.NON_COMPLIANT : Quality.INCOMPLETE;
        int teachers = p.kind().equals("general") ? 10 + r.nextInt(71) : 10 + r.nextInt(21);
        return build(r, index, p, quality, teachers, null);
    }

    /**
     * The name of document {@code index}'s organization: a profile's one organization under one of its spellings,
     * or a new one — form, number and settlement drawn from the index one-to-one, so no two documents of a profile
     * share a name («МКОУ «СОШ № 2» с. Мургук», «МКДОУ «Детский сад № 1 «Радуга»» с. Аксай»).
     */
    static String name(Random r, Profile p, long index) {
        if (p.settlements().isEmpty()) return pick(r, p.names());
        int forms = p.names().size(), places = p.settlements().size();
        String form = p.names().get((int) (index % forms));
        String place = p.settlements().get((int) ((index / forms) % places));
        long number = 1 + index / ((long) forms * places);
        return p.legalForm() + " «" + form.formatted(number) + "» " + place;
    }

    /**
     * An INN-like id: the tax office code of the district (region and inspection), a serial and a check digit by the
     * rule of a legal entity's INN — 10 digits below document 100,000. A profile's one organization has serial 0.
     */
    static String inn(Profile p, long index) {
        String serial = p.settlements().isEmpty() ? "00000" : index < 100_000 ? String.format("%05d", index) : String.format("%07d", index);
        String body = p.innPrefix() + serial;
        int[] weights = {2, 4, 10, 3, 5, 9, 4, 6, 8};
        int sum = 0;
        for (int i = 0; i < body.length(); i++) sum += (body.charAt(i) - '0') * weights[i % weights.length];
        return body + (sum % 11 % 10);
    }

    /**
     * A fixed benchmark case: an order's own school where its district's decree applies too (МКОУ «Сергокалинская
     * СОШ №1» in the catalog of this repository) with a roster of {@code teachers}, audited 38 days after the order
     * took effect, non-compliant on a few clauses — the same document for every call with this seed and catalog.
     */
    public ObjectNode schoolWithRoster(int teachers) {
        Profile school = region.benchmarkSchool();
        return build(random(-1), 0, school, Quality.NON_COMPLIANT, teachers, school.inForce().plusDays(38));
    }

    private Random random(long index) {
        long mixed = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL;
        return new Random(mixed ^ (mixed >>> 29));
    }

    private ObjectNode build(Random r, long index, Profile p, Quality quality, int teacherCount, LocalDate fixedAsOf) {
        boolean good = quality == Quality.COMPLIANT;
        boolean sparse = quality == Quality.INCOMPLETE;
        LocalDate asOf = fixedAsOf != null ? fixedAsOf : between(r, p.auditFrom(), p.auditTo());
        LocalDate since = asOf.isBefore(p.inForce()) ? asOf.minusDays(7) : p.inForce();

        ObjectNode doc = Json.mapper().createObjectNode();
        ObjectNode org = doc.putObject("organization");
        org.put("id", inn(p, index));
        org.put("name", name(r, p, index));
        org.put("kind", p.kind());
        if (r.nextInt(10) > 0) org.put("region", p.region());
        org.put("municipality", pick(r, p.municipalities()));
        doc.put("asOf", asOf.toString());
        if (!(sparse && r.nextBoolean())) {
            ObjectNode period = doc.putObject("period");
            period.put("from", since.toString());
            period.put("to", max(since, asOf.minusDays(1)).toString());
        }

        if (p.kind().equals("authority")) {
            authority(r, doc, p, asOf, since, good, sparse);
        } else {
            organization(r, doc, p, asOf, since, good, sparse, teacherCount);
        }
        communication(r, doc, good, sparse);
        responsible(r, doc, p, asOf, since, good, sparse);
        return doc;
    }

    private void organization(Random r, ObjectNode doc, Profile p, LocalDate asOf, LocalDate since, boolean good, boolean sparse, int teacherCount) {
        // roster first: the aggregate counts are derived from it, so they always agree
        ArrayNode roster = doc.putArray("teachers");
        int registeredTeachers = 0, with3 = 0, with10 = 0, with1Call = 0, createdChats = 0, linked = 0, mySchoolActive = 0;
        for (int t = 1; t <= teacherCount; t++) {
            ObjectNode teacher = roster.addObject();
            teacher.put("id", String.format("t%02d", t));
            teacher.put("name", pick(r, SURNAMES) + (r.nextBoolean() ? "а" : "") + " " + INITIALS.charAt(r.nextInt(INITIALS.length())) + "."
                    + INITIALS.charAt(r.nextInt(INITIALS.length())) + ".");
            boolean slack = !good && r.nextInt(6) == 0;
            boolean registered = !slack || r.nextBoolean();
            int messages = slack ? r.nextInt(10) : 10 + r.nextInt(40);
            int calls = slack ? r.nextInt(2) : 1 + r.nextInt(5);
            int chats = r.nextInt(4);
            boolean ejournal = !slack || r.nextBoolean();
            boolean confirmed = !slack || r.nextInt(3) > 0;
            LocalDate signIn = slack && r.nextBoolean() ? asOf.minusDays(370 + r.nextInt(200)) : asOf.minusDays(r.nextInt(60));
            teacher.put("sferumRegistered", registered);
            teacher.put("groupChatMessages", messages);
            teacher.put("calls", calls);
            teacher.put("createdGroupChats", chats);
            teacher.put("ejournalLinked", ejournal);
            teacher.put("mySchoolLastSignIn", signIn.toString());
            teacher.put("mySchoolConfirmed", confirmed);
            if (registered) registeredTeachers++;
            if (messages >= 3) with3++;
            if (messages >= WeeklyIndicators.MESSAGES_INDICATOR_MIN) with10++;
            if (calls >= WeeklyIndicators.CALLS_INDICATOR_MIN) with1Call++;
            if (chats > 0) createdChats++;
            if (ejournal) linked++;
            if (confirmed && !signIn.isAfter(asOf) && !signIn.isBefore(asOf.minusDays(Teacher.MY_SCHOOL_ACTIVE_DAYS))) mySchoolActive++;
        }
        int students = p.kind().equals("preschool") ? teacherCount * (6 + r.nextInt(5)) : teacherCount * (8 + r.nextInt(7));
        int studentsRegistered = good ? students : students - r.nextInt(Math.max(1, students / 5));
        int employees = teacherCount + 5 + r.nextInt(16);
        int employeesRegistered = good ? employees : employees - r.nextInt(4);
        ObjectNode hc = doc.putObject("headcount");
        headcount(hc, "employees", employees, employeesRegistered);
        headcount(hc, "teachers", teacherCount, registeredTeachers);
        if (!(sparse && r.nextBoolean())) headcount(hc, "students", students, studentsRegistered);
        if (r.nextInt(3) > 0) {
            int parents = students * 3 / 2;
            headcount(hc, "parents", parents, parents / 2 + r.nextInt(parents / 2 + 1));
        }

        if (!(sparse && r.nextBoolean())) {
            ObjectNode ms = doc.putObject("mySchool");
            ms.put("activeTeachers", mySchoolActive);
            ms.put("activeStudents", r.nextInt(students + 1));
        }

        if (!(sparse && r.nextBoolean())) {
            ObjectNode ind = doc.putObject("indicators");
            LocalDate curTo = asOf.minusDays(1 + r.nextInt(3));
            LocalDate curFrom = curTo.minusDays(6);
            ObjectNode cur = ind.putObject("current");
            cur.put("periodFrom", curFrom.toString());
            cur.put("periodTo", curTo.toString());
            int studentsIn = Math.min(students, studentsRegistered);
            cur.put("studentsInSferum", studentsIn);
            cur.put("teachersInSferum", registeredTeachers);
            cur.put("teachersCreatedGroupChats", createdChats);
            cur.put("teachersWith3Messages", with3);
            cur.put("teachersWith10Messages", with10);
            cur.put("teachersWith1Call", with1Call);
            cur.put("teachersLinkedEjournal", linked);
            cur.put("studentsLinkedEjournal", r.nextInt(studentsIn + 1));
            if (r.nextInt(4) > 0) {
                // the week before the decree: lower figures for a school that grows, higher for one that fell
                ObjectNode prev = ind.putObject("previous");
                LocalDate prevTo = min(curFrom.minusDays(1), since.minusDays(1));
                prev.put("periodFrom", prevTo.minusDays(6).toString());
                prev.put("periodTo", prevTo.toString());
                double f = good ? 0.4 + r.nextDouble() * 0.5 : 0.6 + r.nextDouble() * 0.7;
                int p3 = Math.min(teacherCount, scale(with3, f));
                prev.put("studentsInSferum", Math.min(students, scale(studentsIn, f)));
                prev.put("teachersInSferum", Math.min(teacherCount, scale(registeredTeachers, f)));
                prev.put("teachersCreatedGroupChats", Math.min(teacherCount, scale(createdChats, f)));
                prev.put("teachersWith3Messages", p3);
                prev.put("teachersWith10Messages", Math.min(p3, scale(with10, f)));
                prev.put("teachersWith1Call", Math.min(teacherCount, scale(with1Call, f)));
                prev.put("teachersLinkedEjournal", Math.min(teacherCount, scale(linked, f)));
                prev.put("studentsLinkedEjournal", scale(studentsIn / 2, f));
                prev.put("mySchoolActiveTeachers", Math.min(teacherCount, scale(mySchoolActive, f)));
                prev.put("mySchoolActiveStudents", r.nextInt(students / 2 + 1));
            }
        }

        if (!(sparse && r.nextBoolean())) {
            ObjectNode sf = doc.putObject("sferum");
            sf.put("profileStatus", good || r.nextInt(4) > 0 ? "active" : "inactive");
            boolean formed = good || r.nextBoolean();
            sf.put("structureFormed", formed);
            if (formed) sf.put("structureFormedOn", between(r, since, asOf).toString());
            int classes = Math.max(1, teacherCount / 3 + r.nextInt(5));
            sf.put("classCount", classes);
            sf.put("chatCount", classes * 2 + r.nextInt(10));
            sf.put("ejournalIntegrated", good || r.nextBoolean());
            sf.put("communicationsViaSferum", good || r.nextBoolean());
            sf.put("informationChannels", good ? 1 + r.nextInt(3) : r.nextInt(3));
        }

        if (!(sparse && r.nextBoolean())) {
            ObjectNode lead = doc.putObject("leadership");
            int total = 2 + r.nextInt(4);
            lead.put("total", total);
            lead.put("joinedAuthorityChats", good ? total : r.nextInt(total + 1));
        }
        if (!(sparse && r.nextBoolean())) {
            ArrayNode analyses = doc.putArray("weeklyAnalyses");
            for (LocalDate day = since.plusDays(4); !day.isAfter(asOf.minusDays(1)); day = day.plusDays(7)) {
                if (good || r.nextInt(3) > 0) analyses.add(day.toString());
            }
        }
        if (!(sparse && r.nextBoolean())) {
            ArrayNode reports = doc.putArray("monthlyReports");
            for (YearMonth m = YearMonth.from(p.inForce()); m.isBefore(YearMonth.from(asOf)); m = m.plusMonths(1)) {
                for (String platform : p.kind().equals("general") ? List.of("sferum", "mySchool") : List.of("sferum")) {
                    if (!good && r.nextInt(4) == 0) continue;
                    LocalDate due = m.plusMonths(1).atDay(Math.min(30, m.plusMonths(1).lengthOfMonth()));
                    LocalDate sent = good ? m.plusMonths(1).atDay(1 + r.nextInt(25)) : due.plusDays(r.nextInt(10) - 3);
                    if (sent.isAfter(asOf)) continue;
                    ObjectNode rep = reports.addObject();
                    rep.put("platform", platform);
                    rep.put("month", m.toString());
                    rep.put("sentOn", sent.toString());
                }
            }
        }
        if (!(sparse && r.nextBoolean())) {
            ObjectNode act = doc.putObject("localAct");
            boolean adopted = good || r.nextBoolean();
            act.put("adopted", adopted);
            if (adopted) {
                act.put("title", "Положение о порядке применения сервисов взаимодействия посредством ИКОП «Сферум»");
                act.put("number", String.valueOf(140 + r.nextInt(30)));
                act.put("approvedOn", between(r, min(since, asOf), asOf).toString());
                if (good || r.nextBoolean()) act.put("publishedUrl", "https://school-" + doc.path("organization").path("id").asText() + ".gosweb.gosuslugi.ru/ofitsialno/dokumenty/polozhenie-sferum.pdf");
            }
        }
    }

    private void authority(Random r, ObjectNode doc, Profile p, LocalDate asOf, LocalDate since, boolean good, boolean sparse) {
        int staff = 12 + r.nextInt(20);
        ObjectNode hc = doc.putObject("headcount");
        headcount(hc, "employees", staff, good ? staff : staff - 1 - r.nextInt(5));
        ObjectNode a = doc.putObject("authority");
        int orgs = 20 + r.nextInt(41);
        a.put("organizationsTotal", orgs);
        a.put("organizationsOnSferum", good ? orgs : orgs - 1 - r.nextInt(6));
        boolean chats = good || r.nextBoolean();
        a.put("chatsForHeadsCreated", chats);
        if (chats) a.put("chatsForHeadsCreatedOn", between(r, min(since, asOf), asOf).toString());
        a.put("headsTotal", orgs);
        a.put("headsAcquainted", good ? orgs : orgs - r.nextInt(8));
        a.put("staffTotal", staff);
        a.put("staffAcquainted", good ? staff : staff - r.nextInt(4));
        if (!(sparse && r.nextBoolean())) {
            boolean monitoring = good || r.nextBoolean();
            a.put("monitoringConducted", monitoring);
            if (monitoring) a.put("monitoringLastOn", between(r, min(since, asOf), asOf).toString());
            boolean control = good || r.nextBoolean();
            a.put("teacherUsageControlConducted", control);
            if (control) a.put("teacherUsageControlLastOn", between(r, min(since, asOf), asOf).toString());
        }
    }

    private void communication(Random r, ObjectNode doc, boolean good, boolean sparse) {
        if (sparse && r.nextBoolean()) return;
        ObjectNode c = doc.putObject("communication");
        ArrayNode inUse = c.putArray("messengersInUse");
        inUse.addObject().put("name", "Сферум").put("purpose", "both");
        int extra = r.nextInt(3);
        for (int i = 0; i < extra; i++) inUse.addObject().put("name", pick(r, domestic)).put("purpose", purpose(r));
        if (!good) {
            int k = 1 + r.nextInt(2);
            for (int i = 0; i < k; i++) inUse.addObject().put("name", pick(r, foreign)).put("purpose", purpose(r));
        }
        if (r.nextInt(5) == 0) inUse.addObject().put("name", pick(r, UNKNOWN_PROGRAMS)).put("purpose", purpose(r));
        ArrayNode chats = c.putArray("officialChats");
        chats.addObject().put("platform", "Сферум").put("count", 3 + r.nextInt(40));
        if (r.nextBoolean()) chats.addObject().put("platform", "VK Мессенджер").put("count", 1 + r.nextInt(6));
        if (!good && r.nextBoolean()) chats.addObject().put("platform", pick(r, List.of("WhatsApp", "Telegram", "Вотсап", "Viber"))).put("count", 1 + r.nextInt(5));
    }

    private void responsible(Random r, ObjectNode doc, Profile p, LocalDate asOf, LocalDate since, boolean good, boolean sparse) {
        if (sparse && r.nextBoolean()) return;
        ArrayNode people = doc.putArray("responsiblePersons");
        if (!good && r.nextInt(4) == 0) return; // nobody appointed
        ObjectNode person = people.addObject();
        person.put("name", pick(r, SURNAMES) + (r.nextBoolean() ? "а" : "") + " " + INITIALS.charAt(r.nextInt(INITIALS.length())) + "."
                + INITIALS.charAt(r.nextInt(INITIALS.length())) + ".");
        person.put("position", pick(r, POSITIONS));
        ArrayNode areas = person.putArray("areas");
        areas.add("sferum");
        if (r.nextBoolean()) areas.add("mySchool");
        if (good || r.nextBoolean()) areas.add("ict");
        if (good || r.nextBoolean()) {
            ObjectNode order = person.putObject("appointedBy");
            order.put("number", (1 + r.nextInt(200)) + (r.nextBoolean() ? "-од" : ""));
            LocalDate appointed = between(r, min(since, asOf), asOf);
            order.put("date", appointed.toString());
            if (good || r.nextBoolean()) person.put("orderCopySentOn", between(r, appointed, asOf).toString());
        }
    }

    private static void headcount(ObjectNode hc, String group, int total, int registered) {
        hc.putObject(group).put("total", total).put("registered", Math.max(0, Math.min(total, registered)));
    }

    private static String purpose(Random r) { return List.of("communication", "education", "both").get(r.nextInt(3)); }

    private static int scale(int v, double f) { return Math.max(0, (int) Math.round(v * f)); }

    private static <T> T pick(Random r, List<T> list) { return list.get(r.nextInt(list.size())); }

    private static LocalDate between(Random r, LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(r.nextInt((int) days + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) { return a.isBefore(b) ? a : b; }

    private static LocalDate max(LocalDate a, LocalDate b) { return a.isAfter(b) ? a : b; }

    /** The whole stream as a string (tests and small runs). */
    public String ndjson(long count) {
        StringBuilder b = new StringBuilder();
        for (long i = 1; i <= count; i++) {
            try {
                b.append(Json.mapper().writeValueAsString(document(i))).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.toString();
    }
}
