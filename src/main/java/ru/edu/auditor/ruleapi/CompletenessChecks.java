package ru.edu.auditor.ruleapi;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a duty reached everyone it concerns («all organizations moved», «all heads acquainted»), from
 * a count done and a total that may each be unreported. Pure functions returning a {@link Judgement}.
 * <p><b>Deprecated, kept for rule files written for the release before the package move</b> (they imported
 * {@code ru.edu.auditor.engine.*}, which the rule compiler now reads as {@code ru.edu.auditor.ruleapi.*}): these are
 * the readings as that release had them, unchanged, so such files compile and judge as they did. The live rules in
 * rules/ do not use this class; their readings are DRL (rules/common, rules/decrees).
 */
@Deprecated
public final class CompletenessChecks {
    private CompletenessChecks() { }

    /**
     * «Все» means every single one: {@code done == total}; 26 of 27 is a FAIL whatever the rounding.
     * A reported total of 0 contradicts the duty (there is always someone it concerns) and needs a
     * person's judgement (MANUAL). Unreported counts are NO_DATA naming their paths, never zeros.
     * Text: «Руководители образовательных организаций: ознакомлены с приказом 55 из 58 (94,8 %); не ознакомлены 3.»
     *
     * @param who     «Руководители образовательных организаций» — the group, nominative plural
     * @param did     «ознакомлены с приказом» — what the counted ones did
     * @param didNot  «не ознакомлены» — the negative, used with the shortfall
     * @param key     evidence key prefix: {key}Total, {key}Done, {key}Missing
     */
    public static Judgement all(Integer done, String donePath, Integer total, String totalPath,
                                String who, String did, String didNot, String key) {
        if (done == null || total == null) {
            List<String> missing = new ArrayList<>();
            if (total == null) missing.add(totalPath);
            if (done == null) missing.add(donePath);
            return Checks.noData(missing.toArray(String[]::new));
        }
        if (total == 0) {
            return Judgement.of(Verdict.MANUAL, who + ": всего указано 0 — сведения противоречат проверяемой обязанности, требуется оценка специалиста.",
                    key + "Total", 0, key + "Done", done);
        }
        String text = who + ": " + did + " " + Fmt.share(done, total);
        if (done.intValue() == total.intValue()) {
            return Judgement.of(Verdict.PASS, text + " — все.", key + "Total", total, key + "Done", done);
        }
        return Judgement.of(Verdict.FAIL, text + "; " + didNot + " " + (total - done) + ".",
                key + "Total", total, key + "Done", done, key + "Missing", total - done);
    }

}
