package ru.edu.auditor.law.reference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.edu.auditor.law.RuleProblem;

/**
 * The Russian production calendar (rules/reference/production-calendar.yaml): public holidays (art. 112 of the
 * Labour Code), days off the Government transferred or a holiday on a weekend moved, and weekend days made working.
 * A day is non-working when it is a holiday, a transferred day off, or a Saturday/Sunday not made working.
 * Years outside the file are read by the weekly rule alone (Saturday and Sunday), and {@link #covers} says so.
 */
public final class ProductionCalendar {
    public static final String FILE = "reference/production-calendar.yaml";

    record DayOff(LocalDate date, String why) { }
    record Year(int year, String decree, List<LocalDate> holidays, List<DayOff> daysOff, List<LocalDate> workingDays, Integer workingDaysCount) { }
    record Document(List<Year> years) { }

    private final Set<LocalDate> holidays = new HashSet<>();
    private final Map<LocalDate, String> daysOff = new HashMap<>();
    private final Set<LocalDate> working = new HashSet<>();
    private final Map<Integer, Year> years = new HashMap<>();

    private ProductionCalendar() { }

    /** The calendar, or the problems that make it unusable (then {@code calendar} is null). */
    public record Loaded(ProductionCalendar calendar, List<RuleProblem> problems) { }

    /** An empty calendar: weekends only (used when the rules directory carries no calendar file). */
    public static ProductionCalendar weekendsOnly() { return new ProductionCalendar(); }

    public static Loaded load(Path rulesDir) {
        Path file = rulesDir.resolve(FILE);
        if (!Files.exists(file)) return new Loaded(weekendsOnly(), List.of());
        Document doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile(), Document.class);
        } catch (IOException e) {
            return new Loaded(null, List.of(RuleProblem.inFile(FILE, e.getMessage().lines().findFirst().orElse("не читается"))));
        }
        ProductionCalendar c = new ProductionCalendar();
        List<RuleProblem> problems = new ArrayList<>();
        if (doc == null || doc.years() == null) return new Loaded(c, List.of());
        for (Year y : doc.years()) {
            c.years.put(y.year(), y);
            if (y.holidays() != null) c.holidays.addAll(y.holidays());
            if (y.daysOff() != null) for (DayOff d : y.daysOff()) c.daysOff.put(d.date(), d.why());
            if (y.workingDays() != null) c.working.addAll(y.workingDays());
            if (y.workingDaysCount() != null && c.workingDays(y.year()) != y.workingDaysCount()) {
                problems.add(RuleProblem.inFile(FILE, y.year() + " год: рабочих дней по файлу " + c.workingDays(y.year())
                        + ", а указано workingDaysCount " + y.workingDaysCount() + " — проверьте праздники и переносы"));
            }
        }
        return new Loaded(problems.isEmpty() ? c : null, problems);
    }

    /** Whether the file states this year (otherwise only Saturdays and Sundays are known as days off). */
    public boolean covers(int year) { return years.containsKey(year); }

    public boolean isWorking(LocalDate d) {
        if (working.contains(d)) return true;
        if (holidays.contains(d) || daysOff.containsKey(d)) return false;
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The first working day on or after {@code d}. */
    public LocalDate workingDayOnOrAfter(LocalDate d) {
        LocalDate x = d;
        while (!isWorking(x)) x = x.plusDays(1);
        return x;
    }

    /** Why a non-working day is one, in Russian: «суббота», «нерабочий праздничный день», «перенесённый выходной (…)». */
    public String whyNonWorking(LocalDate d) {
        if (holidays.contains(d)) return "нерабочий праздничный день";
        if (daysOff.containsKey(d)) return daysOff.get(d);
        return d.getDayOfWeek() == DayOfWeek.SATURDAY ? "суббота" : "воскресенье";
    }

    /** Working days in a year by this calendar. */
    public int workingDays(int year) {
        int n = 0;
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) if (isWorking(d)) n++;
        return n;
    }
}
