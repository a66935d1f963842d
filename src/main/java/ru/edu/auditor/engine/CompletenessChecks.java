package ru.edu.auditor.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a duty reached everyone it concerns («all organizations moved», «all heads acquainted»), from
 * a count done and a total that may each be unreported. Pure functions returning a {@link Judgement}.
 */
public final class CompletenessChecks {
    private CompletenessChecks() { }

    /**
     * «Все» means every single one: {@code done == total}; 26 of 27 is a FAIL whatever the rounding.
     * A reported total of 0 contradicts the duty (there is always someone it concerns) and needs a
     * person's judgement (MANUAL). Unreported counts are NO_DATA naming their paths, never zeros.
     *
     * @param did     «перешли на Сферум и VK Мессенджер» — what the counted ones did (plural predicate)
     * @param didNot  «не перешли» — the negative, used with the shortfall
     * @param whom    «подведомственных образовательных организаций» — genitive plural of the group
     */
    public static Judgement all(Integer done, String donePath, Integer total, String totalPath,
                                String did, String didNot, String whom, String key) {
        if (done == null || total == null) {
            List<String> missing = new ArrayList<>();
            if (total == null) missing.add(totalPath);
            if (done == null) missing.add(donePath);
            return Checks.noData(missing.toArray(String[]::new));
        }
        if (total == 0) {
            return Judgement.of(Verdict.MANUAL, "Указано, что " + whom + " — 0: сведения противоречат проверяемой обязанности, требуется оценка специалиста.",
                    key + "Total", 0, key + "Done", done);
        }
        String text = capital(did) + " " + Fmt.share(done, total) + " " + whom;
        if (done.intValue() == total.intValue()) {
            return Judgement.of(Verdict.PASS, text + " — все.", key + "Total", total, key + "Done", done);
        }
        return Judgement.of(Verdict.FAIL, text + "; " + didNot + " " + (total - done) + ".",
                key + "Total", total, key + "Done", done, key + "Missing", total - done);
    }

    private static String capital(String s) { return Character.toUpperCase(s.charAt(0)) + s.substring(1); }
}
