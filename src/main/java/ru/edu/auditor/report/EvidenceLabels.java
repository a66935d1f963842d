package ru.edu.auditor.report;

import java.util.Map;
import ru.edu.auditor.facts.FactPaths;

/**
 * Russian names of the evidence a verdict rests on, for everything a person reads (the act, the report page): the rules
 * name their evidence by short keys, which stay in JSON for API clients and never reach a page or a document. A key the
 * rules name after a field of the facts falls back to the facts schema's description of that field.
 */
public final class EvidenceLabels {
    private EvidenceLabels() { }

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("activeLast12Months", "активны за последние 12 месяцев"),
            Map.entry("activeLast7Days", "активны за последние 7 дней"),
            Map.entry("activeTeachers", "активных педагогов"),
            Map.entry("adopted", "акт принят"),
            Map.entry("analyses", "еженедельные анализы"),
            Map.entry("anyForeignOwned", "есть программы иностранных владельцев"),
            Map.entry("approvedOn", "дата утверждения"),
            Map.entry("areas", "направления"),
            Map.entry("assigned", "назначен"),
            Map.entry("calls", "звонки"),
            Map.entry("chatCount", "число чатов"),
            Map.entry("chatsForHeadsCreated", "чаты руководителей созданы"),
            Map.entry("chatsOnSferum", "чаты в «Сферуме»"),
            Map.entry("classCount", "число классов"),
            Map.entry("compared", "сравниваемые недели"),
            Map.entry("coordinator", "координатор"),
            Map.entry("createdOn", "дата создания"),
            Map.entry("current", "текущий период"),
            Map.entry("deadlineEffective", "срок с учётом выходных дней"),
            Map.entry("ejournalIntegrated", "связь с электронным журналом"),
            Map.entry("elsewhere", "в других мессенджерах"),
            Map.entry("employees", "работники"),
            Map.entry("emptyGroup", "группа пуста"),
            Map.entry("exemptionId", "освобождение"),
            Map.entry("fallen", "снизились"),
            Map.entry("formedOn", "дата формирования"),
            Map.entry("givenRole", "назначенная роль"),
            Map.entry("group", "группа"),
            Map.entry("holders", "владельцы"),
            Map.entry("inUse", "используются"),
            Map.entry("inactive", "неактивны"),
            Map.entry("indicators", "показатели"),
            Map.entry("informationChannels", "информационные каналы"),
            Map.entry("kind", "вид"),
            Map.entry("lastOn", "последняя дата"),
            Map.entry("late", "с опозданием"),
            Map.entry("messages", "сообщения"),
            Map.entry("missing", "недостаёт"),
            Map.entry("missingIndicators", "не представленные показатели"),
            Map.entry("monitoringConducted", "мониторинг проведён"),
            Map.entry("municipality", "муниципальное образование"),
            Map.entry("name", "наименование"),
            Map.entry("namedInDecree", "названы в решении"),
            Map.entry("nextMonth", "следующий месяц"),
            Map.entry("number", "номер"),
            Map.entry("onSferum", "в «Сферуме»"),
            Map.entry("onTime", "в срок"),
            Map.entry("order", "приказ"),
            Map.entry("orderCopySentOn", "копия приказа направлена"),
            Map.entry("parents", "родители"),
            Map.entry("partial", "частично"),
            Map.entry("person", "лицо"),
            Map.entry("previous", "предыдущий период"),
            Map.entry("previousFrom", "предыдущий период с"),
            Map.entry("region", "субъект РФ"),
            Map.entry("registered", "зарегистрированы"),
            Map.entry("responsible", "ответственные"),
            Map.entry("risen", "выросли"),
            Map.entry("role", "роль"),
            Map.entry("shortfall", "недостаёт"),
            Map.entry("shortfalls", "недостачи"),
            Map.entry("structureFormed", "структура сформирована"),
            Map.entry("students", "обучающиеся"),
            Map.entry("teacherUsageControlConducted", "контроль использования педагогами проведён"),
            Map.entry("teachers", "педагоги"),
            Map.entry("teachersTotal", "педагогов всего"),
            Map.entry("toJudge", "подлежат проверке"),
            Map.entry("total", "всего"),
            Map.entry("uncovered", "без ответственного"),
            Map.entry("unknown", "неизвестные"),
            Map.entry("use", "использование"),
            Map.entry("weeks", "недели"),
            Map.entry("weeksWithoutAnalysis", "недели без анализа"),
            Map.entry("wouldBe", "было бы"),
            Map.entry("profileStatus", "статус профиля в «Сферуме»"),
            Map.entry("publishedUrl", "адрес публикации"),
            Map.entry("notYetDue", "срок не наступил"));

    /** Codes the rules give as values (a group, a status), in Russian. */
    private static final Map<String, String> VALUES = Map.of(
            "active", "активен",
            "inactive", "не активен",
            "employees", "работники",
            "teachers", "педагоги",
            "students", "обучающиеся",
            "parents", "родители");

    /** The Russian name of an evidence key; a key neither the rules' list nor the facts schema names reads «сведения». */
    public static String label(String key) {
        String l = LABELS.get(key);
        if (l != null) return l;
        String t = key.matches("[a-z][A-Za-z0-9]*") ? FactPaths.label(key) : null;
        if (t != null) return t;
        String d = key.matches("[a-z][A-Za-z0-9]*") ? FactPaths.describe(key) : null;
        if (d != null) return shortened(d);
        return key.matches(".*[A-Za-z].*") ? "сведения" : key;
    }

    /**
     * A value the rules give as a code (a group, a role: «employees») or as a field of the facts (the fields a «нет
     * сведений» names: «indicators.previous») in Russian; any other value as it is.
     */
    public static String value(String v) {
        String known = VALUES.get(v);
        if (known != null) return known;
        String field = field(v);
        return field != null ? field : v;
    }

    /** The label of a value that is a path of the facts (dotted, or a whole section a rule names as missing); null otherwise. */
    static String field(String v) {
        return v != null && v.matches("[a-z][A-Za-z0-9]*(\\[\\d*\\])?(\\.[a-z][A-Za-z0-9]*(\\[\\d*\\])?)+|weeklyAnalyses|monthlyReports|period|localAct|leadership")
                ? FactPaths.label(v) : null;
    }

    private static String shortened(String description) {
        String s = description.endsWith(".") ? description.substring(0, description.length() - 1) : description;
        int cut = s.indexOf(". ");
        if (cut > 0) s = s.substring(0, cut);
        return s.length() > 80 ? s.substring(0, 79) + "…" : s;
    }
}
