package ru.edu.auditor.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.law.Verdict;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.text.Fmt;

/**
 * Exemptions (as InSpec's waivers): an authority exempts one organization from one clause, with the justification,
 * the exempting document (number, date), who recorded it and an expiry date. While an exemption holds on the audit's
 * date ({@code asOf} not after {@code expiresOn}, not revoked on or before {@code asOf}) the clause shows EXEMPT with
 * the justification and the verdict it would otherwise have had; after expiry the verdict returns by itself, because
 * the exemption is applied to each report and never changes the rules' findings.
 * <p>Reading: EXEMPT replaces every verdict except ERROR (a defect of the rules is never hidden), NOT_APPLICABLE and
 * INFO (nothing to exempt from).
 */
public final class Exemptions {
    private Exemptions() { }

    /** One exemption as recorded. {@code revokedAt}/{@code revokedBy}: when and by whom it was revoked (null while not). */
    public record Exemption(long id, String organizationKey, String decree, String clause, String justification,
                            String documentNumber, LocalDate documentDate, String recordedBy, Instant recordedAt,
                            LocalDate expiresOn, Instant revokedAt, String revokedBy, String organizationNameKey) {
        /** An exemption known by its key alone (no name key: it matches audits under the same key only). */
        public Exemption(long id, String organizationKey, String decree, String clause, String justification, String documentNumber,
                         LocalDate documentDate, String recordedBy, Instant recordedAt, LocalDate expiresOn, Instant revokedAt, String revokedBy) {
            this(id, organizationKey, decree, clause, justification, documentNumber, documentDate, recordedBy, recordedAt, expiresOn,
                    revokedAt, revokedBy, null);
        }

        /** Whether it names the report's organization, however each names it ({@link OrganizationKey#same}). */
        public boolean names(String reportKey, String reportNameKey) {
            return OrganizationKey.same(organizationKey, organizationNameKey, reportKey, reportNameKey);
        }

        /** Holds on {@code asOf}: not expired (the expiry day inclusive) and not revoked on or before that day. */
        public boolean holdsOn(LocalDate asOf) {
            if (asOf.isAfter(expiresOn)) return false;
            return revokedAt == null || LocalDate.ofInstant(revokedAt, java.time.ZoneOffset.UTC).isAfter(asOf);
        }
    }

    /**
     * An exemption as the store keeps it, with the organization's name and municipality as recorded; {@code revokedAt},
     * {@code revokedBy}, {@code revocationReason} null while it is not revoked.
     */
    public record Recorded(long id, String organizationKey, String organizationName, String municipality, String municipalityKey,
                           String decree, String clause, String justification, String documentNumber, LocalDate documentDate,
                           LocalDate expiresOn, String recordedBy, Instant recordedAt, String revokedBy, Instant revokedAt,
                           String revocationReason) {
        /** As the report applies it. */
        public Exemption exemption() {
            return new Exemption(id, organizationKey, decree, clause, justification, documentNumber, documentDate, recordedBy,
                    recordedAt, expiresOn, revokedAt, revokedBy, OrganizationKey.nameKey(organizationName, municipality));
        }
    }

    /** What a revocation came to. */
    public enum Revocation { REVOKED, ALREADY, NOT_FOUND }

    private static final Set<Verdict> NOT_EXEMPTIBLE = Set.of(Verdict.ERROR, Verdict.NOT_APPLICABLE, Verdict.INFO);

    /** The report with every held exemption of its organization applied; statuses and summaries recomputed. */
    public static AuditReport apply(AuditReport report, List<Exemption> exemptions) {
        Organization org = report.organization();
        String nameKey = org == null || org.getName() == null || org.getMunicipality() == null ? null
                : OrganizationKey.nameKey(org.getName(), org.getMunicipality());
        List<Exemption> mine = exemptions.stream().filter(e -> e.names(report.organizationKey(), nameKey)).toList();
        if (mine.isEmpty()) return report;
        List<DecreeReport> decrees = new ArrayList<>();
        Map<Verdict, Integer> overall = new EnumMap<>(Verdict.class);
        for (DecreeReport d : report.decrees()) {
            if (!d.applicable() || d.clauses() == null) { decrees.add(d); continue; }
            List<ClauseResult> clauses = new ArrayList<>();
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            for (ClauseResult c : d.clauses()) {
                // held on the day the clause judges (a week's last day for a clause that judges a period), not only on the audit date
                LocalDate day = c.judgedOn() != null ? c.judgedOn() : report.asOf();
                Exemption e = mine.stream().filter(x -> x.decree().equals(d.id()) && x.clause().equals(c.clause()) && x.holdsOn(day))
                        .findFirst().orElse(null);
                ClauseResult r = e == null || NOT_EXEMPTIBLE.contains(c.status()) ? c : exempt(c, e);
                clauses.add(r);
                counts.merge(r.status(), 1, Integer::sum);
                overall.merge(r.status(), 1, Integer::sum);
            }
            decrees.add(new DecreeReport(d.id(), d.kind(), d.number(), d.date(), d.issuer(), d.title(), d.applicable(), d.applicability(),
                    ReportStatus.of(counts), names(counts), clauses));
        }
        String status = report.errors().isEmpty() ? ReportStatus.of(overall) : ReportStatus.ERROR;
        return new AuditReport(report.decisionId(), report.rulesVersion(), report.auditedAt(), report.asOf(), report.organization(),
                report.organizationKey(), status, names(overall), decrees, report.errors(), report.history());
    }

    private static ClauseResult exempt(ClauseResult c, Exemption e) {
        Map<String, Object> ev = new LinkedHashMap<>(c.evidence() == null ? Map.of() : c.evidence());
        ev.put("exemptionId", e.id());
        ev.put("wouldBe", c.status().name());
        String text = "Организация освобождена от исполнения пункта: " + e.justification() + " (документ № " + e.documentNumber()
                + " от " + Fmt.date(e.documentDate()) + "; освобождение записал " + e.recordedBy() + "; действует по "
                + Fmt.date(e.expiresOn()) + " включительно). Без освобождения вердикт был бы «" + Labels.verdict(c.status().name())
                + "»: " + c.explanation();
        return new ClauseResult(c.decree(), c.clause(), c.kind(), Verdict.EXEMPT, text, c.citation(), c.deadline(), c.deadlineNote(), ev,
                c.addressee(), c.text(), c.rule(), c.versionFrom(), c.amendedBy(), c.judgedOn());
    }

    private static Map<String, Integer> names(Map<Verdict, Integer> counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k.name(), v));
        return m;
    }
}
