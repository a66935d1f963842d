package ru.edu.auditor.law.checks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import ru.edu.auditor.facts.Audit;
import ru.edu.auditor.facts.ChatPlatform;
import ru.edu.auditor.facts.Headcount;
import ru.edu.auditor.facts.MessengerNames;
import ru.edu.auditor.facts.MessengerUse;
import ru.edu.auditor.facts.WeeklyIndicators;
import ru.edu.auditor.facts.FactPaths;
import ru.edu.auditor.law.Judgement;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.text.Fmt;
import ru.edu.auditor.text.Plural;

/**
 * Checks that several decrees share, each a pure function of facts returning a {@link Judgement}.
 * Decree DRL files decide which check answers which clause and with which of the decree's values;
 * the readings of the decrees' wording these checks encode are written next to each method.
 */
public final class Checks {
    private Checks() { }

    /**
     * {@link #indicatorsNotFallen} on the collected indicator sets of the two periods; NO_DATA naming the period
     * whose indicators are missing.
     */
    public static Judgement indicatorTrend(List<?> previous, List<?> current, List<String> keys) {
        if (previous.isEmpty() || current.isEmpty()) {
            List<Object> reported = new ArrayList<>(previous);
            reported.addAll(current);
            return noData(missingIndicatorPeriods(reported));
        }
        return indicatorsNotFallen((WeeklyIndicators) previous.get(0), (WeeklyIndicators) current.get(0), keys);
    }

    /** The fact paths of the indicator periods missing, given the indicator sets that were reported. */
    public static String[] missingIndicatorPeriods(List<?> reported) {
        List<String> paths = new ArrayList<>(List.of("indicators.previous", "indicators.current"));
        for (Object o : reported) paths.remove("indicators." + ((WeeklyIndicators) o).getRole());
        return paths.toArray(String[]::new);
    }

    /** The Russian name of an appointee's role (facts {@code responsiblePersons[].role}, catalog parameter {@code role}). */
    public static String roleLabel(String role) {
        return switch (role) {
            case "coordinator" -> "координатор";
            case "responsibleForUse" -> "ответственный за организацию использования";
            case "administrator" -> "администратор ИКОП «Сферум»";
            case "ictSupport" -> "ответственный за поддержку применяемых технологий";
            default -> role;
        };
    }

    /** The Russian name of a responsibility area (sferum, mySchool, ict) for explanations. */
    public static String areaLabel(String area) {
        return switch (area) {
            case "sferum" -> "ИКОП «Сферум»";
            case "mySchool" -> "ФГИС «Моя школа»";
            case "ict" -> "поддержку применяемых технологий (ИКТ)";
            default -> area;
        };
    }

    /**
     * At least {@code requiredPercent} % of the group registered, the percent the clause states (catalog parameter).
     * «100 %» means every single person: 399 of 400 is a FAIL whatever the rounding (the share is compared in whole
     * numbers, never rounded). A group of 0 is MANUAL «группа пуста» ({@link GroupShares}). {@code whoGenitive}:
     * «сотрудников», «педагогических работников».
     */
    public static Judgement allRegistered(Headcount h, String whoGenitive, String where, int requiredPercent) {
        return GroupShares.atLeast(h.getRegistered(), h.getTotal(), requiredPercent, "зарегистрировано", whoGenitive, " " + where,
                "headcount." + h.getGroup() + ".total", h.getGroup());
    }

    /**
     * Foreign messengers, wherever they show: a program named in {@code communication.messengersInUse} or a
     * platform holding at least one official chat (the facts schema says an empty messengersInUse means «no
     * programs besides those of officialChats», so a WhatsApp chat is use of WhatsApp even when the list of
     * programs leaves it out). When messengersInUse was not reported, a foreign chat platform is still a known
     * breach (FAIL); otherwise the answer is NO_DATA naming it.
     * <p>{@code listed}: the names a decree prints (may be empty; catalog parameter {@code bannedPrograms}). When
     * {@code listIsExhaustive} is false the decree bans every foreign-owned program and its list only exemplifies
     * (catalog parameter {@code anyForeignOwned: true}): any foreign-owned program fails. When true only the listed
     * ones fail, and an unlisted foreign one needs a person's judgement. A program absent from the reference list always needs a
     * person's judgement. Programs are named alphabetically (working memory has no meaningful order).
     */
    public static Judgement noForeignMessengers(Collection<MessengerUse> uses, Collection<ChatPlatform> chats, boolean usesReported,
                                                List<String> listed, boolean listIsExhaustive) {
        List<MessengerUse> all = new ArrayList<>(usesReported ? uses : List.of());
        for (ChatPlatform c : chats) {
            if (c.getCount() > 0 && all.stream().noneMatch(u -> MessengerNames.sameName(u.getCanonicalName(), c.getPlatform().getCanonicalName()))) {
                all.add(c.getPlatform());
            }
        }
        all.sort(java.util.Comparator.comparing(MessengerUse::getLabel, String.CASE_INSENSITIVE_ORDER));
        Judgement j = judgeForeign(all, listed, listIsExhaustive);
        if (usesReported) return j;
        Judgement missing = noData("communication.messengersInUse");
        return j.verdict() == Verdict.FAIL ? worst(j, missing) : missing;
    }

    private static Judgement judgeForeign(List<MessengerUse> uses, List<String> listed, boolean listIsExhaustive) {
        List<String> banned = new ArrayList<>();
        List<String> toJudge = new ArrayList<>();
        for (MessengerUse u : uses) {
            boolean isListed = listed.stream().anyMatch(n -> MessengerNames.sameName(n, u.getCanonicalName()));
            if (isListed || (u.isForeign() && !listIsExhaustive)) {
                banned.add(u.getLabel() + (u.getOwnerEntity() != null ? " — " + u.getOwnerEntity() : "") + (isListed ? ", назван в приказе" : ""));
            } else if (u.isForeign()) {
                toJudge.add(u.getLabel() + " — иностранный правообладатель (" + u.getOwnerEntity() + "), но в перечне приказа не назван");
            } else if (u.isUnknown()) {
                toJudge.add(u.getLabel() + " — нет в справочнике, правообладатель неизвестен");
            }
        }
        List<String> all = uses.stream().map(MessengerUse::getLabel).toList();
        if (!banned.isEmpty()) {
            return Judgement.of(Verdict.FAIL, "Используются запрещённые программы иностранных правообладателей: " + String.join("; ", banned) + "."
                    + (toJudge.isEmpty() ? "" : " Кроме того, требуют оценки: " + String.join("; ", toJudge) + "."),
                    "banned", banned, "toJudge", toJudge, "inUse", all);
        }
        if (!toJudge.isEmpty()) {
            return Judgement.of(Verdict.MANUAL, "Требуется оценка специалиста: " + String.join("; ", toJudge) + ".",
                    "toJudge", toJudge, "inUse", all);
        }
        return Judgement.of(Verdict.PASS, all.isEmpty()
                ? "Организация сообщила, что не использует никаких программ связи, кроме платформ служебных чатов; иностранных нет."
                : "Используются только отечественные программы: " + String.join(", ", all) + ".", "inUse", all);
    }

    /**
     * «Полный переход на ИКОП «Сферум» для организации коммуникации» (shared reading {@code fullTransitionToSferum}):
     * every official chat is on Sferum / VK Messenger, and no other program is used for official communication
     * ({@code others}: programs that are not Sferum and not for teaching only). The worse of the two parts; a
     * part whose facts were not reported is NO_DATA, so a known breach of the other part is still a FAIL.
     */
    public static Judgement fullTransitionToSferum(Collection<ChatPlatform> chats, boolean chatsReported,
                                                   Collection<MessengerUse> others, boolean usesReported) {
        Judgement chatPart = chatsReported ? officialChatsOnSferum(chats) : noData("communication.officialChats");
        Judgement otherPart = !usesReported ? noData("communication.messengersInUse")
                : others.isEmpty() ? Judgement.of(Verdict.PASS, "Других программ для служебной коммуникации нет.")
                : Judgement.of(Verdict.FAIL, "Для служебной коммуникации кроме Сферума используются: " + Fmt.list(others) + ".",
                        "otherMessengers", Fmt.list(others));
        return worst(chatPart, otherPart);
    }

    /** Every official chat is on Sferum (VK Messenger counts: Sferum's chats live there). */
    public static Judgement officialChatsOnSferum(Collection<ChatPlatform> chats) {
        int onSferum = chats.stream().filter(ChatPlatform::isSferum).mapToInt(ChatPlatform::getCount).sum();
        List<String> elsewhere = chats.stream().filter(c -> !c.isSferum() && c.getCount() > 0).map(ChatPlatform::toString).toList();
        int total = chats.stream().mapToInt(ChatPlatform::getCount).sum();
        if (total == 0) {
            return Judgement.of(Verdict.FAIL, "Служебных чатов нет ни на одной платформе: в ИКОП «Сферум» переписка не ведётся.",
                    "onSferum", 0, "elsewhere", elsewhere);
        }
        if (elsewhere.isEmpty()) {
            return Judgement.of(Verdict.PASS, "Все служебные чаты (" + total + ") ведутся в ИКОП «Сферум» / VK Мессенджере.",
                    "onSferum", onSferum, "total", total);
        }
        return Judgement.of(Verdict.FAIL, "В ИКОП «Сферум» " + onSferum + " из " + total + " " + Plural.ofGenitive(total, "служебных чатов") + "; вне Сферума: "
                + String.join(", ", elsewhere) + ".", "onSferum", onSferum, "total", total, "elsewhere", elsewhere);
    }

    /**
     * "Raise the indicators": compares the audited period with the previous one, under the partial-comparison
     * reading ({@link #partial}): a fall of any indicator the clause names is a FAIL (each named with both values),
     * even when others are unknown; no fall is a PASS only when every indicator the clause names is known in both
     * periods, stating which rose and which stayed level (a level indicator is not read as a breach: the decree
     * orders measures to raise, and an indicator already at its ceiling cannot rise); no fall among the known ones
     * while some are unknown is NO_DATA naming each missing value by its fact path («indicators.previous.…»). The
     * periods are named as far as they are known; previous indicators the service took from a stored audit are
     * named with that audit (evidence {@code previousFrom}).
     */
    public static Judgement indicatorsNotFallen(WeeklyIndicators previous, WeeklyIndicators current, List<String> keys) {
        List<Trends.Change> changes = Trends.compare(previous, current, keys);
        List<String> missing = Trends.missing(previous, current, keys);
        List<String> missingPaths = new ArrayList<>();
        for (String k : missing) {
            if (previous.values().get(k) == null) missingPaths.add("indicators.previous." + k);
            if (current.values().get(k) == null) missingPaths.add("indicators.current." + k);
        }
        String periods = periods(previous, current);
        String gaps = missing.isEmpty() ? "" : " Не сравнивались (нет значения в одном из периодов) "
                + Plural.count(missing.size(), "показатель", "показателя", "показателей") + " из " + keys.size() + ": "
                + missing.stream().map(k -> "«" + WeeklyIndicators.LABELS.get(k) + "»").collect(Collectors.joining(", ")) + ".";
        String source = previous.getSourceDecisionId() == null ? "" : " Показатели предыдущего периода взяты из сохранённой проверки "
                + previous.getSourceDecisionId() + " на " + Fmt.date(previous.getSourceAsOf()) + ".";
        Judgement j;
        if (changes.isEmpty()) {
            j = Judgement.of(Verdict.NO_DATA, "Нет ни одного показателя, известного за оба периода" + periods + "." + gaps + " "
                    + FactPaths.missingExplanation(missingPaths.toArray(String[]::new)) + source, "missing", missingPaths);
        } else if (!Trends.fallen(changes).isEmpty()) {
            List<Trends.Change> fallen = Trends.fallen(changes);
            j = Judgement.of(Verdict.FAIL, Plural.verb(fallen.size(), "Снизился показатель", "Снизились показатели") + periods + ": " + Fmt.list(fallen) + "." + gaps + source,
                    "fallen", fallen.stream().map(Trends.Change::toString).toList(), "compared", changes.size(), "missingIndicators", missingPaths);
        } else {
            List<Trends.Change> risen = Trends.risen(changes);
            String level = changes.size() == risen.size() ? "" : " Без изменений: " + changes.stream().filter(c -> !c.rose() && !c.fell())
                    .map(Trends.Change::toString).collect(Collectors.joining(", ")) + ".";
            String detail = (risen.isEmpty() ? "" : " " + Plural.verb(risen.size(), "Вырос", "Выросли") + ": " + Fmt.list(risen) + ".") + level;
            if (missing.isEmpty()) {
                j = Judgement.of(Verdict.PASS, "Ни один показатель не снизился" + periods + "." + detail + source,
                        "risen", risen.stream().map(Trends.Change::toString).toList(), "compared", changes.size());
            } else {
                j = Judgement.of(Verdict.NO_DATA, "Из " + keys.size() + " показателей пункта известны за оба периода "
                        + changes.size() + "; среди них ни один не снизился" + periods + "." + detail + " Не сравнивались (нет значения в одном из периодов) "
                        + Plural.count(missing.size(), "показатель", "показателя", "показателей") + " из " + keys.size()
                        + " — без них нельзя сказать, что не снизился ни один показатель пункта. "
                        + FactPaths.missingExplanation(missingPaths.toArray(String[]::new)) + source,
                        "risen", risen.stream().map(Trends.Change::toString).toList(), "compared", changes.size(), "missing", missingPaths);
            }
        }
        if (previous.getSourceDecisionId() != null) j.evidence().put("previousFrom", previous.getSourceDecisionId());
        return j;
    }

    /**
     * The partial-comparison reading, one for every multi-part clause and every «raise the indicators» clause
     * (the same as {@link #worst}): a known fall or shortfall in any part is a FAIL, whatever the other parts; a
     * part that needs a person makes the clause MANUAL; otherwise the clause is PASS only when every part the
     * clause names is known, and NO_DATA naming every missing part when one is not.
     */
    public static Judgement partial(Judgement... parts) { return worst(parts); }

    /**
     * Weekly analysis of the statistics over the audited period, counted from the day the decree's
     * duties start. Every whole calendar week (Monday–Sunday) inside that window needs at least one
     * analysis; when the window holds no whole week yet, the duty is PENDING unless an analysis exists.
     */
    public static Judgement weeklyCadence(List<LocalDate> analyses, Audit audit, LocalDate dutiesFrom) {
        LocalDate from = Cadence.latest(audit.getPeriodFrom(), dutiesFrom);
        LocalDate to = Cadence.earliest(audit.getPeriodTo(), audit.getAsOf());
        List<Cadence.Week> weeks = from.isAfter(to) ? List.of() : Cadence.wholeWeeks(from, to);
        List<Cadence.Week> missing = from.isAfter(to) ? List.of() : Cadence.weeksWithout(analyses, from, to);
        String window = "период " + Fmt.date(from) + "–" + Fmt.date(to);
        List<String> dates = analyses.stream().sorted().map(Fmt::date).toList();
        if (weeks.isEmpty()) {
            boolean any = analyses.stream().anyMatch(d -> !d.isBefore(from) && !d.isAfter(to));
            return Judgement.of(any ? Verdict.PASS : Verdict.PENDING, "В " + window + " нет ни одной полной календарной недели; "
                    + (any ? "анализ уже проводился." : "первая неделя ещё не завершилась."), "analyses", dates);
        }
        if (missing.isEmpty()) {
            return Judgement.of(Verdict.PASS, "Анализ статистики проводился каждую неделю: " + weeks.size() + " из " + weeks.size()
                    + " " + Plural.ofGenitive(weeks.size(), "полных недель") + " за " + window + ".", "weeks", weeks.size(), "analyses", dates);
        }
        return Judgement.of(Verdict.FAIL, "Еженедельный анализ статистики не проводился в " + missing.size() + " из " + weeks.size()
                + " " + Plural.ofGenitive(weeks.size(), "полных недель") + " за " + window + ": " + Fmt.list(missing, 6) + ".",
                "weeks", weeks.size(), "weeksWithoutAnalysis", missing.stream().map(Cadence.Week::toString).toList(), "analyses", dates);
    }

    /**
     * Use, not only registration: appends to a clause that speaks of use («использование», «активность») what the
     * organization reported about actual use of Sferum per group — users active in the last 7 days and in the last
     * 12 months, as shares of the whole group (the measure of the preamble of decree 262: «учителей, использовавших
     * за последние 12 месяцев ИКОП «Сферум» — 51 %»). Reading: no clause sets a threshold of use, so these figures
     * inform the person who signs the act and never change the verdict. Nothing reported — the judgement unchanged.
     */
    public static Judgement withUse(Judgement j, Collection<?> headcounts) {
        String use = useOfSferum(headcounts);
        if (use.isEmpty()) return j;
        java.util.Map<String, Object> ev = new java.util.LinkedHashMap<>(j.evidence());
        java.util.Map<String, Object> figures = new java.util.LinkedHashMap<>();
        for (Object o : headcounts) {
            Headcount h = (Headcount) o;
            if (!h.hasUse()) continue;
            java.util.Map<String, Object> g = new java.util.LinkedHashMap<>();
            g.put("total", h.getTotal());
            if (h.getActiveLast7Days() != null) g.put("activeLast7Days", h.getActiveLast7Days());
            if (h.getActiveLast12Months() != null) g.put("activeLast12Months", h.getActiveLast12Months());
            figures.put(h.getGroup(), g);
        }
        ev.put("use", figures);
        return new Judgement(j.verdict(), j.explanation() + " " + use, ev);
    }

    /** «Использование ИКОП «Сферум» (не только регистрация): педагогических работников — за 12 месяцев 51 из 100 (51 %), …» or "". */
    public static String useOfSferum(Collection<?> headcounts) {
        List<String> parts = new ArrayList<>();
        for (String group : List.of("teachers", "students", "employees", "parents")) {
            for (Object o : headcounts) {
                Headcount h = (Headcount) o;
                if (!group.equals(h.getGroup()) || !h.hasUse() || h.getTotal() == null) continue;
                List<String> spans = new ArrayList<>();
                if (h.getActiveLast12Months() != null) spans.add("за последние 12 месяцев " + Fmt.share(h.getActiveLast12Months(), h.getTotal()));
                if (h.getActiveLast7Days() != null) spans.add("за последние 7 дней " + Fmt.share(h.getActiveLast7Days(), h.getTotal()));
                parts.add(GROUP_GENITIVE.get(group) + " — " + String.join(", ", spans));
            }
        }
        return parts.isEmpty() ? "" : "Использование ИКОП «Сферум» (активные пользователи, не только зарегистрированные): "
                + String.join("; ", parts) + ". На вердикт не влияет: пункт порога использования не устанавливает.";
    }

    private static final java.util.Map<String, String> GROUP_GENITIVE = java.util.Map.of(
            "teachers", "педагогических работников", "students", "обучающихся", "employees", "сотрудников",
            "parents", "родителей (законных представителей)");

    /** NO_DATA naming the missing fact paths (explained from the facts schema). */
    public static Judgement noData(String... paths) {
        return Judgement.of(Verdict.NO_DATA, FactPaths.missingExplanation(paths), "missing", List.of(paths));
    }

    /**
     * Combines the judgements of one clause's parts: the clause is as bad as its worst part
     * ({@link Verdict#WORST_FIRST}: FAIL, then MANUAL, NO_DATA, PENDING, PASS). A known breach is a FAIL even when another part lacks
     * data; the explanation keeps every part's.
     */
    public static Judgement worst(Judgement... parts) {
        Verdict v = Verdict.PASS;
        for (Judgement j : parts) if (j.verdict().isWorseThan(v)) v = j.verdict();
        java.util.Map<String, Object> ev = new java.util.LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Judgement j : parts) {
            ev.putAll(j.evidence());
            if (j.verdict() == Verdict.NO_DATA && j.evidence().get("missing") instanceof List<?> paths && !paths.isEmpty()) {
                paths.forEach(x -> missing.add(String.valueOf(x)));
                // a part that says more than «нет сведений» keeps what it says (the missing paths are named once, below)
                String own = FactPaths.missingExplanation(paths.stream().map(String::valueOf).toArray(String[]::new));
                String rest = j.explanation().replace(own, "").trim();
                if (!rest.isEmpty()) texts.add(rest);
            } else {
                texts.add(j.explanation());
            }
        }
        if (!missing.isEmpty()) { // one «нет сведений» sentence naming every missing path
            ev.put("missing", missing);
            texts.add(FactPaths.missingExplanation(missing.toArray(String[]::new)));
        }
        return new Judgement(v, String.join(" ", texts), ev);
    }

    /** The single element of a collected list, or null when the fact was not reported. */
    public static <T> T one(List<T> collected) { return collected.isEmpty() ? null : collected.get(0); }

    /** « (предыдущий период 06.11.2023–12.11.2023, проверяемый 13.11.2023–19.11.2023)», or the part that is known. */
    private static String periods(WeeklyIndicators previous, WeeklyIndicators current) {
        if (previous.hasPeriod() && current.hasPeriod()) return " (предыдущий период" + period(previous) + ", проверяемый" + period(current) + ")";
        if (previous.hasPeriod()) return " (предыдущий период" + period(previous) + ")";
        if (current.hasPeriod()) return " (проверяемый период" + period(current) + ")";
        return "";
    }

    private static String period(WeeklyIndicators w) {
        return w.hasPeriod() ? " " + Fmt.date(w.getPeriodFrom()) + "–" + Fmt.date(w.getPeriodTo()) : "";
    }

}
