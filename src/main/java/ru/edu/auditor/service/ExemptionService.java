package ru.edu.auditor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.service.record.ChangeRecord;
import java.util.Optional;
import java.util.Set;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.report.Exemptions;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.Catalog;
import ru.edu.auditor.law.catalog.Decree;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.store.ExemptionRepository;
import ru.edu.auditor.service.access.Tokens;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.text.Fmt;

/**
 * Exemptions of one organization from one clause (issue 9, item 5): checks a submitted exemption against the
 * current catalog, records it, revokes it, lists them. The audit applies those in force on its date (see
 * {@link AuditService}); nothing here changes a stored report.
 * <p>Body of a new exemption: {@code organization} ({@code name} and {@code municipality} required, {@code id}
 * optional — the organization is then keyed as its audits are, see {@link OrganizationKey}), {@code decree},
 * {@code clause}, {@code justification}, {@code document} ({@code number}, {@code date}), {@code expiresOn}.
 */
public final class ExemptionService {
    /** Longest accepted justification, in characters; every other text field takes at most {@value #MAX_TEXT}. */
    static final int MAX_JUSTIFICATION = 4000;
    static final int MAX_TEXT = 1000;
    private static final Set<String> FIELDS = Set.of("organization", "decree", "clause", "justification", "document", "expiresOn");
    private static final Set<String> ORGANIZATION_FIELDS = Set.of("id", "name", "municipality", "region", "kind");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("number", "date");

    private final ExemptionRepository store;
    private final RulesHolder rules;
    private final Visibility visibility;
    private final ChangeRecord record;

    /** Exemptions of the store {@code audits} keeps, each recorded and revoked also in its change record. */
    public ExemptionService(AuditService audits) { this(audits.exemptions(), audits.rules(), audits.visibility(), audits.record()); }

    /** Exemptions for callers of any scope, {@code visibility} deciding whose organizations each sees. */
    public ExemptionService(ExemptionRepository store, RulesHolder rules, Visibility visibility) { this(store, rules, visibility, ChangeRecord.NONE); }

    public ExemptionService(ExemptionRepository store, RulesHolder rules, Visibility visibility, ChangeRecord record) {
        this.store = store;
        this.rules = rules;
        this.visibility = visibility;
        this.record = record;
    }

    /**
     * Either the recorded exemption or every problem of the body, by field path (then {@code recorded} is null);
     * {@code warnings}: what the person recording should know although it was recorded (Russian).
     */
    public record Outcome(Exemptions.Recorded recorded, List<FieldProblem> problems, List<String> warnings) {
        public Outcome(Exemptions.Recorded recorded, List<FieldProblem> problems) { this(recorded, problems, List.of()); }

        /** Refused because the organization is outside the caller's scope (the API answers 403). */
        public boolean outOfScope() { return recorded == null && problems.stream().anyMatch(p -> Visibility.OUT_OF_SCOPE.equals(p.code())); }
    }

    /** Checks {@code body} and records it as recorded by {@code who} (refused for an organization outside its scope). */
    public Outcome record(JsonNode body, Tokens.Principal who) {
        String recordedBy = who.name();
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Outcome(null, List.of(new FieldProblem("$", "ожидается JSON-объект с освобождением", "type")));
        }
        unknown(body, "$", FIELDS, problems);
        JsonNode org = body.get("organization");
        String orgId = null, orgName = null, municipality = null;
        if (org == null || org.isNull()) {
            problems.add(new FieldProblem("$.organization", "обязательное поле: организация (name, municipality; id — если аудитор его задаёт)", "required"));
        } else if (!org.isObject()) {
            problems.add(new FieldProblem("$.organization", "ожидается объект с полями name, municipality и, при наличии, id", "type"));
        } else {
            unknown(org, "$.organization", ORGANIZATION_FIELDS, problems);
            orgId = text(org, "id", "$.organization.id", false, MAX_TEXT, problems);
            orgName = text(org, "name", "$.organization.name", true, MAX_TEXT, problems);
            municipality = text(org, "municipality", "$.organization.municipality", true, MAX_TEXT, problems);
            text(org, "region", "$.organization.region", false, MAX_TEXT, problems);
            text(org, "kind", "$.organization.kind", false, MAX_TEXT, problems);
        }
        String decreeId = text(body, "decree", "$.decree", true, MAX_TEXT, problems);
        String clause = text(body, "clause", "$.clause", true, MAX_TEXT, problems);
        Catalog catalog = rules.current().catalog();
        Decree decree = decreeId == null ? null : catalog.decree(decreeId).orElse(null);
        if (decreeId != null && decree == null) {
            problems.add(new FieldProblem("$.decree", "в действующем каталоге нет решения с id «" + decreeId + "» (список: GET /api/v1/decrees)", "unknown-decree"));
        }
        if (decree != null && clause != null && decree.clause(clause).isEmpty()) {
            problems.add(new FieldProblem("$.clause", "в решении «" + decreeId + "» нет пункта «" + clause + "» (пункты: GET /api/v1/decrees/" + decreeId + ")",
                    "unknown-clause"));
        }
        String justification = text(body, "justification", "$.justification", true, MAX_JUSTIFICATION, problems);
        JsonNode doc = body.get("document");
        String number = null;
        LocalDate documentDate = null;
        if (doc == null || doc.isNull()) {
            problems.add(new FieldProblem("$.document", "обязательное поле: документ об освобождении (number — номер, date — дата)", "required"));
        } else if (!doc.isObject()) {
            problems.add(new FieldProblem("$.document", "ожидается объект с полями number и date", "type"));
        } else {
            unknown(doc, "$.document", DOCUMENT_FIELDS, problems);
            number = text(doc, "number", "$.document.number", true, MAX_TEXT, problems);
            documentDate = date(doc, "date", "$.document.date", problems);
        }
        LocalDate expiresOn = date(body, "expiresOn", "$.expiresOn", problems);
        if (documentDate != null && expiresOn != null && expiresOn.isBefore(documentDate)) {
            problems.add(new FieldProblem("$.expiresOn", "срок освобождения (" + Fmt.date(expiresOn) + ") раньше даты документа об освобождении ("
                    + Fmt.date(documentDate) + ")",
                    "before-document"));
        }
        if (!problems.isEmpty()) return new Outcome(null, problems);
        ObjectNode o = Json.mapper().createObjectNode();
        if (orgId != null) o.put("id", orgId);
        o.put("name", orgName);
        o.put("municipality", municipality);
        String key = OrganizationKey.of(Json.mapper().convertValue(o, Organization.class));
        String nameKey = OrganizationKey.nameKey(orgName, municipality);
        String region = org.hasNonNull("region") && org.get("region").isTextual() ? org.get("region").asText().strip() : null;
        if (!visibility.sees(who, key, nameKey, municipality, region)) {
            return new Outcome(null, List.of(Visibility.outside(who, "$.organization")));
        }
        List<String> warnings = new ArrayList<>();
        if (!store.knows(key, nameKey, Applicability.placeKey(municipality))) {
            // accepted (the organization may be audited later), but a misspelt name or id would otherwise miss silently
            warnings.add("Организация «" + orgName + "» (" + municipality + (orgId != null ? ", id «" + orgId + "»" : "")
                    + ") не найдена среди проверенных: ни одной проверки ни по идентификатору, ни по названию и району. Освобождение записано;"
                    + " оно применится к проверкам этой организации, если название и район (или идентификатор) в её сведениях совпадут"
                    + " с записанными — проверьте написание.");
        }
        if (expiresOn.isBefore(LocalDate.now(ZoneOffset.UTC))) {
            warnings.add("Срок освобождения (по " + Fmt.date(expiresOn) + ") уже прошёл: оно применяется к проверкам на даты по "
                    + Fmt.date(expiresOn) + " включительно, к проверкам на более поздние даты — нет.");
        }
        Exemptions.Recorded r = store.insert(new ExemptionRepository.New(key, orgName, municipality, Applicability.placeKey(municipality),
                decreeId, clause, justification, number, documentDate, expiresOn, recordedBy));
        record.appendNow(recordedBy, ChangeRecord.Action.EXEMPTION_RECORDED, "Записано освобождение № " + r.id() + " «" + orgName + "» ("
                + municipality + ") от пункта " + clause + " решения «" + decreeId + "» по " + Fmt.date(expiresOn),
                Map.of("exemption", r.id(), "organization", orgName, "decree", decreeId, "clause", clause, "expiresOn", expiresOn.toString()),
                r.organizationKey(), r.municipalityKey());
        return new Outcome(r, List.of(), List.copyOf(warnings));
    }

    /**
     * Why {@code reason} (stripped, not empty) cannot be recorded as a revocation's reason, or null: checked like every
     * other text of an exemption (no control characters, no bidi overrides or line separators; at most
     * {@link #MAX_TEXT} characters) and, like an identifier, without invisible format characters (a zero-width space):
     * it is a short note read in lists and in the act, where a hidden character only hides what was written.
     */
    public static String reasonProblem(String reason) {
        String bad = ValueLimits.text(reason, true);
        if (bad != null) return bad;
        int n = reason.codePointCount(0, reason.length());
        if (n > MAX_TEXT) return "слишком длинное значение: " + n + " " + ValueLimits.characters(n) + ", допустимо не больше " + MAX_TEXT;
        return null;
    }

    /** Where an exemption stands on a day, judged by its own dates. */
    public enum State { IN_FORCE, EXPIRED, REVOKED }

    /**
     * The exemption's state judged by its own dates on the day judged: {@code asOf} when one is named (the date of an audit
     * being looked at: revoked only if revoked on or before it), today (UTC) otherwise (then revoked whenever revoked) —
     * in force, expired or revoked, as {@link Exemptions.Exemption#holdsOn} applies it to an audit of that day.
     */
    public static State state(Exemptions.Recorded r, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
        boolean revokedBy = r.revokedAt() != null && !LocalDate.ofInstant(r.revokedAt(), ZoneOffset.UTC).isAfter(day);
        if (revokedBy || (asOf == null && r.revokedAt() != null)) return State.REVOKED;
        return day.isAfter(r.expiresOn()) ? State.EXPIRED : State.IN_FORCE;
    }

    /** Revokes exemption {@code id} as {@code who}; {@code reason} may be null. One outside {@code who}'s scope is not found. */
    public Exemptions.Revocation revoke(long id, Tokens.Principal who, String reason) {
        if (find(who, id).isEmpty()) return Exemptions.Revocation.NOT_FOUND;
        Exemptions.Revocation r = store.revoke(id, who.name(), reason);
        if (r == Exemptions.Revocation.REVOKED) {
            Exemptions.Recorded e = store.find(id).orElse(null);
            Map<String, Object> detail = new java.util.LinkedHashMap<>();
            detail.put("exemption", id);
            detail.put("reason", reason);
            record.appendNow(who.name(), ChangeRecord.Action.EXEMPTION_REVOKED, "Отозвано освобождение № " + id
                    + (e == null ? "" : " «" + e.organizationName() + "» от пункта " + e.clause() + " решения «" + e.decree() + "»")
                    + (reason == null || reason.isBlank() ? "" : ": " + reason), detail, e == null ? null : e.organizationKey(),
                    e == null ? null : e.municipalityKey());
        }
        return r;
    }

    /** One exemption; empty when none has that id or its organization is outside {@code who}'s scope. */
    public Optional<Exemptions.Recorded> find(Tokens.Principal who, long id) {
        return store.find(id).filter(r -> visible(who, r));
    }

    /** The organization's exemptions (by the key its audits are kept under), revoked ones included; those {@code who} sees. */
    public List<Exemptions.Recorded> byOrganization(Tokens.Principal who, String organizationKey) {
        return store.byOrganization(organizationKey, visibility.filter(who));
    }

    /** The exemptions of a municipality's organizations (by its name, normalised as the roll-up does), revoked ones included; those {@code who} sees. */
    public List<Exemptions.Recorded> byMunicipality(Tokens.Principal who, String municipality) {
        return store.byMunicipality(OrganizationKey.municipalityKeys(municipality, rules.current().catalog()), visibility.filter(who));
    }

    /** Every exemption {@code who} sees (filtered by the store). */
    public List<Exemptions.Recorded> all(Tokens.Principal who) { return store.all(visibility.filter(who)); }

    /** The same reading as the lists': the store's filter on this one exemption. */
    private boolean visible(Tokens.Principal who, Exemptions.Recorded r) {
        if (visibility.seesEverything(who)) return true;
        return store.byOrganization(r.organizationKey(), visibility.filter(who)).stream().anyMatch(x -> x.id() == r.id());
    }

    private static void unknown(JsonNode node, String path, Set<String> known, List<FieldProblem> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(new FieldProblem(ValueLimits.child(path, f), "неизвестное поле; допустимы: " + String.join(", ", known.stream().sorted().toList()),
                        "unknown-field"));
            }
        }
    }

    /** The non-blank single-line text at {@code node.name}, or null after noting why not. */
    private static String text(JsonNode node, String name, String path, boolean required, int max, List<FieldProblem> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) problems.add(new FieldProblem(path, "обязательное поле", "required"));
            return null;
        }
        if (!v.isTextual()) {
            problems.add(new FieldProblem(path, "ожидается строка", "type"));
            return null;
        }
        String s = v.asText().strip();
        if (s.isEmpty()) {
            problems.add(new FieldProblem(path, required ? "обязательное поле не может быть пустым" : "пустое значение: уберите поле или заполните его", "blank"));
            return null;
        }
        String bad = ValueLimits.text(s, path.endsWith(".id"));
        if (bad != null) {
            problems.add(new FieldProblem(path, bad, "characters"));
            return null;
        }
        int n = s.codePointCount(0, s.length());
        if (n > max) {
            problems.add(new FieldProblem(path, "слишком длинное значение: " + n + " " + ValueLimits.characters(n) + ", допустимо не больше " + max,
                    "too-long"));
            return null;
        }
        return s;
    }

    private static LocalDate date(JsonNode node, String name, String path, List<FieldProblem> problems) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            problems.add(new FieldProblem(path, "обязательное поле: дата в виде ГГГГ-ММ-ДД", "required"));
            return null;
        }
        if (v.isTextual()) {
            try {
                return LocalDate.parse(v.asText());
            } catch (DateTimeParseException ignored) { // reported below
            }
        }
        problems.add(new FieldProblem(path, "ожидается дата в виде ГГГГ-ММ-ДД, например 2025-09-01", "date"));
        return null;
    }
}
